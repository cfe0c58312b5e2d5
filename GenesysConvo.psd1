@{
    RootModule           = 'GenesysConvo.psm1'
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
