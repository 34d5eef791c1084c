using ErpAmazonModule.Marketplaces;

namespace ErpAmazonModule.Accounts;

/// <summary>Which Amazon API an account talks to.</summary>
public enum AmazonApi
{
    /// <summary>Marketplace Web Service (Seller ID + MWS auth token).</summary>
    Mws,
    /// <summary>Selling Partner API (the seller's Login with Amazon refresh token).</summary>
    SellingPartner,
}

/// <summary>The Orders API versions a Selling Partner API account reads its orders through, as Amazon names them.</summary>
public static class AmazonOrdersApiVersions
{
    /// <summary>Orders API 2026-01-01: the items and buyer data come with the order; the default for new accounts.</summary>
    public const string V2026 = "2026-01-01";

    /// <summary>Orders API v0: items read per order, buyer data through a Restricted Data Token; Amazon retires it on 27 March 2027.</summary>
    public const string V0 = "v0";

    /// <summary>Every version an account may choose.</summary>
    public static readonly IReadOnlyList<string> All = [V2026, V0];
}

/// <summary>Where a seller's authorization stands (sellers authorize again every 12 months).</summary>
public enum AmazonAuthorizationState
{
    /// <summary>No expiry is recorded on the account.</summary>
    Unknown,
    /// <summary>It runs beyond the warning period.</summary>
    Valid,
    /// <summary>It ends within the warning period (<c>erp.amazon.authorization_warning_days</c>).</summary>
    ExpiresSoon,
    /// <summary>It has ended: the account is not synced until the seller authorizes again.</summary>
    Expired,
}

/// <summary>Amazon's selling regions; an account and its marketplaces belong to one.</summary>
public enum AmazonRegion
{
    /// <summary>North America (and Brazil).</summary>
    NA,
    /// <summary>Europe, Middle East, India.</summary>
    EU,
    /// <summary>Far East (Japan, Australia, Singapore).</summary>
    FE,
}

/// <summary>A seller account as stored.</summary>
public sealed class AmazonAccountEntity
{
    /// <summary>
    /// Accounts whose schedules run at <paramref name="now"/>: active, their authorization neither refused by Amazon nor
    /// expired (either pauses the account until a new one is saved).
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<AmazonAccountEntity, bool>> Scheduled(DateTimeOffset now) =>
        a => a.IsActive && a.ReauthorizationNeededSince == null && (a.AuthorizationExpiresOn == null || a.AuthorizationExpiresOn > now);

    public int Id { get; set; }
    public required string Name { get; set; }
    public AmazonApi Api { get; set; }

    /// <summary>The Orders API version of a Selling Partner API account (<see cref="AmazonOrdersApiVersions"/>); null for MWS.</summary>
    public string? OrdersApiVersion { get; set; }
    public AmazonRegion Region { get; set; }
    public required string SellerId { get; set; }

    /// <summary>MWS auth token or SP-API refresh token, encrypted with Data Protection.</summary>
    public required string ProtectedAuthorizationToken { get; set; }

    /// <summary>The masked form shown to users (last 4 characters), stored so it can be projected in SQL.</summary>
    public required string AuthorizationTokenMask { get; set; }

    /// <summary>
    /// The Amazon endpoint the credentials were last checked against; the account is never synced against another
    /// (switching from the sandbox to Amazon asks for the account to be checked again).
    /// </summary>
    public string? CheckedEndpoint { get; set; }

    public string? CompanyId { get; set; }
    public string? Salesperson { get; set; }
    public string? SalesTeam { get; set; }
    public int SyncIntervalMinutes { get; set; }
    public DateTimeOffset? LastSyncWatermark { get; set; }

    /// <summary>Financial events posted up to this time have been imported.</summary>
    public DateTimeOffset? FinancesWatermark { get; set; }

    /// <summary>The ERP's deliveries validated up to here were read for shipment confirmation (empty: since the account was created).</summary>
    public DateTimeOffset? ShipmentsWatermark { get; set; }

    /// <summary>When the next scheduled sync is due (null: at once); moved by <see cref="SyncIntervalMinutes"/> each time one is queued.</summary>
    public DateTimeOffset? NextSyncOn { get; set; }
    public DateTimeOffset? AuthorizedOn { get; set; }
    public DateTimeOffset? AuthorizationExpiresOn { get; set; }

    /// <summary>When Amazon refused the seller's authorization during a sync (revoked, expired); null while it works. Its schedule is paused until a new token is saved.</summary>
    public DateTimeOffset? ReauthorizationNeededSince { get; set; }

    /// <summary>What Amazon said when it refused the authorization.</summary>
    public string? ReauthorizationReason { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedOn { get; set; }
    public DateTimeOffset UpdatedOn { get; set; }

    /// <summary>Optimistic concurrency token, renewed on every change; exposed as the OData ETag.</summary>
    public Guid Version { get; set; }

    public List<AmazonAccountMarketplaceEntity> Marketplaces { get; set; } = [];
}
