using ErpAmazonModule.Accounts;

namespace ErpAmazonModule.Amazon.Mws;

/// <summary>The developer's MWS credentials for one region (never a seller's: sellers only give a token).</summary>
public sealed class AmazonMwsRegionOptions
{
    /// <summary>Developer ID sellers authorize.</summary>
    public string? DeveloperId { get; set; }

    /// <summary>AWS access key id of the developer.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>AWS secret key of the developer; signs requests, never logged or returned.</summary>
    public string? SecretKey { get; set; }

    /// <summary>MWS endpoint (scheme, host and optional base path), e.g. <c>https://mws-eu.amazonservices.com</c> or a sandbox.</summary>
    public Uri? Endpoint { get; set; }
}

/// <summary>Options of the MWS transport, bound from <c>AmazonConnector:Mws</c>.</summary>
public sealed class AmazonMwsOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = AmazonConnectorDefaults.ConfigurationSection + ":Mws";

    /// <summary>Amazon's MWS endpoint per region when none is configured.</summary>
    public static readonly IReadOnlyDictionary<AmazonRegion, Uri> DefaultEndpoints = new Dictionary<AmazonRegion, Uri>
    {
        [AmazonRegion.NA] = new("https://mws.amazonservices.com"),
        [AmazonRegion.EU] = new("https://mws-eu.amazonservices.com"),
        [AmazonRegion.FE] = new("https://mws-fe.amazonservices.com"),
    };

    /// <summary>Credentials and endpoint per region (NA, EU, FE).</summary>
    public Dictionary<AmazonRegion, AmazonMwsRegionOptions> Regions { get; set; } = [];

    /// <summary>Application name and version in the User-Agent Amazon asks for.</summary>
    public string ApplicationName { get; set; } = "ErpAmazonModule";

    /// <summary>Retries of 500 and 503 answers (exponential back-off with jitter).</summary>
    public int RetryCount { get; set; } = 4;

    /// <summary>First retry delay; later ones grow exponentially.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time allowed for one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Keep inside Amazon's quotas on the client side (turn off only against a sandbox that has no quotas).</summary>
    public bool ClientThrottling { get; set; } = true;

    /// <summary>Quota restore rates are this many times faster; only for a sandbox running Amazon's rules faster (1 against Amazon).</summary>
    public double ThrottleTimeScale { get; set; } = 1;

    /// <summary>The region's endpoint and credentials, or why they cannot be used.</summary>
    public (Uri Endpoint, AmazonMwsRegionOptions Credentials)? Resolve(AmazonRegion region, out string? problem)
    {
        problem = null;
        if (!Regions.TryGetValue(region, out var credentials) || string.IsNullOrWhiteSpace(credentials.AccessKeyId) || string.IsNullOrWhiteSpace(credentials.SecretKey))
        {
            problem = $"The MWS developer credentials for region {region} are not configured ({Section}:Regions:{region}:AccessKeyId and SecretKey).";
            return null;
        }

        return (credentials.Endpoint ?? DefaultEndpoints[region], credentials);
    }
}
