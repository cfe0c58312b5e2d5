<#
.SYNOPSIS
    A runbook: exports the conversations that ended since its previous run to a CSV file of its own.
.DESCRIPTION
    Run it on a schedule (cron, a systemd timer, a scheduled task, an Azure Automation schedule). Each run writes the
    conversations that started since the previous run and have ended, plus those an earlier run saw still open that
    have ended since: every conversation once, complete. A failed run leaves no file and exits non-zero; the next run
    continues from the checkpoint. The connection comes from the environment: GENESYSCLOUD_REGION,
    GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET.
.EXAMPLE
    pwsh -NoProfile -NonInteractive -File nightly-export.ps1 -Folder /var/lib/genesys-exports
#>
param(
    # Where the files and the checkpoint live; the checkpoint must survive between runs.
    [string] $Folder = (Get-Location).Path,
    # The first run's start; later runs start where the previous one ended.
    [datetime] $FirstRunStart = (Get-Date).Date.AddDays(-1)
)
Import-Module GenesysConvo
Connect-GenesysCloud
$summary = Export-GenesysConversationHistory -Incremental -StartTime $FirstRunStart -Force `
    -CheckpointPath (Join-Path $Folder 'history.checkpoint') `
    -Path (Join-Path $Folder "conversations-$(Get-Date -Format yyyyMMdd-HHmm).csv")
"$($summary.Conversations) conversations written to $($summary.Path); $($summary.Pending) still open, for a later run."
