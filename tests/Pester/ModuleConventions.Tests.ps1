# PowerShell's conventions, checked over what the module exports (PSScriptAnalyzer does not read compiled cmdlets).
BeforeDiscovery {
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $cases = @(Get-Command -Module GenesysConvo | ForEach-Object { @{ Name = $_.Name; Command = $_ } })
    $typedCases = @(Get-Command -Module GenesysConvo | Where-Object { $_.OutputType } | ForEach-Object { @{ Name = $_.Name; Command = $_ } })
}

BeforeAll {
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $commands = @(Get-Command -Module GenesysConvo)
    $approved = (Get-Verb).Verb
    $formats = [xml](Get-Content (Join-Path $env:GENESYSCONVO_MODULE_PATH 'GenesysConvo.format.ps1xml') -Raw)
    $viewed = @($formats.Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName)
}

AfterAll { Get-Module GenesysConvo | Remove-Module -Force }

Describe 'Module conventions' {
    It 'exports exactly the cmdlets the manifest lists' {
        $manifest = Test-ModuleManifest (Join-Path $env:GENESYSCONVO_MODULE_PATH 'GenesysConvo.psd1')
        ($commands.Name | Sort-Object) -join ',' | Should -Be (($manifest.ExportedCmdlets.Keys | Sort-Object) -join ',')
    }

    It '<Name> uses an approved verb and a singular, prefixed noun' -ForEach $cases {
        $approved | Should -Contain $Command.Verb
        $Command.Noun | Should -BeLike 'Genesys*' -Because 'nouns are prefixed'
        $Command.Noun | Should -Not -Match 's$' -Because 'nouns are singular'
        foreach ($parameter in $Command.Parameters.Values | Where-Object { $_.Name -notin [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }) {
            $parameter.Name | Should -MatchExactly '^[A-Z][A-Za-z]+$' -Because "$($parameter.Name) is PascalCase"
        }
    }

    It '<Name> declares its output types, each with a default view' -ForEach $typedCases {
        foreach ($type in $Command.OutputType.Name | Where-Object { $_ -like 'GenesysConvo.*' }) {
            $viewed | Should -Contain $type -Because "$type needs a table or list view"
        }
    }

    It 'every cmdlet that talks to the API takes -Session' {
        foreach ($command in $commands | Where-Object Name -notin 'Connect-GenesysCloud') {
            $command.Parameters.Keys | Should -Contain 'Session' -Because "$($command.Name) must work with an explicit session"
        }
    }

    It 'the data cmdlets support paging (-First, -Skip, -IncludeTotalCount)' {
        foreach ($name in 'Search-GenesysConversationHistory', 'Get-GenesysActiveConversation') {
            (Get-Command $name).Parameters.Keys | Should -Contain 'First'
            (Get-Command $name).Parameters.Keys | Should -Contain 'IncludeTotalCount'
        }
    }

    It 'cmdlets that change something support -WhatIf' {
        foreach ($name in 'Disconnect-GenesysCloud', 'Invoke-GenesysCloudRequest') { (Get-Command $name).Parameters.Keys | Should -Contain 'WhatIf' }
    }
}
