using System.Text.RegularExpressions;
using ErpAmazonModule.Api;

namespace ErpAmazonModule.Accounts;

/// <summary>Validation of an account's own fields (Amazon checks the credentials themselves separately).</summary>
public static partial class AmazonAccountRules
{
    public const int NameMaxLength = 128;
    public const int SellerIdMaxLength = 32;
    public const int MinSyncIntervalMinutes = 5;
    public const int MaxSyncIntervalMinutes = 1440;
    private const int TextMaxLength = 128;

    /// <summary>Fields the API shows but a client may not set.</summary>
    public static readonly IReadOnlySet<string> ReadOnlyFields = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(AmazonAccount.Id), nameof(AmazonAccount.LastSyncWatermark), nameof(AmazonAccount.NextSyncOn), nameof(AmazonAccount.AuthorizationExpiresSoon),
        nameof(AmazonAccount.CreatedOn), nameof(AmazonAccount.UpdatedOn), nameof(AmazonAccount.Version),
        nameof(AmazonAccount.AvailableMarketplaces), nameof(AmazonAccount.ActiveMarketplaces),
    };

    /// <summary>The first problem with <paramref name="account"/>, or null. <paramref name="newToken"/> is a token being set.</summary>
    public static AmazonFieldError? Validate(AmazonAccount account, string? newToken, bool tokenRequired)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (string.IsNullOrWhiteSpace(account.Name))
        {
            return new(nameof(AmazonAccount.Name), "is required.");
        }

        if (account.Name.Length > NameMaxLength)
        {
            return new(nameof(AmazonAccount.Name), $"must be at most {NameMaxLength} characters.");
        }

        if (!Enum.IsDefined(account.Api))
        {
            return new(nameof(AmazonAccount.Api), "must be 'Mws' or 'SpApi'.");
        }

        if (!Enum.IsDefined(account.Region))
        {
            return new(nameof(AmazonAccount.Region), "must be 'NA', 'EU' or 'FE'.");
        }

        if (string.IsNullOrWhiteSpace(account.SellerId))
        {
            return new(nameof(AmazonAccount.SellerId), "is required.");
        }

        if (!SellerIdPattern().IsMatch(account.SellerId))
        {
            return new(nameof(AmazonAccount.SellerId), $"must be Amazon's Seller ID: 8 to {SellerIdMaxLength} capital letters and digits.");
        }

        if (newToken is null && tokenRequired)
        {
            return new(nameof(AmazonAccount.AuthorizationToken), "is required.");
        }

        if (newToken is not null && TokenError(account.Api, newToken) is { } tokenError)
        {
            return new(nameof(AmazonAccount.AuthorizationToken), tokenError);
        }

        if (account.SyncIntervalMinutes is < MinSyncIntervalMinutes or > MaxSyncIntervalMinutes)
        {
            return new(nameof(AmazonAccount.SyncIntervalMinutes), $"must be between {MinSyncIntervalMinutes} and {MaxSyncIntervalMinutes} minutes.");
        }

        if (account.AuthorizedOn is { } from && account.AuthorizationExpiresOn is { } to && to <= from)
        {
            return new(nameof(AmazonAccount.AuthorizationExpiresOn), "must be after AuthorizedOn.");
        }

        if (account.Salesperson?.Length > TextMaxLength)
        {
            return new(nameof(AmazonAccount.Salesperson), $"must be at most {TextMaxLength} characters.");
        }

        return account.SalesTeam?.Length > TextMaxLength
            ? new(nameof(AmazonAccount.SalesTeam), $"must be at most {TextMaxLength} characters.")
            : null;
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
            AmazonApi.SpApi when !token.StartsWith("Atzr|", StringComparison.Ordinal) => "an SP-API refresh token starts with 'Atzr|'.",
            _ when token.Length > 2048 => "is too long.",
            _ => null,
        };
    }

    [GeneratedRegex("^[A-Z0-9]{8,32}$")]
    private static partial Regex SellerIdPattern();
}
