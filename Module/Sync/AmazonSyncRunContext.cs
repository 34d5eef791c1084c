using System.Security.Cryptography;
using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.DefaultProducts;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Security;
using ErpAmazonModule.Settings;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Sync;

/// <summary>The account as a run sees it: read once when the run starts.</summary>
public sealed record AmazonSyncAccount(
    int Id,
    AmazonApi Api,
    string? OrdersApiVersion,
    AmazonRegion Region,
    string SellerId,
    string? CompanyId,
    string? Salesperson,
    string? SalesTeam,
    DateTimeOffset? LastSyncWatermark,
    IReadOnlyList<string> ActiveMarketplaceIds);

/// <summary>The module settings a run follows, read once when it starts.</summary>
public sealed record AmazonSyncSettings(int FirstLookbackDays, TimeSpan Window, int MaxOrderAttempts);

/// <summary>The host products the default products point at.</summary>
public sealed record AmazonDefaultProductIds(string Sale, string Shipping, string GiftWrap);

/// <summary>
/// What every page and order of a run shares, read once when the run starts and passed explicitly: the account, the
/// seller's credentials, the marketplace catalog, the default products and the settings. It also remembers host
/// reference data the run has already asked for (product taxes per fiscal position, the anonymous customer's
/// addresses) as plain values; nothing in it is tracked by a database context.
/// </summary>
public sealed class AmazonSyncRunContext
{
    public required int RunId { get; init; }
    public required AmazonSyncAccount Account { get; init; }
    public required AmazonSellerContext Seller { get; init; }

    /// <summary>The marketplace catalog by Amazon's MarketplaceId.</summary>
    public required IReadOnlyDictionary<string, AmazonMarketplaceEntity> Marketplaces { get; init; }
    public required AmazonDefaultProductIds DefaultProducts { get; init; }
    public required AmazonSyncSettings Settings { get; init; }

    /// <summary>
    /// Origin written on the host's sales orders of the account's seller (with the Amazon order id as client reference):
    /// the seller, not the account row, identifies an Amazon order, so an account deleted and added again finds its orders.
    /// </summary>
    public string Origin => OriginOf(Account.Region, Account.SellerId);

    /// <summary>Scope of the seller's anonymous "Amazon customer".</summary>
    public string AnonymousScope => $"amazon-seller:{Account.Region}:{Account.SellerId}";

    /// <summary>Product taxes mapped through a fiscal position, as the host gave them during this run.</summary>
    internal Dictionary<(string ProductId, string? FiscalPositionId), IReadOnlyList<AmazonHostTax>> ProductTaxes { get; } = [];

    /// <summary>The anonymous customer's delivery addresses the host already gave during this run.</summary>
    internal Dictionary<AmazonHostAddress, AmazonHostBuyerIds> AnonymousBuyers { get; } = [];

    /// <summary>Origin of the sales orders of a seller in a region.</summary>
    public static string OriginOf(AmazonRegion region, string sellerId) => $"Amazon:{region}:{sellerId}";
}

/// <summary>Why a run cannot start; its message is what the run records.</summary>
public sealed class AmazonSyncNotPossibleException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reads a run's context once, or says why the run cannot start.</summary>
public sealed class AmazonSyncRunContextLoader(AmazonDbContext db, IAmazonHostSettings settings, AmazonSecretProtector protector, AmazonAccountEndpoints endpoints)
{
    /// <summary>The context of a run of <paramref name="accountId"/>; <see cref="AmazonSyncNotPossibleException"/> when there is nothing it could do.</summary>
    public async Task<AmazonSyncRunContext> LoadAsync(int runId, int accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().Include(a => a.Marketplaces).ThenInclude(am => am.Marketplace)
            .SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new AmazonSyncNotPossibleException("The account no longer exists.");
        if (!account.IsActive || !await settings.GetAsync(AmazonSettings.Enabled, cancellationToken))
        {
            throw new AmazonSyncNotPossibleException("The account or the module is inactive.");
        }

        var active = account.Marketplaces.Where(am => am.IsActive && am.Marketplace!.IsActive).Select(am => am.Marketplace!.ApiIdentifier).Order(StringComparer.Ordinal).ToList();
        if (active.Count == 0)
        {
            throw new AmazonSyncNotPossibleException("The account has no active marketplace.");
        }

        var seller = Seller(account);
        var defaults = await db.DefaultProducts.AsNoTracking().ToDictionaryAsync(d => d.Kind, d => d.ProductId, cancellationToken);
        var sale = defaults.GetValueOrDefault(AmazonDefaultProductKind.Sale) ?? throw new AmazonSyncNotPossibleException("The default Sale product is not set.");
        return new AmazonSyncRunContext
        {
            RunId = runId,
            Account = new AmazonSyncAccount(account.Id, account.Api, account.OrdersApiVersion, account.Region, account.SellerId, account.CompanyId, account.Salesperson, account.SalesTeam, account.LastSyncWatermark, active),
            Seller = seller,
            Marketplaces = await db.Marketplaces.AsNoTracking().ToDictionaryAsync(m => m.ApiIdentifier, StringComparer.Ordinal, cancellationToken),
            DefaultProducts = new AmazonDefaultProductIds(sale, defaults.GetValueOrDefault(AmazonDefaultProductKind.Shipping) ?? sale, defaults.GetValueOrDefault(AmazonDefaultProductKind.GiftWrap) ?? sale),
            Settings = new AmazonSyncSettings(
                await settings.GetAsync(AmazonSettings.FirstSyncLookbackDays, cancellationToken),
                TimeSpan.FromHours(await settings.GetAsync(AmazonSettings.SyncWindowHours, cancellationToken)),
                await settings.GetAsync(AmazonSettings.MaxOrderAttempts, cancellationToken)),
        };
    }

    /// <summary>
    /// Who Amazon is asked about for <paramref name="account"/>: its seller and decrypted token, or why it cannot be asked
    /// (the endpoint is not configured, changed since the credentials were checked, or the token cannot be decrypted).
    /// </summary>
    public AmazonSellerContext Seller(AmazonAccountEntity account)
    {
        ArgumentNullException.ThrowIfNull(account);

        // An account is synced only against the Amazon its credentials were checked with: switching an installation from
        // the sandbox to Amazon (or between endpoints) asks for the account to be checked again.
        var endpoint = endpoints.Resolve(account.Api, account.Region);
        if (endpoint.Problem is { } notUsable)
        {
            throw new AmazonConfigurationException(notUsable.Message);
        }

        if (!string.Equals(account.CheckedEndpoint, endpoint.Value, StringComparison.OrdinalIgnoreCase))
        {
            throw new AmazonSyncNotPossibleException(
                $"The account's credentials were checked against {account.CheckedEndpoint ?? "no endpoint"}, but region {account.Region} now goes to {endpoint.Value}. "
                + $"Check the account again (POST /odata/amazon/Accounts({account.Id})/UpdateMarketplaces) before it syncs there.");
        }

        string token;
        try
        {
            token = protector.Unprotect(account.ProtectedAuthorizationToken);
        }
        catch (CryptographicException e)
        {
            throw new AmazonSyncNotPossibleException(
                "The account's authorization token cannot be decrypted with this host's Data Protection keys: every host sharing this database must share "
                + "its key ring and application name. Fix the keys, or send the token again on the account.", e);
        }

        return new AmazonSellerContext(account.Api, account.Region, account.SellerId, token);
    }
}
