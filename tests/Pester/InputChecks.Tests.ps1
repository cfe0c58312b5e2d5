# Bad input gets a clear error BEFORE any request: every case runs against the emulator and then checks that the
# emulator's request log holds no API call (connecting is done, and the log cleared, before each case).
BeforeDiscovery {
    $day = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-1), [TimeSpan]::Zero)
    # build.ps1 runs the suites under pwsh -NonInteractive; a console that can prompt would wait for an answer instead.
    $nonInteractive = [bool]([Environment]::GetCommandLineArgs() -match '^[-/]+noni')
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator

    function Clear-EmulatorLog { $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE }
    function Assert-NoApiCall {
        @(Get-EmulatorRequest $emulator -Api) | ForEach-Object { "$($_.method) $($_.path)" } | Should -BeNullOrEmpty -Because 'the input is checked before any request'
    }
    # Runs a command that must fail; returns its ErrorRecord after checking the id, the category and that nothing was sent.
    function Assert-Refused([scriptblock] $Action, [string] $ErrorId, [string] $Category = 'InvalidArgument') {
        $failure = $Action | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $failure.CategoryInfo.Category | Should -Be $Category
        Assert-NoApiCall
        $failure
    }
    $day = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-1), [TimeSpan]::Zero)
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'Date strings are ISO-8601 only' {
    BeforeEach { Reset-Emulator $emulator; $session = Connect-Emulator $emulator -With @{ PassThru = $true }; Clear-EmulatorLog }

    It '<Command> -StartTime ''<Text>'' is refused with ISO examples' -ForEach @(
        foreach ($command in 'Search-GenesysConversationHistory', 'Get-GenesysConversationMetric') {
            foreach ($text in '01/02/2026', '1/2/2026 08:00', '02.01.2026', 'Jan 2 2026') { @{ Command = $command; Text = $text } }
        }
    ) {
        $failure = Assert-Refused { & $Command -StartTime $Text -Session $session } 'ParameterArgumentTransformationError' -Category InvalidData
        $failure.Exception.Message | Should -Match ([regex]::Escape("'$Text' is not an ISO-8601 date and time"))
        $failure.Exception.Message | Should -Match ([regex]::Escape('2026-01-02T08:00 (local time)'))
        $failure.Exception.Message | Should -Match ([regex]::Escape('2026-01-02T08:00Z (UTC)'))
    }

    It 'an ambiguous day-month date says why it is refused' {
        $failure = Assert-Refused { Search-GenesysConversationHistory -EndTime '01/02/2026' -Session $session } 'ParameterArgumentTransformationError' -Category InvalidData
        $failure.Exception.Message | Should -Match 'different days in different cultures'
    }

    It 'Connect-GenesysCloud -AccessTokenExpiresAt ''01/02/2026'' is refused before the token is checked' {
        Clear-EmulatorLog
        $token = ConvertTo-SecureString 'any-token' -AsPlainText -Force
        $failure = { Connect-GenesysCloud -AccessToken $token -AccessTokenExpiresAt '01/02/2026' -ApiBaseUri $emulator.ApiUrl -LoginBaseUri $emulator.LoginUrl } |
            Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $failure.Exception.Message | Should -Match ([regex]::Escape('2026-01-02T08:00Z (UTC)'))
        @(Get-EmulatorRequest $emulator) | Should -BeNullOrEmpty
    }

    It 'an -Interval in a culture''s date format is refused' {
        $failure = Assert-Refused { Get-GenesysConversationMetric -Interval '02.01.2026/03.01.2026' -Session $session } 'GenesysConvo.InvalidMetricQuery'
        $failure.Exception.Message | Should -Match 'not an ISO-8601 interval'
    }

    It '''<Start>'' to ''<End>'' is read as <Meaning>' -ForEach @(
        @{ Start = $day.ToString('yyyy-MM-dd'); End = $day.AddDays(1).ToString('yyyy-MM-dd'); Meaning = 'local midnights' }
        @{ Start = $day.ToString('yyyy-MM-ddT08:00'); End = $day.ToString('yyyy-MM-dd 09:00'); Meaning = 'local times, T or space' }
        @{ Start = $day.ToString('yyyy-MM-ddT08:00:00.5'); End = $day.ToString('yyyy-MM-ddT09:00:30'); Meaning = 'local times with seconds and a fraction' }
        @{ Start = $day.ToString('yyyy-MM-ddT08:00Z'); End = $day.ToString('yyyy-MM-ddT09:00:00.000Z'); Meaning = 'UTC' }
        @{ Start = $day.ToString('yyyy-MM-ddT08:00+02:00'); End = $day.ToString('yyyy-MM-ddT09:00-05:00'); Meaning = 'times with offsets' }
    ) {
        $rows = @(Get-GenesysConversationMetric -StartTime $Start -EndTime $End -TimeZone UTC -Metric nOffered -Session $session)
        $rows.Count | Should -BeGreaterThan 0
        $invariant = [Globalization.CultureInfo]::InvariantCulture
        $rows[0].IntervalStart | Should -Be ([DateTimeOffset]::Parse($Start, $invariant))
        $rows[0].IntervalEnd | Should -Be ([DateTimeOffset]::Parse($End, $invariant))
    }
}

Describe 'Closed sets refuse unknown values with the list of valid ones' {
    BeforeEach { Reset-Emulator $emulator; $session = Connect-Emulator $emulator -With @{ PassThru = $true }; Clear-EmulatorLog }

    It '<Command> <Case>' -ForEach @(
        foreach ($pair in @{ Command = 'Search-GenesysConversationHistory'; ErrorId = 'GenesysConvo.InvalidSearch' },
                          @{ Command = 'Get-GenesysActiveConversation'; ErrorId = 'GenesysConvo.InvalidSearch' },
                          @{ Command = 'Get-GenesysConversationMetric'; ErrorId = 'GenesysConvo.InvalidMetricQuery' }) {
            $pair + @{ Case = '-MediaType phone'; With = @{ MediaType = 'voice', 'phone' }; Message = "-MediaType 'phone' is not a media type"; Lists = 'callback, chat, cobrowse, email' }
            $pair + @{ Case = '-Direction incoming'; With = @{ Direction = 'incoming' }; Message = "Direction 'incoming' is not inbound or outbound"; Lists = 'inbound or outbound' }
        }
        @{ Command = 'Search-GenesysConversationHistory'; ErrorId = 'GenesysConvo.InvalidSearch'; Case = '-Expand Segments'; With = @{ Expand = 'Segments' }; Message = "-Expand 'Segments' is not one of"; Lists = 'Participant, Session, Segment' }
        @{ Command = 'Get-GenesysConversation'; ErrorId = 'GenesysConvo.InvalidArgument'; Case = '-Expand Segments'; With = @{ ConversationId = [guid]::Empty; Expand = 'Segments' }; Message = "-Expand 'Segments' is not one of"; Lists = 'Participant, Session, Segment' }
        @{ Command = 'Get-GenesysConversationMetric'; ErrorId = 'GenesysConvo.InvalidMetricQuery'; Case = '-Metric tHandel'; With = @{ Metric = 'tHandle', 'tHandel' }; Message = "'tHandel' is not a metric"; Lists = 'tAcw, tAgentResponseTime' }
        @{ Command = 'Get-GenesysConversationMetric'; ErrorId = 'GenesysConvo.InvalidMetricQuery'; Case = '-GroupBy queueName'; With = @{ GroupBy = 'queueName' }; Message = "'queueName' is not a dimension"; Lists = 'queueId, remote' }
        @{ Command = 'Get-GenesysConversationMetric'; ErrorId = 'GenesysConvo.InvalidMetricQuery'; Case = '-Query with an unknown groupBy'; With = @{ Query = @{ groupBy = @('queueName') } }; Message = "'queueName' is not a dimension"; Lists = 'queueId, remote' }
        @{ Command = 'Get-GenesysConversationMetric'; ErrorId = 'GenesysConvo.InvalidMetricQuery'; Case = '-Granularity 30 (minutes or days?)'; With = @{ Granularity = 30 }; Message = "'30' is not a granularity"; Lists = 'PT15M, PT30M, PT1H, P1D, P7D or P1M' }
        @{ Command = 'Get-GenesysConversationMetric'; ErrorId = 'GenesysConvo.InvalidMetricQuery'; Case = '-Granularity hourly'; With = @{ Granularity = 'hourly' }; Message = "'hourly' is not a granularity"; Lists = 'PT15M, PT30M, PT1H, P1D, P7D or P1M' }
        @{ Command = 'Invoke-GenesysCloudRequest'; ErrorId = 'GenesysConvo.InvalidMethod'; Case = '-Method FETCH'; With = @{ Path = '/api/v2/users'; Method = 'FETCH' }; Message = "-Method 'FETCH' is not one of"; Lists = 'GET, POST, PUT, PATCH, DELETE' }
    ) {
        $failure = Assert-Refused { & $Command @With -Session $session } $ErrorId
        $failure.Exception.Message | Should -Match ([regex]::Escape($Message))
        $failure.Exception.Message | Should -Match ([regex]::Escape($Lists))
    }

    It 'known values pass in any case: -MediaType VOICE, -Direction Inbound, -Expand segment, -Method get' {
        $from = $day.AddHours(10); $to = $from.AddMinutes(30)
        $rows = @(Search-GenesysConversationHistory -StartTime $from -EndTime $to -MediaType VOICE -Direction Inbound -Expand segment -First 1 -Session $session)
        $rows[0] | Should -BeOfType ([GenesysConvo.ConversationSegmentRow])
        @(Get-GenesysConversationMetric -StartTime $from -EndTime $to -MediaType Voice -Direction INBOUND -Metric nOffered -Session $session).Count | Should -BeGreaterThan 0
        Invoke-GenesysCloudRequest /api/v2/organizations/me -Method get -Session $session | Should -Not -BeNullOrEmpty
    }

    It 'tab completion still offers <Parameter> of <Command>' -ForEach @(
        @{ Command = 'Search-GenesysConversationHistory'; Parameter = 'MediaType'; Word = 'vo'; Expected = 'voice' }
        @{ Command = 'Get-GenesysActiveConversation'; Parameter = 'Direction'; Word = 'in'; Expected = 'inbound' }
        @{ Command = 'Get-GenesysConversationMetric'; Parameter = 'Direction'; Word = 'out'; Expected = 'outbound' }
        @{ Command = 'Search-GenesysConversationHistory'; Parameter = 'Expand'; Word = 'Se'; Expected = 'Session', 'Segment' }
        @{ Command = 'Invoke-GenesysCloudRequest'; Parameter = 'Method'; Word = 'P'; Expected = 'POST', 'PUT', 'PATCH' }
    ) {
        $line = "$Command -$Parameter $Word"
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Be $Expected
    }
}

Describe 'Windows that start before 2010 or end more than a day from now are refused' {
    BeforeEach { Reset-Emulator $emulator; $session = Connect-Emulator $emulator -With @{ PassThru = $true }; Clear-EmulatorLog }

    It '<Command> <Case>' -ForEach @(
        foreach ($pair in @{ Command = 'Search-GenesysConversationHistory'; ErrorId = 'GenesysConvo.InvalidSearch' },
                          @{ Command = 'Get-GenesysConversationMetric'; ErrorId = 'GenesysConvo.InvalidMetricQuery' }) {
            $pair + @{ Case = 'from 1900'; With = @{ StartTime = '1900-01-01' }; Message = '(-StartTime/-EndTime) starts before 2010-01-01' }
            $pair + @{ Case = 'to 9999'; With = @{ StartTime = $day; EndTime = '9999-12-31T00:00Z' }; Message = '/9999-12-31T00:00:00.000Z (-StartTime/-EndTime) ends more than one day after now' }
            $pair + @{ Case = 'an -Interval from 1999'; With = @{ Interval = '1999-01-01T00:00:00Z/1999-01-02T00:00:00Z' }; Message = 'The window 1999-01-01T00:00:00.000Z/1999-01-02T00:00:00.000Z (-Interval) starts before 2010-01-01' }
            $pair + @{ Case = 'a -Query interval into next year'; With = @{ Query = @{ interval = "$($day.ToString('yyyy-MM-dd'))T00:00:00Z/$($day.Year + 1)-06-01T00:00:00Z" } }; Message = "(the -Query body's interval) ends more than one day after now" }
        }
    ) {
        $failure = Assert-Refused { & $Command @With -Session $session } $ErrorId
        $failure.Exception.Message | Should -Match ([regex]::Escape($Message))
        $failure.Exception.Message | Should -Match 'Check the year'
    }
}

Describe 'More than 100 API calls need -Force where no one can answer, and a yes where someone can' {
    BeforeAll {
        # A host that answers every prompt with one choice and keeps what it was asked (ShouldContinue: 0 yes, 1 no).
        Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

public sealed class AnsweringHost : PSHost
{
    private readonly AnsweringHostUI _ui;
    public AnsweringHost(int answer) { _ui = new AnsweringHostUI(answer); }
    public List<string> Prompts { get { return _ui.Prompts; } }
    public override string Name { get { return "AnsweringHost"; } }
    public override Version Version { get { return new Version(1, 0); } }
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI { get { return _ui; } }
    public override CultureInfo CurrentCulture { get { return CultureInfo.InvariantCulture; } }
    public override CultureInfo CurrentUICulture { get { return CultureInfo.InvariantCulture; } }
    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() { throw new NotSupportedException(); }
    public override void ExitNestedPrompt() { throw new NotSupportedException(); }
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}

public sealed class AnsweringHostUI : PSHostUserInterface
{
    private readonly int _answer;
    public readonly List<string> Prompts = new List<string>();
    public AnsweringHostUI(int answer) { _answer = answer; }
    public override PSHostRawUserInterface RawUI { get { return null; } }
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        Prompts.Add(caption + ": " + message);
        return _answer;
    }
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) { throw new NotSupportedException(); }
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) { throw new NotSupportedException(); }
    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) { throw new NotSupportedException(); }
    public override string ReadLine() { throw new NotSupportedException(); }
    public override SecureString ReadLineAsSecureString() { throw new NotSupportedException(); }
    public override void Write(string value) { }
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
    public override void WriteLine(string value) { }
    public override void WriteErrorLine(string value) { }
    public override void WriteDebugLine(string message) { }
    public override void WriteProgress(long sourceId, ProgressRecord record) { }
    public override void WriteVerboseLine(string message) { }
    public override void WriteWarningLine(string message) { }
}
'@
        # Runs a command in a runspace of its own, under the given host (or PowerShell's default host, as a runbook has):
        # returns what it wrote, or the ErrorRecord it failed with, and the prompts the host was shown.
        function Invoke-InHost([scriptblock] $Script, $PSHost) {
            $runspace = if ($PSHost) { [runspacefactory]::CreateRunspace($PSHost) } else { [runspacefactory]::CreateRunspace() }
            $runspace.Open()
            try {
                $ps = [powershell]::Create()
                $ps.Runspace = $runspace
                $null = $ps.AddScript({
                    param($ModulePath, $Session, $Script)
                    Import-Module $ModulePath
                    try { & ([scriptblock]::Create($Script)) $Session } catch { $_ }
                }).AddArgument($env:GENESYSCONVO_MODULE_PATH).AddArgument($session).AddArgument($Script.ToString())
                @($ps.Invoke())
            } finally { $runspace.Dispose() }
        }
        $tenYears = { param($session) Get-GenesysConversationMetric -StartTime 2016-01-01 -EndTime (Get-Date).Date -Metric nOffered -Session $session }
    }
    BeforeEach { Reset-Emulator $emulator; $session = Connect-Emulator $emulator -With @{ PassThru = $true }; Clear-EmulatorLog }

    It '<Case> without -Force under pwsh -NonInteractive: refused, saying how many calls' -Skip:(-not $nonInteractive) -ForEach @(
        @{ Case = 'ten years of metrics'; Command = { Get-GenesysConversationMetric -StartTime 2016-01-01 -EndTime (Get-Date).Date -Metric nOffered -Session $session }; Calls = 'needs 1\d\d aggregates queries' }
        @{ Case = 'ten years of history with conversations still open'; Command = { Search-GenesysConversationHistory -StartTime 2016-01-01 -IncludeActive -Session $session }; Calls = 'needs at least \d{3} details queries' }
        @{ Case = 'ten years of history with -IncludeTotalCount'; Command = { Search-GenesysConversationHistory -StartTime 2016-01-01 -IncludeTotalCount -Session $session }; Calls = 'needs at least \d{3} details queries' }
    ) {
        $failure = Assert-Refused $Command 'GenesysConvo.ForceRequired'
        $failure.Exception.Message | Should -Match $Calls
        $failure.Exception.Message | Should -Match 'more than the 100 API calls the module makes without asking'
        $failure.Exception.Message | Should -Match 'Add -Force'
    }

    It 'in a runbook''s default host without -Force: refused' {
        $result = Invoke-InHost $tenYears
        $result[0].FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.ForceRequired,*'
        $result[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Assert-NoApiCall
    }

    It 'with -Force: the calls are made without asking' {
        # Denied, so that the first call fails: enough to see that -Force let it through.
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ deniedPermissions = @('analytics:conversationAggregate:view') }
        $failure = { Get-GenesysConversationMetric -StartTime 2016-01-01 -EndTime (Get-Date).Date -Metric nOffered -Force -Session $session } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        @(Get-EmulatorRequest $emulator -Api | Where-Object path -eq '/api/v2/analytics/conversations/aggregates/query').Count | Should -Be 1
    }

    It 'in an interactive host the user is asked; no sends nothing' {
        $answeringHost = [AnsweringHost]::new(1)
        $result = Invoke-InHost $tenYears $answeringHost
        $result | Should -BeNullOrEmpty
        $answeringHost.Prompts.Count | Should -Be 1
        $answeringHost.Prompts[0] | Should -Match 'Many API calls: Reading .* needs 1\d\d aggregates queries .* Send them\?'
        Assert-NoApiCall
    }

    It 'in an interactive host the user is asked; yes sends them' {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ deniedPermissions = @('analytics:conversationAggregate:view') }
        $answeringHost = [AnsweringHost]::new(0)
        $result = Invoke-InHost $tenYears $answeringHost
        $answeringHost.Prompts.Count | Should -Be 1
        $result[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        @(Get-EmulatorRequest $emulator -Api | Where-Object path -eq '/api/v2/analytics/conversations/aggregates/query').Count | Should -Be 1
    }

    It '100 calls or fewer are made without asking, in any host' {
        $answeringHost = [AnsweringHost]::new(1)
        $rows = Invoke-InHost { param($session) Get-GenesysConversationMetric -StartTime (Get-Date).Date.AddDays(-40) -EndTime (Get-Date).Date -Metric nOffered -TimeZone UTC -Session $session } $answeringHost
        $answeringHost.Prompts | Should -BeNullOrEmpty
        $rows[0] | Should -BeOfType ([GenesysConvo.ConversationMetricRow])
    }
}

Describe 'Invoke-GenesysCloudRequest keeps the token on API paths' {
    BeforeEach { Reset-Emulator $emulator; $session = Connect-Emulator $emulator -With @{ PassThru = $true }; Clear-EmulatorLog }

    It '''<Path>'' is refused before any request' -ForEach @(
        @{ Path = '/api/v2/../../x'; Message = "resolves to '/x', outside the API" }
        @{ Path = '/api/v2/users/%2e%2e/%2E%2E/%2e%2e/oauth/token'; Message = "resolves to '/oauth/token', outside the API" }
        @{ Path = '..\..\__emulator\requests'; Message = "resolves to '/__emulator/requests', outside the API" }
        @{ Path = '/oauth/token'; Message = "'/oauth/token' is outside the API" }
    ) {
        $failure = Assert-Refused { Invoke-GenesysCloudRequest -Path $Path -Session $session } 'GenesysConvo.InvalidPath'
        $failure.Exception.Message | Should -Match ([regex]::Escape($Message))
        $failure.Exception.Message | Should -Match ([regex]::Escape('only sent to paths under /api/v2/'))
    }

    It 'a full URL on the API host whose path leaves the API is refused' {
        $failure = Assert-Refused { Invoke-GenesysCloudRequest -Path "$($emulator.ApiUrl)/api/v2/../../__emulator/requests" -Session $session } 'GenesysConvo.InvalidPath'
        $failure.Exception.Message | Should -Match 'outside the API'
    }

    It '''<Path>'' is sent as <Sent>' -ForEach @(
        @{ Path = '/api/v2//organizations/./me'; Sent = '/api/v2/organizations/me' }
        @{ Path = '/api/v2/users/../organizations/me'; Sent = '/api/v2/organizations/me' }
        @{ Path = 'api/v2\organizations\me'; Sent = '/api/v2/organizations/me' }
    ) {
        Invoke-GenesysCloudRequest -Path $Path -Session $session | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequest $emulator -Api).path | Should -Be $Sent
    }
}
