using System;
using System.Collections.Generic;
using System.Linq;

namespace GenesysConvo.Core.Session;

/// <summary>A Genesys Cloud region: its name as the official CLI spells it and its domain
/// (API host api.&lt;domain&gt;, login host login.&lt;domain&gt;).</summary>
public sealed class GenesysRegion
{
    private GenesysRegion(string name, string domain, string sdkName)
    {
        Name = name;
        Domain = domain;
        SdkName = sdkName;
    }

    public string Name { get; }
    public string Domain { get; }
    /// <summary>The enum spelling of the .NET/JS/Python SDKs (us_east_1).</summary>
    public string SdkName { get; }
    public Uri ApiBaseUri => new Uri("https://api." + Domain);
    public Uri LoginBaseUri => new Uri("https://login." + Domain);

    // From the official SDKs' region tables (PureCloudRegionHosts) and the CLI's region map.
    public static IReadOnlyList<GenesysRegion> All { get; } = new[]
    {
        new GenesysRegion("us-east-1", "mypurecloud.com", "us_east_1"),
        new GenesysRegion("us-east-2", "use2.us-gov-pure.cloud", "us_east_2"),
        new GenesysRegion("us-west-2", "usw2.pure.cloud", "us_west_2"),
        new GenesysRegion("ca-central-1", "cac1.pure.cloud", "ca_central_1"),
        new GenesysRegion("sa-east-1", "sae1.pure.cloud", "sa_east_1"),
        new GenesysRegion("mx-central-1", "mxc1.pure.cloud", "mx_central_1"),
        new GenesysRegion("eu-west-1", "mypurecloud.ie", "eu_west_1"),
        new GenesysRegion("eu-west-2", "euw2.pure.cloud", "eu_west_2"),
        new GenesysRegion("eu-central-1", "mypurecloud.de", "eu_central_1"),
        new GenesysRegion("eu-central-2", "euc2.pure.cloud", "eu_central_2"),
        new GenesysRegion("eusc-de-east-1", "edee1.eusc-pure.cloud", "eusc_de_east_1"),
        new GenesysRegion("me-central-1", "mec1.pure.cloud", "me_central_1"),
        new GenesysRegion("ap-south-1", "aps1.pure.cloud", "ap_south_1"),
        new GenesysRegion("ap-northeast-1", "mypurecloud.jp", "ap_northeast_1"),
        new GenesysRegion("ap-northeast-2", "apne2.pure.cloud", "ap_northeast_2"),
        new GenesysRegion("ap-northeast-3", "apne3.pure.cloud", "ap_northeast_3"),
        new GenesysRegion("ap-southeast-1", "apse1.pure.cloud", "ap_southeast_1"),
        new GenesysRegion("ap-southeast-2", "mypurecloud.com.au", "ap_southeast_2"),
    };

    public static GenesysRegion Default => All[0];

    /// <summary>Accepts a region name in either spelling (us-east-1, us_east_1), a domain
    /// (mypurecloud.com), or a host/URL of it (api.mypurecloud.com, https://login.mypurecloud.ie).</summary>
    public static bool TryResolve(string? value, out GenesysRegion region)
    {
        region = Default;
        if (string.IsNullOrWhiteSpace(value)) return false;
        var key = Normalize(value!);
        var found = All.FirstOrDefault(r =>
            string.Equals(r.Name, key, StringComparison.OrdinalIgnoreCase)
            || string.Equals(r.SdkName, key, StringComparison.OrdinalIgnoreCase)
            || string.Equals(r.Name.Replace('-', '_'), key.Replace('-', '_'), StringComparison.OrdinalIgnoreCase)
            || string.Equals(r.Domain, key, StringComparison.OrdinalIgnoreCase));
        if (found is null) return false;
        region = found;
        return true;
    }

    public static GenesysRegion Resolve(string? value)
    {
        if (TryResolve(value, out var region)) return region;
        throw new ArgumentException(
            $"'{value}' is not a Genesys Cloud region. Use one of: {string.Join(", ", All.Select(r => $"{r.Name} ({r.Domain})"))}; " +
            "or pass -ApiBaseUri and -LoginBaseUri for another environment.");
    }

    private static string Normalize(string value)
    {
        var v = value.Trim();
        var scheme = v.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) v = v.Substring(scheme + 3);
        v = v.TrimEnd('/');
        var slash = v.IndexOf('/');
        if (slash >= 0) v = v.Substring(0, slash);
        var colon = v.IndexOf(':');
        if (colon >= 0) v = v.Substring(0, colon);   // https://api.mypurecloud.com:443
        foreach (var prefix in new[] { "api.", "login." })
            if (v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return v.Substring(prefix.Length);
        return v;
    }

    public override string ToString() => $"{Name} ({Domain})";
}
