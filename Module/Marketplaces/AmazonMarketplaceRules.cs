using System.Text.RegularExpressions;
using ErpAmazonModule.Api;

namespace ErpAmazonModule.Marketplaces;

/// <summary>Validation of a custom marketplace.</summary>
public static partial class AmazonMarketplaceRules
{
    /// <summary>Fields the API shows but a client may not set.</summary>
    public static readonly IReadOnlySet<string> ReadOnlyFields = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(AmazonMarketplace.Id), nameof(AmazonMarketplace.IsBuiltIn),
    };

    /// <summary>The only field of a built-in marketplace a user may change.</summary>
    public const string BuiltInWritableField = nameof(AmazonMarketplace.IsActive);

    /// <summary>The first problem with a custom marketplace, or null.</summary>
    public static AmazonFieldError? Validate(AmazonMarketplace marketplace)
    {
        ArgumentNullException.ThrowIfNull(marketplace);
        if (string.IsNullOrWhiteSpace(marketplace.Name) || marketplace.Name.Length > 64)
        {
            return new(nameof(AmazonMarketplace.Name), "is required (at most 64 characters), like 'Amazon.se'.");
        }

        if (!CountryPattern().IsMatch(marketplace.CountryCode ?? ""))
        {
            return new(nameof(AmazonMarketplace.CountryCode), "must be a two-letter ISO 3166 country code in capitals, like 'SE'.");
        }

        if (string.IsNullOrWhiteSpace(marketplace.Endpoint) || Uri.CheckHostName(marketplace.Endpoint) != UriHostNameType.Dns)
        {
            return new(nameof(AmazonMarketplace.Endpoint), "must be a host name without scheme or path, like 'mws-eu.amazonservices.com'.");
        }

        if (!ApiIdentifierPattern().IsMatch(marketplace.ApiIdentifier ?? ""))
        {
            return new(nameof(AmazonMarketplace.ApiIdentifier), "must be Amazon's MarketplaceId: 5 to 32 capital letters and digits.");
        }

        if (!Enum.IsDefined(marketplace.Region))
        {
            return new(nameof(AmazonMarketplace.Region), "must be 'NA', 'EU' or 'FE'.");
        }

        return CurrencyPattern().IsMatch(marketplace.CurrencyCode ?? "")
            ? null
            : new(nameof(AmazonMarketplace.CurrencyCode), "must be a three-letter ISO 4217 currency code in capitals, like 'SEK'.");
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex("^[A-Z0-9]{5,32}$")]
    private static partial Regex ApiIdentifierPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
