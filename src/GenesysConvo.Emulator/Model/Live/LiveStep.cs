namespace GenesysConvo.Emulator.Model.Live;

/// <summary>
/// Where a live conversation is now: the values of the control API's "step" (GET /__emulator/live). The product's
/// ConversationStep calls them InIvr, WaitingInQueue, Alerting, Talking, OnHold and AfterCallWork; the emulator also
/// tells apart Dialing (an agent's outbound call not answered yet) and Routing (the ≤ 1.5 s inbound flow of non-voice
/// media before the queue).
/// </summary>
public static class LiveStep
{
    public const string InIvr = "ivr";
    public const string Routing = "routing";
    public const string WaitingInQueue = "queue";
    public const string Alerting = "alerting";
    public const string Dialing = "dialing";
    public const string Talking = "talking";
    public const string OnHold = "hold";
    public const string AfterCallWork = "wrapup";

    /// <summary>An agent works the conversation (what queue observations count as interacting; ACW is not).</summary>
    public static bool IsInteracting(string step) => step is Talking or OnHold or Dialing;
}
