# Every -Name that a message of the module mentions is a parameter a user can type: a message that names the fix must
# not name a parameter that does not exist. The messages are the string literals of the engine and the cmdlets, read with
# Roslyn (the copy PowerShell ships for Add-Type), so that comments are left out and every kind of literal is read.
BeforeDiscovery {
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $null = [System.Reflection.Assembly]::LoadFrom((Join-Path $PSHOME 'Microsoft.CodeAnalysis.CSharp.dll'))
    $kinds = [Microsoft.CodeAnalysis.CSharp.SyntaxKind]
    $literalKinds = @($kinds::StringLiteralToken, $kinds::InterpolatedStringTextToken, $kinds::SingleLineRawStringLiteralToken,
        $kinds::MultiLineRawStringLiteralToken, $kinds::Utf8StringLiteralToken) | ForEach-Object { [int]$_ }
    # Both sides of every #if: the engine builds for netstandard2.0 and net8.0.
    $symbolSets = @(@('NETSTANDARD', 'NETSTANDARD2_0'), @('NET', 'NETCOREAPP', 'NET8_0', 'NET8_0_OR_GREATER'))
    $root = Join-Path $PSScriptRoot '../../src'
    $files = Get-ChildItem (Join-Path $root 'GenesysConvo.Core'), (Join-Path $root 'GenesysConvo.PowerShell') -Recurse -Filter *.cs |
        Where-Object FullName -notmatch '[\\/](bin|obj)[\\/]'

    $mentions = foreach ($file in $files) {
        $text = Get-Content $file.FullName -Raw
        foreach ($symbols in $symbolSets) {
            $options = [Microsoft.CodeAnalysis.CSharp.CSharpParseOptions]::Default.WithPreprocessorSymbols([string[]]$symbols)
            $tree = [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree]::ParseText($text, $options, $file.FullName, $null, [Threading.CancellationToken]::None)
            foreach ($token in $tree.GetRoot().DescendantTokens()) {
                if ($token.RawKind -notin $literalKinds) { continue }
                # -Name after a space, a quote, a bracket or a slash (-StartTime/-EndTime), never inside a word (e-mail, yyyy-MM).
                foreach ($match in [regex]::Matches($token.ValueText, '(?<![\w-])-([A-Z][A-Za-z]+)')) {
                    $line = $tree.GetLineSpan($token.Span).StartLinePosition.Line + 1
                    [pscustomobject]@{ Name = $match.Groups[1].Value; Where = "$($file.Name):$line"; Text = $token.ValueText }
                }
            }
        }
    }
    $cases = @($mentions | Sort-Object Where, Name -Unique | ForEach-Object { @{ Name = $_.Name; Where = $_.Where; Text = $_.Text } })
}

BeforeAll {
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    # Every parameter of every cmdlet of the module, common parameters (-ErrorAction, -Verbose …) included; case counts.
    $parameters = [Collections.Generic.HashSet[string]]::new([StringComparer]::Ordinal)
    foreach ($command in Get-Command -Module GenesysConvo) { foreach ($name in $command.Parameters.Keys) { $null = $parameters.Add($name) } }
    # Other commands' parameters a string of the module may name, and why.
    $otherCommands = @{
        InputObject    = 'ConvertTo-Json, in the script PSObjects.ToJson runs'
        Depth          = 'ConvertTo-Json, in the script PSObjects.ToJson runs'
        Compress       = 'ConvertTo-Json, in the script PSObjects.ToJson runs'
        AsSecureString = 'Read-Host, in the fix for a plain-text -ClientSecret'
        AsPlainText    = 'ConvertTo-SecureString, in the fix for a plain-text -AccessToken'
    }
}

AfterAll { Get-Module GenesysConvo | Remove-Module -Force }

Describe 'Parameters named in messages' {
    It 'the scan finds the messages (it reads the literals, not nothing)' -ForEach @{ Found = $cases } {
        $Found.Count | Should -BeGreaterThan 50
        $Found.Name | Should -Contain 'StartTime'
        $Found.Name | Should -Contain 'Force'
    }

    It '-<Name> in <Where> is a parameter of a GenesysConvo cmdlet' -ForEach $cases {
        ($parameters.Contains($Name) -or $otherCommands.ContainsKey($Name)) | Should -BeTrue -Because "'$Text' names -$Name"
    }

    It 'each allowed parameter of another command is still mentioned somewhere (the list stays short)' -ForEach @{ Found = $cases } {
        foreach ($name in $otherCommands.Keys) { $Found.Name | Should -Contain $name -Because $otherCommands[$name] }
    }

    It 'no allowed name is a parameter of the module (then it needs no place in the list)' {
        foreach ($name in $otherCommands.Keys) { $parameters.Contains($name) | Should -BeFalse -Because "-$name is a GenesysConvo parameter now" }
    }
}
