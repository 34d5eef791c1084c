using ErpAmazonModule.Accounts;

namespace ErpAmazonModule.Marketplaces;

/// <summary>Which marketplaces an account may use.</summary>
public static class AmazonAccountMarketplaces
{
    /// <summary>Why <paramref name="marketplace"/> cannot be activated on <paramref name="account"/>, or null when it can.</summary>
    public static string? ActivationError(AmazonAccountEntity account, AmazonMarketplaceEntity marketplace)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(marketplace);
        if (marketplace.Region != account.Region)
        {
            return $"{marketplace.Name} belongs to region {marketplace.Region}; this account is in region {account.Region}.";
        }

        if (!marketplace.IsActive)
        {
            return $"{marketplace.Name} is deactivated in the marketplace catalog.";
        }

        return marketplace.SpApiOnly && account.Api != AmazonApi.SpApi
            ? $"{marketplace.Name} is only reachable through SP-API; this account uses {account.Api}."
            : null;
    }
}
