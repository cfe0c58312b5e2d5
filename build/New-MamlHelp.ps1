<#
.SYNOPSIS
    Compiles docs/help/<Cmdlet-Name>.md (platyPS markdown layout) into the MAML file Get-Help reads for the
    module's binary cmdlets, GenesysConvo.dll-Help.xml, beside the manifest (both editions read it).
.DESCRIPTION
    The prose (synopsis, description, examples, parameter descriptions, inputs, outputs, notes, links) comes
    from the markdown; everything the code knows (parameter sets, types, Mandatory, Position, pipeline input,
    aliases, ValidateSet values, defaults) comes from the imported cmdlets, so it cannot drift.
    Fails (exit 1, naming the file) when an exported cmdlet has no markdown, a markdown file has no cmdlet,
    a required section is missing or empty, a markdown documents a parameter the cmdlet does not have, or a
    cmdlet parameter (other than the common parameters) is undocumented.
.EXAMPLE
    pwsh -File build/New-MamlHelp.ps1 -ModulePath out/GenesysConvo -DocsPath docs/help
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocsPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}
# Documented by PowerShell itself ([<CommonParameters>]); never in the markdown.
$commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters
# -WhatIf / -Confirm: shown in syntax and parameters; the markdown may describe them, else the standard text.
$shouldProcessText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

# ---------------------------------------------------------------------------------------------------- markdown

class HelpDocument {
    [string] $File
    [string] $Name
    [string] $Synopsis
    [string] $Description
    [System.Collections.Generic.List[object]] $Examples = [System.Collections.Generic.List[object]]::new()
    [System.Collections.Specialized.OrderedDictionary] $Parameters = [ordered]@{}
    [System.Collections.Generic.List[object]] $Inputs = [System.Collections.Generic.List[object]]::new()
    [System.Collections.Generic.List[object]] $Outputs = [System.Collections.Generic.List[object]]::new()
    [string] $Notes
    [System.Collections.Generic.List[object]] $Links = [System.Collections.Generic.List[object]]::new()
}

function Split-Heading {
    <# Splits lines into (Title, Lines) blocks at headings of one level ('## ' or '### '), outside code fences. #>
    param([string[]] $Lines, [string] $Prefix)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($Prefix) -and -not $line.StartsWith($Prefix + '#')) {
            $current = [pscustomobject]@{ Title = $line.Substring($Prefix.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $blocks.Add($current)
        } elseif ($current) {
            $current.Lines.Add($line)
        }
    }
    $blocks   # enumerated: the caller iterates the blocks
}

function Split-Fence {
    <# Separates fenced code blocks from prose: returns @{ Code = [string[]] blocks; Text = prose lines }. #>
    param([string[]] $Lines)
    $code = [System.Collections.Generic.List[string]]::new()
    $text = [System.Collections.Generic.List[string]]::new()
    $block = $null
    $language = ''
    foreach ($line in $Lines) {
        if ($line -match '^\s*```\s*(\S*)') {
            if ($null -eq $block) { $block = [System.Collections.Generic.List[string]]::new(); $language = $Matches[1] }
            else {
                # platyPS writes the parameter metadata as ```yaml; here it comes from the cmdlet, so such blocks are ignored.
                if ($language -ne 'yaml') { $code.Add(($block -join "`n").Trim("`n")) }
                $block = $null
            }
        } elseif ($null -ne $block) { $block.Add($line) }
        else { $text.Add($line) }
    }
    @{ Code = $code.ToArray(); Text = (($text -join "`n").Trim()) }
}

function Read-HelpMarkdown {
    param([System.IO.FileInfo] $File)
    $lines = (Get-Content -LiteralPath $File.FullName -Raw -Encoding utf8) -replace "`r`n", "`n" -split "`n"
    # YAML front matter (platyPS writes one) carries nothing the MAML needs.
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $end = [Array]::IndexOf($lines, '---', 1)
        if ($end -gt 0) { $lines = $lines[($end + 1)..($lines.Count - 1)] }
    }
    $doc = [HelpDocument]::new()
    $doc.File = $File.FullName
    $title = $lines | Where-Object { $_ -match '^# \S' } | Select-Object -First 1
    if (-not $title) { throw "$($File.FullName): no '# <Cmdlet-Name>' title." }
    $doc.Name = $title.Substring(2).Trim()
    if ($doc.Name -ne $File.BaseName) { throw "$($File.FullName): the title '# $($doc.Name)' does not match the file name." }

    foreach ($section in Split-Heading $lines '## ') {
        $body = ($section.Lines -join "`n").Trim()
        switch ($section.Title.ToUpperInvariant()) {
            'SYNOPSIS' { $doc.Synopsis = $body }
            'SYNTAX' { }   # generated from the cmdlet's parameter sets
            'DESCRIPTION' { $doc.Description = $body }
            'EXAMPLES' {
                foreach ($example in Split-Heading $section.Lines '### ') {
                    $parts = Split-Fence $example.Lines
                    if (-not $parts.Code) { throw "$($File.FullName): example '$($example.Title)' has no ``````powershell code block." }
                    $doc.Examples.Add([pscustomobject]@{ Title = $example.Title; Code = ($parts.Code -join "`n`n"); Remarks = $parts.Text })
                }
            }
            'PARAMETERS' {
                foreach ($parameter in Split-Heading $section.Lines '### ') {
                    if ($parameter.Title -eq 'CommonParameters') { continue }
                    if ($parameter.Title -notmatch '^-(\w+)$') { throw "$($File.FullName): parameter heading '### $($parameter.Title)' is not '### -Name'." }
                    $name = $Matches[1]
                    if ($doc.Parameters.Contains($name)) { throw "$($File.FullName): parameter -$name is documented twice." }
                    $doc.Parameters[$name] = (Split-Fence $parameter.Lines).Text
                }
            }
            { $_ -in 'INPUTS', 'OUTPUTS' } {
                if ($_ -eq 'INPUTS') { $list = $doc.Inputs } else { $list = $doc.Outputs }   # assigned, not output: a List would be enumerated
                foreach ($type in Split-Heading $section.Lines '### ') {
                    $list.Add([pscustomobject]@{ Type = $type.Title; Description = ($type.Lines -join "`n").Trim() })
                }
            }
            'NOTES' { $doc.Notes = $body }
            'RELATED LINKS' {
                foreach ($match in [regex]::Matches($body, '\[([^\]]+)\]\(([^)]*)\)')) {
                    $uri = $match.Groups[2].Value
                    # Links to sibling markdown files name a cmdlet: Get-Help resolves those by name, not by URI.
                    if ($uri -notmatch '^https?://') { $uri = '' }
                    $doc.Links.Add([pscustomobject]@{ Text = $match.Groups[1].Value; Uri = $uri })
                }
            }
            default { throw "$($File.FullName): unknown section '## $($section.Title)'." }
        }
    }
    foreach ($required in 'Synopsis', 'Description') {
        if ([string]::IsNullOrWhiteSpace($doc.$required)) { throw "$($File.FullName): the ## $($required.ToUpperInvariant()) section is missing or empty." }
    }
    if ($doc.Examples.Count -eq 0) { throw "$($File.FullName): ## EXAMPLES has no '### Example N: title' with a code block." }
    foreach ($name in $doc.Parameters.Keys) {
        if ([string]::IsNullOrWhiteSpace($doc.Parameters[$name])) { throw "$($File.FullName): parameter -$name has no description." }
    }
    $doc
}

# -------------------------------------------------------------------------------------------- cmdlet metadata

function Get-TypeName([type] $Type) {
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    $Type.Name
}

function Get-DefaultValues([System.Management.Automation.CmdletInfo] $Command) {
    <# The property values of a fresh cmdlet instance: the defaults the code really uses. A default decided when the
       cmdlet runs (24 hours before -EndTime, the current session) is declared beside the property, in its
       [PSDefaultValue(Help = '...')], and wins over the empty value of the instance. #>
    $defaults = @{}
    try { $instance = [Activator]::CreateInstance($Command.ImplementingType) } catch { return $defaults }
    foreach ($parameter in $Command.Parameters.Values) {
        $property = $Command.ImplementingType.GetProperty($parameter.Name)
        if (-not $property) { continue }
        $value = $property.GetValue($instance)
        $declared = [System.Attribute]::GetCustomAttribute($property, [System.Management.Automation.PSDefaultValueAttribute])
        $defaults[$parameter.Name] = if ($declared -and $declared.Help) { $declared.Help }
        elseif ($declared -and $null -ne $declared.Value) { [string]$declared.Value }
        elseif ($null -eq $value) { 'None' }
        elseif ($value -is [System.Management.Automation.SwitchParameter]) { [string]$value.IsPresent }
        else { [string]$value }
    }
    $defaults
}

function Get-ParameterFacts([System.Management.Automation.CmdletInfo] $Command) {
    <# One record per documented parameter: per parameter set facts plus the ones shared by all sets. #>
    $defaults = Get-DefaultValues $Command
    $facts = [ordered]@{}
    foreach ($set in $Command.ParameterSets) {
        foreach ($p in $set.Parameters) {
            if ($p.Name -in $commonParameters) { continue }
            if (-not $facts.Contains($p.Name)) {
                $validateSet = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
                $facts[$p.Name] = [pscustomobject]@{
                    Name       = $p.Name
                    Type       = $p.ParameterType
                    IsSwitch   = $p.ParameterType -eq [System.Management.Automation.SwitchParameter]
                    Aliases    = @($p.Aliases)
                    Values     = @(if ($validateSet) { $validateSet.ValidValues })
                    Wildcards  = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                    Default    = if ($defaults.ContainsKey($p.Name)) { $defaults[$p.Name] } elseif ($p.ParameterType -eq [System.Management.Automation.SwitchParameter]) { 'False' } else { 'None' }
                    BySet      = [ordered]@{}
                }
            }
            $facts[$p.Name].BySet[$set.Name] = $p
        }
    }
    $facts
}

function Format-Position($p) { if ($p.Position -ge 0) { [string]$p.Position } else { 'named' } }

function Format-Pipeline($p) {
    $how = @(if ($p.ValueFromPipeline) { 'ByValue' }; if ($p.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
    if ($how) { "True ($($how -join ', '))" } else { 'False' }
}

function Join-BySet($fact, [scriptblock] $Format) {
    <# The value when every parameter set agrees, else 'value (Set), value (Set)'. #>
    $values = [ordered]@{}
    foreach ($set in $fact.BySet.Keys) { $values[$set] = [string](& $Format $fact.BySet[$set]) }
    $distinct = @($values.Values | Select-Object -Unique)
    if ($distinct.Count -eq 1) { return $distinct[0] }
    ($values.Keys | ForEach-Object { "$($values[$_]) ($_)" }) -join ', '
}

# ------------------------------------------------------------------------------------------------------ MAML

function Write-Paragraphs([System.Xml.XmlWriter] $Writer, [string] $Element, [string] $Text) {
    <# Markdown prose as maml:para elements (inside maml:<Element> unless it is empty): one per paragraph, one per list
       item; the lines of a paragraph joined. #>
    if ($Element) { $Writer.WriteStartElement('maml', $Element, $ns.maml) }
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $flush = { if ($current.Count) { $paragraphs.Add(($current -join ' ')); $current.Clear() } }
    foreach ($line in ("$Text" -split "`n")) {
        $trimmed = $line.Trim()
        if (-not $trimmed) { & $flush; continue }
        if ($trimmed -match '^([-*]|\d+\.)\s') { & $flush; $current.Add($trimmed) ; continue }
        $current.Add($trimmed)
    }
    & $flush
    foreach ($paragraph in $paragraphs) {
        # Console text: [text](url) becomes text (url); `code` and **bold** lose their markers.
        $plain = [regex]::Replace($paragraph, '\[([^\]]+)\]\((https?://[^)]+)\)', '$1 ($2)')
        $plain = [regex]::Replace($plain, '`([^`]+)`', '$1')
        $plain = [regex]::Replace($plain, '\*\*([^*]+)\*\*', '$1')
        $Writer.WriteElementString('maml', 'para', $ns.maml, $plain)
    }
    if ($paragraphs.Count -eq 0) { $Writer.WriteElementString('maml', 'para', $ns.maml, '') }
    if ($Element) { $Writer.WriteEndElement() }
}

function Write-Parameter([System.Xml.XmlWriter] $Writer, $Fact, $InSet, [string] $Description, [bool] $InSyntax) {
    $w = $Writer
    $required = if ($InSet) { [string]$InSet.IsMandatory.ToString().ToLowerInvariant() } else { Join-BySet $Fact { param($p) $p.IsMandatory.ToString().ToLowerInvariant() } }
    $position = if ($InSet) { Format-Position $InSet } else { Join-BySet $Fact { param($p) Format-Position $p } }
    $pipeline = if ($InSet) { Format-Pipeline $InSet } else { Join-BySet $Fact { param($p) Format-Pipeline $p } }
    $w.WriteStartElement('command', 'parameter', $ns.command)
    $w.WriteAttributeString('required', $required)
    $w.WriteAttributeString('variableLength', 'true')
    $w.WriteAttributeString('globbing', $Fact.Wildcards.ToString().ToLowerInvariant())
    $w.WriteAttributeString('pipelineInput', $pipeline)
    $w.WriteAttributeString('position', $position)
    $w.WriteAttributeString('aliases', $(if ($Fact.Aliases.Count) { $Fact.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('maml', 'name', $ns.maml, $Fact.Name)
    Write-Paragraphs $w 'description' $Description
    if ($InSyntax -and $Fact.Values.Count) {
        $w.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($value in $Fact.Values) {
            $w.WriteStartElement('command', 'parameterValue', $ns.command)
            $w.WriteAttributeString('required', 'false')
            $w.WriteAttributeString('command', 'variableLength', $ns.command, 'false')
            $w.WriteString($value)
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    # A switch takes no value: no parameterValue in the syntax, so Get-Help shows [-PassThru].
    if (-not ($InSyntax -and ($Fact.IsSwitch -or $Fact.Values.Count))) {
        $w.WriteStartElement('command', 'parameterValue', $ns.command)
        $w.WriteAttributeString('required', $(if ($Fact.IsSwitch) { 'false' } else { 'true' }))
        $w.WriteAttributeString('variableLength', 'false')
        $w.WriteString((Get-TypeName $Fact.Type))
        $w.WriteEndElement()
    }
    $w.WriteStartElement('dev', 'type', $ns.dev)
    $w.WriteElementString('maml', 'name', $ns.maml, (Get-TypeName $Fact.Type))
    $w.WriteElementString('maml', 'uri', $ns.maml, '')
    $w.WriteEndElement()
    $w.WriteElementString('dev', 'defaultValue', $ns.dev, $Fact.Default)
    $w.WriteEndElement()
}

function Write-TypeList([System.Xml.XmlWriter] $Writer, [string] $ListElement, [string] $ItemElement, $Items) {
    $Writer.WriteStartElement('command', $ListElement, $ns.command)
    foreach ($item in $Items) {
        $Writer.WriteStartElement('command', $ItemElement, $ns.command)
        $Writer.WriteStartElement('dev', 'type', $ns.dev)
        $Writer.WriteElementString('maml', 'name', $ns.maml, $item.Type)
        $Writer.WriteEndElement()
        Write-Paragraphs $Writer 'description' $item.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-Command([System.Xml.XmlWriter] $Writer, [System.Management.Automation.CmdletInfo] $Command, [HelpDocument] $Doc) {
    $w = $Writer
    $facts = Get-ParameterFacts $Command
    $describe = {
        param($name)
        if ($Doc.Parameters.Contains($name)) { $Doc.Parameters[$name] } else { $shouldProcessText[$name] }
    }
    $w.WriteStartElement('command', 'command', $ns.command)
    foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') { $w.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }

    $w.WriteStartElement('command', 'details', $ns.command)
    $w.WriteElementString('command', 'name', $ns.command, $Command.Name)
    $w.WriteElementString('command', 'verb', $ns.command, $Command.Verb)
    $w.WriteElementString('command', 'noun', $ns.command, $Command.Noun)
    Write-Paragraphs $w 'description' $Doc.Synopsis
    $w.WriteEndElement()
    Write-Paragraphs $w 'description' $Doc.Description

    # Syntax: one item per parameter set, the default set first; positional, then mandatory, then optional.
    $w.WriteStartElement('command', 'syntax', $ns.command)
    $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $w.WriteStartElement('command', 'syntaxItem', $ns.command)
        $w.WriteElementString('maml', 'name', $ns.maml, $Command.Name)
        $ordered = $set.Parameters | Where-Object Name -NotIn $commonParameters |
            Sort-Object @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } },
                        @{ Expression = { -not $_.IsMandatory } }, @{ Expression = { $_.Name -in 'WhatIf', 'Confirm' } } -Stable
        foreach ($p in $ordered) { Write-Parameter $w $facts[$p.Name] $p (& $describe $p.Name) $true }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    # Parameters in the order the markdown documents them (then -WhatIf/-Confirm if it leaves them out).
    $w.WriteStartElement('command', 'parameters', $ns.command)
    $order = @($Doc.Parameters.Keys) + @($facts.Keys | Where-Object { -not $Doc.Parameters.Contains($_) })
    foreach ($name in $order) { Write-Parameter $w $facts[$name] $null (& $describe $name) $false }
    $w.WriteEndElement()

    Write-TypeList $w 'inputTypes' 'inputType' $Doc.Inputs
    Write-TypeList $w 'returnValues' 'returnValue' $Doc.Outputs

    if ($Doc.Notes) {
        # Get-Help -Full prints alertSet/alert paragraphs under NOTES.
        $w.WriteStartElement('maml', 'alertSet', $ns.maml)
        Write-Paragraphs $w 'alert' $Doc.Notes
        $w.WriteEndElement()
    }

    $w.WriteStartElement('command', 'examples', $ns.command)
    $number = 0
    foreach ($example in $Doc.Examples) {
        $number++
        $title = if ($example.Title -match '^Example\s+\d+') { $example.Title } else { "Example ${number}: $($example.Title)" }
        $w.WriteStartElement('command', 'example', $ns.command)
        $w.WriteElementString('maml', 'title', $ns.maml, "-------------------------- $title --------------------------")
        $w.WriteElementString('dev', 'code', $ns.dev, $example.Code)
        $w.WriteStartElement('dev', 'remarks', $ns.dev)
        Write-Paragraphs $w '' $example.Remarks
        $w.WriteElementString('maml', 'para', $ns.maml, '')   # a blank line before the next example
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in $Doc.Links) {
        $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $w.WriteElementString('maml', 'linkText', $ns.maml, $link.Text)
        $w.WriteElementString('maml', 'uri', $ns.maml, $link.Uri)
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteEndElement()
}

# ------------------------------------------------------------------------------------------------------- main

try {
    $ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
    $DocsPath = (Resolve-Path -LiteralPath $DocsPath).Path
    $manifest = Get-ChildItem -LiteralPath $ModulePath -Filter *.psd1 | Select-Object -First 1
    if (-not $manifest) { throw "$ModulePath has no module manifest." }
    $module = Import-Module $manifest.FullName -Force -PassThru
    $commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
    if ($commands.Count -eq 0) { throw "$($manifest.FullName) exports no cmdlets." }

    $problems = [System.Collections.Generic.List[string]]::new()
    $docs = @{}
    $unreadable = @{}
    foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter *.md -File) {
        try { $docs[$file.BaseName] = Read-HelpMarkdown $file }
        catch {
            $unreadable[$file.BaseName] = $true
            $message = $_.Exception.Message
            if (-not $message.StartsWith($file.FullName)) { $message = "$($file.FullName): $message (line $($_.InvocationInfo.ScriptLineNumber) of $($_.InvocationInfo.ScriptName))" }
            $problems.Add($message)
        }
    }
    foreach ($name in $docs.Keys) {
        if ($name -notin $commands.Name) { $problems.Add("$($docs[$name].File): documents '$name', which the module does not export.") }
    }
    foreach ($command in $commands) {
        $file = Join-Path $DocsPath "$($command.Name).md"
        if (-not $docs.ContainsKey($command.Name)) {
            if (-not $unreadable.ContainsKey($command.Name)) { $problems.Add("${file}: missing: the exported cmdlet $($command.Name) has no help markdown.") }
            continue
        }
        $doc = $docs[$command.Name]
        $actual = @($command.Parameters.Keys | Where-Object { $_ -notin $commonParameters })
        foreach ($name in $doc.Parameters.Keys) {
            if ($name -notin $actual) { $problems.Add("$($doc.File): documents -$name, but $($command.Name) has no such parameter.") }
        }
        foreach ($name in $actual) {
            if (-not $doc.Parameters.Contains($name) -and -not $shouldProcessText.ContainsKey($name)) {
                $problems.Add("$($doc.File): the parameter -$name of $($command.Name) is not documented (add '### -$name' under ## PARAMETERS).")
            }
        }
    }
    if ($problems.Count) {
        foreach ($problem in $problems) { [Console]::Error.WriteLine("New-MamlHelp: $problem") }
        exit 1
    }

    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $buffer = [System.IO.MemoryStream]::new()
    $writer = [System.Xml.XmlWriter]::Create($buffer, $settings)
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($command in $commands) { Write-Command $writer $command $docs[$command.Name] }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
    $writer.Flush()
    $bytes = $buffer.ToArray()

    # Get-Help looks for a binary module's help in its ModuleBase, the manifest's folder: one file serves both editions.
    $helpFileName = "$(Split-Path $commands[0].DLL -Leaf)-Help.xml"
    [System.IO.File]::WriteAllBytes((Join-Path $ModulePath $helpFileName), $bytes)
    Write-Host "Help: $helpFileName for $($commands.Count) cmdlets from $DocsPath"
    exit 0
} catch {
    [Console]::Error.WriteLine("New-MamlHelp: $($_.Exception.Message) (line $($_.InvocationInfo.ScriptLineNumber) of $($_.InvocationInfo.ScriptName))")
    exit 1
}
