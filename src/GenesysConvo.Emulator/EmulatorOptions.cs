using System.Globalization;

namespace GenesysConvo.Emulator;

/// <summary>Command-line options of the emulator process (see README.md for the contract).</summary>
public sealed class EmulatorOptions
{
    public int Seed { get; set; } = 42;
    public string ClientId { get; set; } = "emulator-client-id";
    public string ClientSecret { get; set; } = "emulator-client-secret";
    /// <summary>The public OAuth client with the Code Authorization grant (PKCE): no secret.</summary>
    public string PkceClientId { get; set; } = "emulator-pkce-client";
    public int TokenLifetimeSeconds { get; set; } = 86400;
    public int RateLimitPerMinute { get; set; } = 300;
    public double ConversationsPerHour { get; set; } = 120;
    /// <summary>About this many message/email conversations a day stay open for days (0 = none: the generator as before).</summary>
    public double LongOpenPerDay { get; set; }
    /// <summary>Loopback ports of the two hosts; 0 = an ephemeral port chosen by the system.</summary>
    public int ApiPort { get; set; }
    public int LoginPort { get; set; }
    public int? ParentPid { get; set; }
    public bool Quiet { get; set; }

    public static EmulatorOptions Parse(string[] args)
    {
        var o = new EmulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value()
            {
                if (i + 1 >= args.Length) throw new ArgumentException($"Option {name} needs a value.");
                return args[++i];
            }

            switch (name.ToLowerInvariant())
            {
                case "--seed": o.Seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--client-id": o.ClientId = Value(); break;
                case "--client-secret": o.ClientSecret = Value(); break;
                case "--pkce-client-id": o.PkceClientId = Value(); break;
                case "--token-lifetime": o.TokenLifetimeSeconds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--rate-limit": o.RateLimitPerMinute = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--conversations-per-hour": o.ConversationsPerHour = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--long-open-per-day": o.LongOpenPerDay = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--api-port": o.ApiPort = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--login-port": o.LoginPort = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--parent-pid": o.ParentPid = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--quiet": o.Quiet = true; break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (o.ConversationsPerHour <= 0) throw new ArgumentException("--conversations-per-hour must be > 0.");
        if (!(o.LongOpenPerDay >= 0) || double.IsInfinity(o.LongOpenPerDay))
            throw new ArgumentException("--long-open-per-day must be a number >= 0.");
        if (o.RateLimitPerMinute <= 0) throw new ArgumentException("--rate-limit must be > 0.");
        if (o.TokenLifetimeSeconds <= 0) throw new ArgumentException("--token-lifetime must be > 0.");
        if (o.ApiPort is < 0 or > 65535) throw new ArgumentException("--api-port must be 0..65535 (0 = ephemeral).");
        if (o.LoginPort is < 0 or > 65535) throw new ArgumentException("--login-port must be 0..65535 (0 = ephemeral).");
        if (o.ApiPort != 0 && o.ApiPort == o.LoginPort) throw new ArgumentException("--api-port and --login-port must differ.");
        return o;
    }
}
