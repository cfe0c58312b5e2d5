@{
    # The cmdlet assembly built for this edition: net8.0 for PowerShell 7 (its engine isolated in a private
    # AssemblyLoadContext), netstandard2.0 for Windows PowerShell 5.1. Chosen here rather than by a script module,
    # which would cost a fresh session about 100 ms to compile and run
    # (https://learn.microsoft.com/powershell/gallery/concepts/module-psedition-support, option 2).
    # The key is in parentheses so that command discovery's quick reading of the manifest, which takes only keys
    # written as plain strings and cannot evaluate an if, passes over it and reads CmdletsToExport. A plain key sends
    # discovery to its slow analysis, which answers "not recognized" to every runspace but one that autoloads the module
    # at the same time (ForEach-Object -Parallel). Import-Module evaluates the key as any other.
    ('RootModule')       = if ($PSEdition -eq 'Core') { 'core/GenesysConvo.dll' } else { 'desktop/GenesysConvo.dll' }
    ModuleVersion        = '0.1.0'
    GUID                 = '7d3c1f0e-5b8a-4e36-9a61-2f0c4b7e8d15'
    Author               = 'GenesysConvo'
    CompanyName          = 'GenesysConvo'
    Copyright            = '(c) GenesysConvo. MIT License.'
    Description          = 'Genesys Cloud conversations for admins and runbooks: live conversations, conversation history and metrics from the analytics API, as typed objects streamed page by page over one shared session.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    CmdletsToExport      = @(
        'Connect-GenesysCloud'
        'Disconnect-GenesysCloud'
        'Get-GenesysCloudContext'
        'Invoke-GenesysCloudRequest'
        'Search-GenesysConversationHistory'
        'Export-GenesysConversationHistory'
        'Get-GenesysActiveConversation'
        'Get-GenesysConversation'
        'Get-GenesysConversationMetric'
        'Watch-GenesysConversation'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    FormatsToProcess     = @('GenesysConvo.format.ps1xml')
    PrivateData          = @{
        PSData = @{
            Tags         = @('GenesysCloud', 'Genesys', 'PureCloud', 'Analytics', 'ContactCenter', 'PSEdition_Core', 'PSEdition_Desktop')
            ProjectUri   = 'https://github.com/genesysconvo/genesysconvo'
            LicenseUri   = 'https://github.com/genesysconvo/genesysconvo/blob/main/LICENSE'
            ReleaseNotes = 'First release: Connect-GenesysCloud (client credentials, supplied tokens, environment), conversation history (search and export), live conversations and conversation metrics from the analytics API, over one self-renewing session. Try it offline against the bundled emulator: see the README.'
        }
    }
}
