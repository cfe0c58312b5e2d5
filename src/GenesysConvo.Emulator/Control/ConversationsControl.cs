using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Control;

/// <summary>Ground truth of the conversation generator (filled in with the generator).</summary>
public static class ConversationsControl
{
    public static void Map(IEndpointRouteBuilder control)
    {
        _ = control;
    }
}
