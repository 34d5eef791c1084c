using System.Text.RegularExpressions;
using ErpAmazonModule.Api;
using ErpAmazonModule.Settings;

namespace ErpAmazonModule.Accounts;

/// <summary>Validation of an account's own fields, every problem at once (Amazon checks the credentials separately).</summary>
public static partial class AmazonAccountValidator
{
    public const int NameMaxLength = 128;
    public const int SellerIdMaxLength = 32;
    private const int TextMaxLength = 128;

    /// <summary>Fields the API shows but a client may not set.</summary>
    public static readonly IReadOnlySet<string> ReadOnlyFields = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(AmazonAccount.Id), nameof(AmazonAccount.LastSyncWatermark), nameof(AmazonAccount.NextSyncOn), nameof(AmazonAccount.AuthorizationExpiresSoon), nameof(AmazonAccount.AuthorizationState),
        nameof(AmazonAccount.NeedsReauthorization), nameof(AmazonAccount.ReauthorizationReason),
        nameof(AmazonAccount.CheckedEndpoint), nameof(AmazonAccount.CreatedOn), nameof(AmazonAccount.UpdatedOn), nameof(AmazonAccount.Version),
        nameof(AmazonAccount.AvailableMarketplaces), nameof(AmazonAccount.ActiveMarketplaces),
    };

    /// <summary>Every problem with <paramref name="account"/>; empty when it is valid. <paramref name="newToken"/> is a token being set.</summary>
    public static List<AmazonFieldError> Validate(AmazonAccount account, string? newToken, bool tokenRequired)
    {
        ArgumentNullException.ThrowIfNull(account);
        var errors = new List<AmazonFieldError>();
        void Check(bool wrong, string field, string message)
        {
            if (wrong)
            {
                errors.Add(new(field, message));
            }
        }

        Check(string.IsNullOrWhiteSpace(account.Name), nameof(AmazonAccount.Name), "is required.");
        Check(account.Name?.Length > NameMaxLength, nameof(AmazonAccount.Name), $"must be at most {NameMaxLength} characters.");
        Check(!Enum.IsDefined(account.Api), nameof(AmazonAccount.Api), "must be 'Mws' or 'SellingPartner'.");
        Check(account.Api == AmazonApi.SellingPartner && !AmazonOrdersApiVersions.All.Contains(account.OrdersApiVersion ?? ""), nameof(AmazonAccount.OrdersApiVersion),
            $"must be {string.Join(" or ", AmazonOrdersApiVersions.All.Select(v => $"'{v}'"))}.");
        Check(account.Api == AmazonApi.Mws && account.OrdersApiVersion is not null, nameof(AmazonAccount.OrdersApiVersion), "applies to Selling Partner API accounts only; leave it empty for MWS.");
        Check(!Enum.IsDefined(account.Region), nameof(AmazonAccount.Region), "must be 'NA', 'EU' or 'FE'.");
        Check(string.IsNullOrWhiteSpace(account.SellerId), nameof(AmazonAccount.SellerId), "is required.");
        Check(!string.IsNullOrWhiteSpace(account.SellerId) && !SellerIdPattern().IsMatch(account.SellerId), nameof(AmazonAccount.SellerId),
            $"must be Amazon's Seller ID: 8 to {SellerIdMaxLength} capital letters and digits.");
        Check(newToken is null && tokenRequired, nameof(AmazonAccount.AuthorizationToken), "is required.");
        if (newToken is not null && TokenError(account.Api, newToken) is { } tokenError)
        {
            errors.Add(new(nameof(AmazonAccount.AuthorizationToken), tokenError));
        }

        // The account's own interval accepts what the module-wide default accepts.
        var interval = AmazonSettings.SyncIntervalMinutes;
        Check(account.SyncIntervalMinutes < interval.Min || account.SyncIntervalMinutes > interval.Max, nameof(AmazonAccount.SyncIntervalMinutes),
            $"must be between {interval.Min} and {interval.Max} minutes.");
        Check(account.AuthorizedOn is { } from && account.AuthorizationExpiresOn is { } to && to <= from, nameof(AmazonAccount.AuthorizationExpiresOn), "must be after AuthorizedOn.");
        Check(account.CompanyId?.Length > AmazonConnectorDefaults.HostIdMaxLength, nameof(AmazonAccount.CompanyId), $"must be at most {AmazonConnectorDefaults.HostIdMaxLength} characters.");
        Check(account.Salesperson?.Length > TextMaxLength, nameof(AmazonAccount.Salesperson), $"must be at most {TextMaxLength} characters.");
        Check(account.SalesTeam?.Length > TextMaxLength, nameof(AmazonAccount.SalesTeam), $"must be at most {TextMaxLength} characters.");
        return errors;
    }

    private static string? TokenError(AmazonApi api, string token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Trim().Length != token.Length)
        {
            return "must not be empty or start or end with spaces.";
        }

        return api switch
        {
            AmazonApi.Mws when !token.StartsWith("amzn.mws.", StringComparison.Ordinal) => "an MWS auth token starts with 'amzn.mws.'.",
            AmazonApi.SellingPartner when !token.StartsWith("Atzr|", StringComparison.Ordinal) => "for the Selling Partner API, the seller's Login with Amazon refresh token, which starts with 'Atzr|'.",
            _ when token.Length > 2048 => "is too long.",
            _ => null,
        };
    }

    [GeneratedRegex("^[A-Z0-9]{8,32}$")]
    private static partial Regex SellerIdPattern();
}
