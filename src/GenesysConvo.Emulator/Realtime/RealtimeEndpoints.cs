using GenesysConvo.Emulator.Conversations;
using GenesysConvo.Emulator.Org;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GenesysConvo.Emulator.Realtime;

/// <summary>Registers the real-time endpoints: conversations, queue observations and the /__emulator/live ground truth.</summary>
public static class RealtimeEndpoints
{
    public static void Map(WebApplication app)
    {
        var live = new LiveConversations(app.Services.GetRequiredService<ConversationGenerator>(), app.Services.GetRequiredService<SyntheticOrg>().Seed);
        ConversationsEndpoint.Map(app, live);
        QueueObservationsEndpoint.Map(app, live);
        LiveControl.Map(app, live);
    }
}
