using System.Text.RegularExpressions;
using ErpAmazonModule.Api;

namespace ErpAmazonModule.Marketplaces;

/// <summary>Validation of a custom marketplace, every problem at once.</summary>
public static partial class AmazonMarketplaceValidator
{
    /// <summary>Fields the API shows but a client may not set.</summary>
    public static readonly IReadOnlySet<string> ReadOnlyFields = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(AmazonMarketplace.Id), nameof(AmazonMarketplace.IsBuiltIn),
    };

    /// <summary>The only field of a built-in marketplace a user may change.</summary>
    public const string BuiltInWritableField = nameof(AmazonMarketplace.IsActive);

    /// <summary>Every problem with a custom marketplace; empty when it is valid.</summary>
    public static List<AmazonFieldError> Validate(AmazonMarketplace marketplace)
    {
        ArgumentNullException.ThrowIfNull(marketplace);
        var errors = new List<AmazonFieldError>();
        void Check(bool wrong, string field, string message)
        {
            if (wrong)
            {
                errors.Add(new(field, message));
            }
        }

        Check(string.IsNullOrWhiteSpace(marketplace.Name) || marketplace.Name.Length > 64, nameof(AmazonMarketplace.Name), "is required (at most 64 characters), like 'Amazon.se'.");
        Check(!CountryPattern().IsMatch(marketplace.CountryCode ?? ""), nameof(AmazonMarketplace.CountryCode), "must be a two-letter ISO 3166 country code in capitals, like 'SE'.");
        Check(string.IsNullOrWhiteSpace(marketplace.Endpoint) || Uri.CheckHostName(marketplace.Endpoint) != UriHostNameType.Dns, nameof(AmazonMarketplace.Endpoint),
            "must be a host name without scheme or path, like 'mws-eu.amazonservices.com'.");
        Check(!ApiIdentifierPattern().IsMatch(marketplace.ApiIdentifier ?? ""), nameof(AmazonMarketplace.ApiIdentifier), "must be Amazon's MarketplaceId: 5 to 32 capital letters and digits.");
        Check(!Enum.IsDefined(marketplace.Region), nameof(AmazonMarketplace.Region), "must be 'NA', 'EU' or 'FE'.");
        Check(!CurrencyPattern().IsMatch(marketplace.CurrencyCode ?? ""), nameof(AmazonMarketplace.CurrencyCode), "must be a three-letter ISO 4217 currency code in capitals, like 'SEK'.");
        return errors;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex("^[A-Z0-9]{5,32}$")]
    private static partial Regex ApiIdentifierPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
