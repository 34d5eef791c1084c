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

        if (marketplace.SpApiOnly && account.Api != AmazonApi.SellingPartner)
        {
            return $"{marketplace.Name} is only reachable through SP-API; this account uses {account.Api}.";
        }

        return account.Marketplaces.Any(am => am.MarketplaceId == marketplace.Id)
            ? null
            : $"{marketplace.Name} is not available to this seller: Amazon does not list it (run UpdateMarketplaces after the seller joins it).";
    }

    /// <summary>
    /// Makes the account's available marketplaces those of its region that Amazon lists for the seller
    /// (<paramref name="listed"/> MarketplaceIds): new ones become active unless deactivated in the catalog,
    /// ones the user deactivated stay inactive, ones Amazon no longer lists are dropped.
    /// </summary>
    public static void SetAvailable(AmazonAccountEntity account, IEnumerable<AmazonMarketplaceEntity> catalog, IReadOnlySet<string> listed)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(listed);
        var available = catalog
            .Where(m => m.Region == account.Region && listed.Contains(m.ApiIdentifier) && !(m.SpApiOnly && account.Api != AmazonApi.SellingPartner))
            .ToList();
        account.Marketplaces.RemoveAll(link => available.All(m => m.Id != link.MarketplaceId));
        foreach (var marketplace in available.Where(m => account.Marketplaces.All(link => link.MarketplaceId != m.Id)))
        {
            account.Marketplaces.Add(new AmazonAccountMarketplaceEntity { MarketplaceId = marketplace.Id, Marketplace = marketplace, IsActive = marketplace.IsActive });
        }
    }
}
