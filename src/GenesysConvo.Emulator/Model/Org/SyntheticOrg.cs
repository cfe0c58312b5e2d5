namespace GenesysConvo.Emulator.Model.Org;

/// <summary>
/// The deterministic org behind every endpoint: divisions, queues, users (some inactive/deleted), wrap-up codes,
/// and which agents work which queues. Same seed → same ids, names and memberships.
/// </summary>
public sealed class SyntheticOrg
{
    public const string OrgName = "Emulated Contact Center";

    public int Seed { get; }
    public Organization Organization { get; }
    public IReadOnlyList<AuthzDivision> Divisions { get; }
    public IReadOnlyList<Queue> Queues { get; }
    public IReadOnlyList<User> Users { get; }
    public IReadOnlyList<WrapupCode> WrapupCodes { get; }

    /// <summary>Agents (any state: historical conversations may involve users deleted since) per queue id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<User>> AgentsByQueue { get; }

    /// <summary>Relative traffic share of each queue (index-aligned with <see cref="Queues"/>).</summary>
    public IReadOnlyList<double> QueueWeights { get; }

    /// <summary>When the synthetic org was set up: creation dates of queues and wrap-up codes count from here.</summary>
    private static readonly DateTimeOffset OrgBorn = new(2023, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, User> _usersById;
    private readonly Dictionary<string, Queue> _queuesById;
    private readonly Dictionary<string, WrapupCode> _codesById;
    private readonly Dictionary<string, AuthzDivision> _divisionsById;

    public SyntheticOrg(int seed)
    {
        Seed = seed;
        var orgId = SeededRandom.For(seed, "org-id").NextGuid().ToString();
        Organization = new Organization
        {
            Id = orgId,
            Name = OrgName,
            ThirdPartyOrgName = "emulated-contact-center",
            Domain = "emulated-contact-center",
            SelfUri = $"/api/v2/organizations/{orgId}",
        };

        Divisions = BuildDivisions(seed);
        var admin = SeededRandom.For(seed, "admin-user").NextGuid().ToString();
        Users = BuildUsers(seed);
        var agents = Users.Where(u => NameLists.AgentTitles.Contains(u.Title)).ToList();
        var queues = new List<Queue>();
        var weights = new List<double>();
        var membership = new Dictionary<string, List<User>>();
        for (var i = 0; i < NameLists.Queues.Length; i++)
        {
            var (queue, members, weight) = BuildQueue(seed, i, agents, admin);
            queues.Add(queue);
            membership[queue.Id] = members;
            weights.Add(weight);
        }

        Queues = queues;
        QueueWeights = weights;
        AgentsByQueue = membership.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<User>)kv.Value);
        WrapupCodes = NameLists.WrapupCodes.Select((name, i) => BuildWrapupCode(seed, i, name, admin)).ToList();

        _usersById = Users.ToDictionary(u => u.Id, StringComparer.OrdinalIgnoreCase);
        _queuesById = Queues.ToDictionary(q => q.Id, StringComparer.OrdinalIgnoreCase);
        _codesById = WrapupCodes.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        _divisionsById = Divisions.ToDictionary(d => d.Id, StringComparer.OrdinalIgnoreCase);
    }

    public User? FindUser(string id) => _usersById.GetValueOrDefault(id);
    public Queue? FindQueue(string id) => _queuesById.GetValueOrDefault(id);
    public WrapupCode? FindWrapupCode(string id) => _codesById.GetValueOrDefault(id);
    public AuthzDivision? FindDivision(string id) => _divisionsById.GetValueOrDefault(id);

    private static List<AuthzDivision> BuildDivisions(int seed)
        => NameLists.Divisions.Select((d, i) =>
        {
            var id = SeededRandom.For(seed, "division", i).NextGuid().ToString();
            return new AuthzDivision
            {
                Id = id, Name = d.Name, Description = d.Description, HomeDivision = i == 0,
                SelfUri = $"/api/v2/authorization/divisions/{id}",
            };
        }).ToList();

    /// <summary>Queue i of <see cref="NameLists.Queues"/>, its members and its relative traffic share.</summary>
    private (Queue Queue, List<User> Members, double Weight) BuildQueue(int seed, int i, List<User> agents, string admin)
    {
        var (name, divisionIndex) = NameLists.Queues[i];
        var qr = SeededRandom.For(seed, "queue", i);
        var id = qr.NextGuid().ToString();
        var created = OrgBorn.AddDays(qr.Between(0, 200)).AddMinutes(qr.Between(0, 600));
        var members = PickMembers(seed, i, agents);
        var weight = 0.3 + qr.NextDouble() * (i < 6 ? 3.0 : 1.0); // the first (tier-1 style) queues are busier
        var queue = new Queue
        {
            Id = id,
            Name = name,
            Division = Divisions[divisionIndex].Ref(),
            Description = $"{name} queue",
            DateCreated = created,
            DateModified = created.AddDays(qr.Between(0, 300)),
            CreatedBy = admin,
            ModifiedBy = admin,
            MemberCount = members.Count,
            UserMemberCount = members.Count,
            JoinedMemberCount = members.Count(m => m.State == "active" && qr.Chance(0.8)),
            AcwSettings = new AcwSettings("MANDATORY_TIMEOUT", 300_000),
            SelfUri = $"/api/v2/routing/queues/{id}",
        };
        return (queue, members, weight);
    }

    private WrapupCode BuildWrapupCode(int seed, int i, string name, string admin)
    {
        var wr = SeededRandom.For(seed, "wrapup", i);
        var id = wr.NextGuid().ToString();
        var created = OrgBorn.AddDays(wr.Between(0, 300));
        return new WrapupCode
        {
            Id = id,
            Name = name,
            Division = Divisions[0].Ref(), // wrap-up codes live in the home division
            DateCreated = created,
            DateModified = created.AddDays(wr.Between(0, 100)),
            CreatedBy = admin,
            ModifiedBy = admin,
            SelfUri = $"/api/v2/routing/wrapupcodes/{id}",
        };
    }

    private List<User> BuildUsers(int seed)
    {
        const int count = 300;
        var users = new List<User>(count);
        var usedEmails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < count; i++)
        {
            var ur = SeededRandom.For(seed, "user", i);
            var id = ur.NextGuid().ToString();
            var first = ur.Pick(NameLists.FirstNames);
            var last = ur.Pick(NameLists.LastNames);
            var local = $"{first}.{last}".ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal);
            var email = $"{local}@emulated-contact-center.example";
            for (var n = 2; !usedEmails.Add(email); n++) email = $"{local}{n}@emulated-contact-center.example";

            var roll = ur.NextDouble();
            var state = roll < 0.86 ? "active" : roll < 0.94 ? "inactive" : "deleted";
            var titleRoll = ur.NextDouble();
            var title = titleRoll < 0.70 ? "Contact Center Agent"
                : titleRoll < 0.84 ? "Senior Contact Center Agent"
                : titleRoll < 0.90 ? "Team Lead"
                : titleRoll < 0.95 ? "Supervisor"
                : titleRoll < 0.98 ? "Quality Analyst"
                : "Contact Center Manager";
            var division = Divisions[1 + ur.Next(Divisions.Count - 1)];
            users.Add(new User
            {
                Id = id,
                Name = $"{first} {last}",
                Division = division.Ref(),
                Chat = new UserChat($"{Convert.ToHexStringLower(Guid.Parse(id).ToByteArray())[..24]}@emulated-contact-center.orgspan.com"),
                Department = division.Name,
                Email = email,
                PrimaryContactInfo = [new UserContact(email, "EMAIL", "PRIMARY")],
                State = state,
                Title = title,
                Username = email,
                Version = 1 + ur.Next(5),
                SelfUri = $"/api/v2/users/{id}",
            });
        }

        return users;
    }

    private static List<User> PickMembers(int seed, int queueIndex, List<User> agents)
    {
        var r = SeededRandom.For(seed, "queue-members", queueIndex);
        var size = r.Between(8, 30);
        var picked = new List<User>();
        var seen = new HashSet<int>();
        while (picked.Count < Math.Min(size, agents.Count))
        {
            var idx = r.Next(agents.Count);
            if (seen.Add(idx)) picked.Add(agents[idx]);
        }

        // Keep a realistic majority of active members so live traffic is mostly handled by active agents.
        return picked.OrderBy(u => u.State == "active" ? 0 : 1).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
    }
}
