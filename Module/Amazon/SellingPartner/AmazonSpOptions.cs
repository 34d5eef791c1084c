using ErpAmazonModule.Accounts;
using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Amazon.SellingPartner;

/// <summary>The application's Login with Amazon client for one region (never a seller's: sellers give a refresh token).</summary>
public sealed class AmazonSpRegionOptions
{
    /// <summary>LWA client identifier of the application (<c>amzn1.application-oa2-client...</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>LWA client secret; exchanges refresh tokens, never logged or returned.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Selling Partner API endpoint, e.g. <c>https://sellingpartnerapi-eu.amazon.com</c> or a sandbox.</summary>
    public Uri? Endpoint { get; set; }
}

/// <summary>Options of the Selling Partner API transport, bound from <c>AmazonConnector:SellingPartner</c>.</summary>
public sealed class AmazonSpOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = AmazonConnectorDefaults.ConfigurationSection + ":SellingPartner";

    /// <summary>Amazon's Selling Partner API endpoint per region when none is configured.</summary>
    public static readonly IReadOnlyDictionary<AmazonRegion, Uri> DefaultEndpoints = new Dictionary<AmazonRegion, Uri>
    {
        [AmazonRegion.NA] = new("https://sellingpartnerapi-na.amazon.com"),
        [AmazonRegion.EU] = new("https://sellingpartnerapi-eu.amazon.com"),
        [AmazonRegion.FE] = new("https://sellingpartnerapi-fe.amazon.com"),
    };

    /// <summary>Login with Amazon's token endpoint (one for every region).</summary>
    public Uri TokenEndpoint { get; set; } = new("https://api.amazon.com/auth/o2/token");

    /// <summary>Client and endpoint per region (NA, EU, FE).</summary>
    public Dictionary<AmazonRegion, AmazonSpRegionOptions> Regions { get; set; } = [];

    /// <summary>Retries of 500 and 503 answers and lost connections (exponential back-off with jitter), 0 to 10.</summary>
    public int RetryCount { get; set; } = 4;

    /// <summary>First retry delay; later ones grow exponentially.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time allowed for one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Keep inside Amazon's usage plans on the client side (turn off only against a sandbox that has none).</summary>
    public bool ClientThrottling { get; set; } = true;

    /// <summary>Waits at an operation's rate are this many times shorter; only for a sandbox running Amazon's rules faster (1 against Amazon).</summary>
    public double ThrottleTimeScale { get; set; } = 1;

    /// <summary>The region's endpoint and client, or why they cannot be used (naming the keys to set).</summary>
    public (Uri Endpoint, AmazonSpRegionOptions Client)? Resolve(AmazonRegion region, out string? problem)
    {
        problem = null;
        if (!Regions.TryGetValue(region, out var client) || string.IsNullOrWhiteSpace(client.ClientId) || string.IsNullOrWhiteSpace(client.ClientSecret))
        {
            problem = $"The Selling Partner API application for region {region} is not configured ({Section}:Regions:{region}:ClientId and ClientSecret).";
            return null;
        }

        return (client.Endpoint ?? DefaultEndpoints[region], client);
    }
}

/// <summary>Refuses at start-up what cannot work, naming the key.</summary>
public sealed class AmazonSpOptionsValidator : IValidateOptions<AmazonSpOptions>
{
    public ValidateOptionsResult Validate(string? name, AmazonSpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RetryCount is < 0 or > 10)
        {
            failures.Add($"{AmazonSpOptions.Section}:RetryCount must be from 0 to 10.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{AmazonSpOptions.Section}:RetryBaseDelay must be from 00:00:00 to 00:01:00.");
        }

        if (options.AttemptTimeout < TimeSpan.FromSeconds(1) || options.AttemptTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{AmazonSpOptions.Section}:AttemptTimeout must be from 00:00:01 to 00:10:00.");
        }

        if (options.ThrottleTimeScale is < 1 or > 10_000)
        {
            failures.Add($"{AmazonSpOptions.Section}:ThrottleTimeScale must be from 1 to 10000.");
        }

        if (!options.TokenEndpoint.IsAbsoluteUri)
        {
            failures.Add($"{AmazonSpOptions.Section}:TokenEndpoint must be an absolute URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
