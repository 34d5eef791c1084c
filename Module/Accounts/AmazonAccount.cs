using ErpAmazonModule.Marketplaces;

namespace ErpAmazonModule.Accounts;

/// <summary>A seller account, as the OData API shows and accepts it.</summary>
public sealed class AmazonAccount
{
    /// <summary>Key.</summary>
    public int Id { get; set; }

    /// <summary>Unique display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Which Amazon API the account uses: <c>SellingPartner</c> (the default; the only one Amazon still serves) or <c>Mws</c>.</summary>
    public AmazonApi Api { get; set; } = AmazonApi.SellingPartner;

    /// <summary>
    /// For a Selling Partner API account, the Orders API version its orders are read through: <c>2026-01-01</c> (the
    /// default when omitted) or <c>v0</c> (which Amazon retires on 27 March 2027). Empty for an MWS account.
    /// </summary>
    public string? OrdersApiVersion { get; set; }

    /// <summary>Amazon region (NA, EU, FE); marketplaces of other regions cannot be activated.</summary>
    public AmazonRegion Region { get; set; }

    /// <summary>Amazon's Seller ID (merchant token).</summary>
    public string SellerId { get; set; } = "";

    /// <summary>
    /// The seller's authorization: the MWS auth token (<c>amzn.mws....</c>), or for the Selling Partner API the Login with
    /// Amazon refresh token the seller gave the application (<c>Atzr|...</c>). Write-only: sent in clear on create or
    /// change, always returned masked (last 4 characters).
    /// </summary>
    public string? AuthorizationToken { get; set; }

    /// <summary>
    /// The Amazon endpoint the credentials were last checked against (read-only). The account is synced against no
    /// other: after a switch (from the sandbox to Amazon, say), <c>UpdateMarketplaces</c> checks it again.
    /// </summary>
    public string? CheckedEndpoint { get; set; }

    /// <summary>Host company the orders belong to.</summary>
    public string? CompanyId { get; set; }

    /// <summary>Salesperson set on the account's orders.</summary>
    public string? Salesperson { get; set; }

    /// <summary>Sales team set on the account's orders.</summary>
    public string? SalesTeam { get; set; }

    /// <summary>Minutes between two scheduled syncs (the module setting when omitted on create).</summary>
    public int SyncIntervalMinutes { get; set; }

    /// <summary>Orders updated up to this time have been synced (read-only).</summary>
    public DateTimeOffset? LastSyncWatermark { get; set; }

    /// <summary>When the next scheduled sync is due (read-only; empty: at the next minute).</summary>
    public DateTimeOffset? NextSyncOn { get; set; }

    /// <summary>When the seller authorized the developer.</summary>
    public DateTimeOffset? AuthorizedOn { get; set; }

    /// <summary>When the authorization runs out (sellers renew every 12 months).</summary>
    public DateTimeOffset? AuthorizationExpiresOn { get; set; }

    /// <summary>True when the authorization expires within the warning period (read-only).</summary>
    public bool AuthorizationExpiresSoon { get; set; }

    /// <summary>
    /// <c>Valid</c>, <c>ExpiresSoon</c>, <c>Expired</c> (the account is not synced until the seller authorizes again and
    /// the new expiry is saved) or <c>Unknown</c> (no expiry recorded); to the hour (read-only).
    /// </summary>
    public AmazonAuthorizationState AuthorizationState { get; set; }

    /// <summary>
    /// True when Amazon refused the seller's authorization during a sync (the seller revoked it, it expired): the account
    /// is not synced until a new token is saved (read-only).
    /// </summary>
    public bool NeedsReauthorization { get; set; }

    /// <summary>What Amazon said when it refused the authorization, and what to do (read-only).</summary>
    public string? ReauthorizationReason { get; set; }

    /// <summary>Inactive accounts are not synced.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Creation time (read-only).</summary>
    public DateTimeOffset CreatedOn { get; set; }

    /// <summary>Last change (read-only).</summary>
    public DateTimeOffset UpdatedOn { get; set; }

    /// <summary>Concurrency token; the OData ETag (read-only).</summary>
    public Guid Version { get; set; }

    /// <summary>Marketplaces Amazon lists the seller in.</summary>
    public List<AmazonMarketplace> AvailableMarketplaces { get; set; } = [];

    /// <summary>Available marketplaces the account syncs.</summary>
    public List<AmazonMarketplace> ActiveMarketplaces { get; set; } = [];
}
