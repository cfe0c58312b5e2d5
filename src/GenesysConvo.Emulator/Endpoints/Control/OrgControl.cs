using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints.Control;

/// <summary>GET /__emulator/org — the whole synthetic org: {organization, divisions, queues, users, wrapupCodes, queueMembers}.</summary>
public static class OrgControl
{
    public static void Map(IEndpointRouteBuilder control) => control.MapGet("/org", Org);

    private static IResult Org(SyntheticOrg org) => Results.Json(new
    {
        organization = org.Organization,
        divisions = org.Divisions,
        queues = org.Queues,
        users = org.Users,
        wrapupCodes = org.WrapupCodes,
        queueMembers = org.AgentsByQueue.ToDictionary(kv => kv.Key, kv => kv.Value.Select(u => u.Id).ToArray()),
    }, Json.Options);
}
