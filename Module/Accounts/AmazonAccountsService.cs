using System.Text.RegularExpressions;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Api;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Security;
using ErpAmazonModule.Settings;
using ErpAmazonModule.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Accounts;

/// <summary>A change to an account: the fields the client sent, how to apply them, and the version it read (If-Match).</summary>
public sealed record AmazonAccountChange(IReadOnlySet<string> ChangedFields, Action<AmazonAccount> Apply, Guid? ExpectedVersion);

/// <summary>
/// Seller accounts: creating (credentials checked with Amazon first), changing (token rotation, region lock, a new
/// check whenever what Amazon vouched for changes), deleting, marketplaces, "sync now" and order recovery.
/// </summary>
public sealed partial class AmazonAccountsService(
    AmazonDbContext db,
    AmazonApiMapper mapper,
    AmazonSecretProtector protector,
    IAmazonHostSettings settings,
    AmazonAccountCredentials credentials,
    AmazonOrderSync sync,
    AmazonOrderSyncScheduler scheduler,
    TimeProvider time,
    ILogger<AmazonAccountsService> logger)
{
    /// <summary>The entity set the API names accounts by.</summary>
    public const string EntitySet = "Accounts";

    /// <summary>Creates an account once Amazon accepted its credentials; answers its id.</summary>
    public async Task<AmazonResult<int>> CreateAsync(AmazonAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.SyncIntervalMinutes == 0)
        {
            account.SyncIntervalMinutes = await settings.GetAsync(AmazonSettings.SyncIntervalMinutes, cancellationToken);
        }

        if (account.Api == AmazonApi.SellingPartner)
        {
            account.OrdersApiVersion ??= AmazonOrdersApiVersions.V2026;
        }

        var errors = AmazonAccountValidator.Validate(account, account.AuthorizationToken, tokenRequired: true);
        if (errors.Count > 0)
        {
            return AmazonProblem.Invalid(errors);
        }

        if (await FindConflictAsync(account, exceptId: null, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        var check = await credentials.CheckAsync(account.Api, account.Region, account.SellerId, account.AuthorizationToken!, cancellationToken);
        if (check.Problem is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var entity = new AmazonAccountEntity
        {
            Name = account.Name,
            SellerId = account.SellerId,
            ProtectedAuthorizationToken = protector.Protect(account.AuthorizationToken!),
            AuthorizationTokenMask = AmazonSecretProtector.Mask(account.AuthorizationToken!),
            CheckedEndpoint = check.Value!.Endpoint,
            CreatedOn = now,
        };
        CopyWritableFields(account, entity, now);
        await SetAvailableAsync(entity, check.Value.Participations, cancellationToken);
        db.Accounts.Add(entity);
        return await SaveAsync(entity.Name, account, null, cancellationToken) is { } failed ? failed : entity.Id;
    }

    /// <summary>Applies a change; Amazon checks the credentials again when the token, seller, API or region changes.</summary>
    public async Task<AmazonResult<int>> UpdateAsync(int key, AmazonAccountChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var entity = await db.Accounts.Include(a => a.Marketplaces).ThenInclude(am => am.Marketplace).SingleOrDefaultAsync(a => a.Id == key, cancellationToken);
        if (AmazonProblem.CannotChange(entity, entity?.Version, change.ExpectedVersion, EntitySet, key, out var cannot))
        {
            return cannot;
        }

        var account = mapper.Map<AmazonAccount>(entity);
        change.Apply(account);
        if (account.Api != entity.Api && !change.ChangedFields.Contains(nameof(AmazonAccount.OrdersApiVersion)))
        {
            // A switch of API takes the new API's default version (none for MWS) unless the change names one.
            account.OrdersApiVersion = account.Api == AmazonApi.SellingPartner ? AmazonOrdersApiVersions.V2026 : null;
        }

        const string tokenField = nameof(AmazonAccount.AuthorizationToken);
        var tokenSent = change.ChangedFields.Contains(tokenField);
        var newToken = tokenSent && account.AuthorizationToken != entity.AuthorizationTokenMask ? account.AuthorizationToken : null;
        var errors = change.ChangedFields.Where(AmazonAccountValidator.ReadOnlyFields.Contains).Select(f => new AmazonFieldError(f, "is read-only.")).ToList();
        if (tokenSent && account.AuthorizationToken is null)
        {
            errors.Add(new(tokenField, "cannot be removed; send the new token to replace it."));
        }
        else if (account.Api != entity.Api && newToken is null)
        {
            errors.Add(new(tokenField, "must be sent again when Api changes (the token belongs to one API)."));
        }

        if (account.Region != entity.Region && entity.Marketplaces.Count > 0)
        {
            errors.Add(new(nameof(AmazonAccount.Region), "cannot change while the account has marketplaces of its region; deactivate and remove them first."));
        }

        errors.AddRange(AmazonAccountValidator.Validate(account, newToken, tokenRequired: false));
        if (errors.Count > 0)
        {
            return AmazonProblem.Invalid(errors);
        }

        if (await FindConflictAsync(account, exceptId: key, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        if (newToken is not null || account.SellerId != entity.SellerId || account.Api != entity.Api || account.Region != entity.Region)
        {
            var check = await credentials.CheckAsync(account.Api, account.Region, account.SellerId, newToken ?? protector.Unprotect(entity.ProtectedAuthorizationToken), cancellationToken);
            if (check.Problem is { } refused)
            {
                return refused;
            }

            entity.CheckedEndpoint = check.Value!.Endpoint;
        }

        if (newToken is not null)
        {
            entity.ProtectedAuthorizationToken = protector.Protect(newToken);
            entity.AuthorizationTokenMask = AmazonSecretProtector.Mask(newToken);
            // Amazon has just accepted the new token: the account syncs again on its schedule.
            entity.ReauthorizationNeededSince = null;
            entity.ReauthorizationReason = null;
        }

        entity.Name = account.Name;
        entity.SellerId = account.SellerId;
        // The next due time follows a new interval from the previous due time.
        entity.NextSyncOn += TimeSpan.FromMinutes(account.SyncIntervalMinutes - entity.SyncIntervalMinutes);
        CopyWritableFields(account, entity, time.GetUtcNow());
        return await SaveAsync(key, account, key, cancellationToken) is { } failed ? failed : key;
    }

    /// <summary>Deletes an account with its offers and marketplace links.</summary>
    public async Task<AmazonResult<int>> DeleteAsync(int key, Guid? expectedVersion, CancellationToken cancellationToken)
    {
        var entity = await db.Accounts.SingleOrDefaultAsync(a => a.Id == key, cancellationToken);
        if (AmazonProblem.CannotChange(entity, entity?.Version, expectedVersion, EntitySet, key, out var cannot))
        {
            return cannot;
        }

        db.Accounts.Remove(entity);
        return await SaveAsync(key, null, null, cancellationToken) is { } failed ? failed : key;
    }

    /// <summary>Activates or deactivates one of the account's marketplaces.</summary>
    public async Task<AmazonResult<int>> SetMarketplaceActiveAsync(int key, object? marketplaceIdValue, bool active, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.Include(a => a.Marketplaces).SingleOrDefaultAsync(a => a.Id == key, cancellationToken);
        if (account is null)
        {
            return AmazonProblem.NotFound(EntitySet, key);
        }

        const string field = "MarketplaceId";
        if (marketplaceIdValue is not int marketplaceId)
        {
            return AmazonProblem.Invalid(field, "is required.");
        }

        var marketplace = await db.Marketplaces.SingleOrDefaultAsync(m => m.Id == marketplaceId, cancellationToken);
        if (marketplace is null)
        {
            return AmazonProblem.Invalid(field, $"marketplace {marketplaceId} does not exist.");
        }

        var link = account.Marketplaces.SingleOrDefault(am => am.MarketplaceId == marketplaceId);
        var error = active ? AmazonAccountMarketplaces.ActivationError(account, marketplace)
            : link is not { IsActive: true } ? $"{marketplace.Name} is not active on this account." : null;
        if (error is not null)
        {
            return AmazonProblem.Invalid(field, error);
        }

        link!.IsActive = active;
        account.Version = Guid.NewGuid();
        account.UpdatedOn = time.GetUtcNow();
        return await SaveAsync(key, null, null, cancellationToken) is { } failed ? failed : key;
    }

    /// <summary>
    /// Checks the account's credentials again: Amazon lists the seller's marketplaces, the account's available ones
    /// follow, and the account remembers the endpoint that answered (syncs go nowhere else).
    /// </summary>
    public async Task<AmazonResult<int>> UpdateMarketplacesAsync(int key, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.Include(a => a.Marketplaces).SingleOrDefaultAsync(a => a.Id == key, cancellationToken);
        if (account is null)
        {
            return AmazonProblem.NotFound(EntitySet, key);
        }

        var check = await credentials.CheckAsync(account.Api, account.Region, account.SellerId, protector.Unprotect(account.ProtectedAuthorizationToken), cancellationToken);
        if (check.Problem is { } refused)
        {
            return refused;
        }

        await SetAvailableAsync(account, check.Value!.Participations, cancellationToken);
        account.CheckedEndpoint = check.Value.Endpoint;
        account.Version = Guid.NewGuid();
        account.UpdatedOn = time.GetUtcNow();
        return await SaveAsync(key, null, null, cancellationToken) is { } failed ? failed : key;
    }

    /// <summary>Queues a sync of the account now; while one is queued or running, that one.</summary>
    public async Task<AmazonResult<AmazonSyncRunEntity>> SyncNowAsync(int key, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == key).Select(a => new { a.ReauthorizationNeededSince, a.ReauthorizationReason, a.AuthorizationExpiresOn }).SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return AmazonProblem.NotFound(EntitySet, key);
        }

        if (account.ReauthorizationNeededSince is not null)
        {
            return new AmazonProblem(AmazonOutcome.Conflict, "NeedsReauthorization",
                $"Amazon refused this seller's authorization ({account.ReauthorizationReason}). Send the seller's new token in AuthorizationToken; the account syncs again once Amazon accepts it.",
                [], nameof(AmazonAccount.AuthorizationToken));
        }

        if (account.AuthorizationExpiresOn is { } expired && expired <= time.GetUtcNow())
        {
            return new AmazonProblem(AmazonOutcome.Conflict, "AuthorizationExpired",
                $"The seller's authorization expired on {expired:yyyy-MM-dd HH:mm} UTC (sellers authorize again every 12 months). Once the seller has, save the new AuthorizationExpiresOn (and AuthorizationToken if Amazon gave a new one); the account syncs again then.",
                [], nameof(AmazonAccount.AuthorizationExpiresOn));
        }

        return (await scheduler.QueueNowAsync(key, cancellationToken)).Run;
    }

    /// <summary>Fetches one order by id and processes it now, whatever the watermark says.</summary>
    public async Task<AmazonResult<AmazonOrderLinkEntity>> RecoverOrderAsync(int key, object? orderIdValue, CancellationToken cancellationToken)
    {
        if (!await db.Accounts.AnyAsync(a => a.Id == key, cancellationToken))
        {
            return AmazonProblem.NotFound(EntitySet, key);
        }

        const string field = "AmazonOrderId";
        if (orderIdValue is not string orderId || !AmazonOrderIdPattern().IsMatch(orderId))
        {
            return AmazonProblem.Invalid(field, "is required: Amazon's order id, 3-7-7 digits like 302-1234567-1234567.");
        }

        var result = await sync.RecoverAsync(key, orderId, TimeSpan.FromSeconds(30), cancellationToken);
        if (result.Status == AmazonRecoveryStatus.Recovered && ErpAmazonModule.Compliance.AmazonAuditTrail.Actor is { } actor)
        {
            ErpAmazonModule.Compliance.AmazonAuditTrail.Record(db, time.GetUtcNow(), actor, "OrderRecovered", "OrderLink", result.Link!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [("AccountId", null, key.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("AmazonOrderId", null, orderId), ("State", null, result.Link.State.ToString())]);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return result.Status switch
        {
            AmazonRecoveryStatus.Recovered => result.Link!,
            AmazonRecoveryStatus.NotFound => AmazonProblem.NotFound(result.Message!, field),
            AmazonRecoveryStatus.Busy => AmazonProblem.Busy(result.Message!),
            AmazonRecoveryStatus.AmazonUnavailable => new AmazonProblem(AmazonOutcome.AmazonUnavailable, "AmazonUnavailable", $"{result.Message} Nothing changed; try again later.", []),
            _ => AmazonProblem.NotPossible(result.Message!),
        };
    }

    /// <summary>
    /// What an account's projection to the API model needs (its authorization state): the current hour, and the moment
    /// before which an expiring authorization is flagged, both to the hour so the SQL is compiled once an hour.
    /// </summary>
    public async Task<Dictionary<string, object>> ProjectionParametersAsync(CancellationToken cancellationToken)
    {
        var warningDays = await settings.GetAsync(AmazonSettings.AuthorizationWarningDays, cancellationToken);
        var now = time.GetUtcNow();
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        return new Dictionary<string, object>
        {
            [Api.AmazonMappingProfile.WarnBeforeParameter] = hour.AddHours(1).AddDays(warningDays),
            [Api.AmazonMappingProfile.NowParameter] = hour,
        };
    }

    /// <summary>Why <paramref name="accountIdValue"/> (an action's <c>AccountId</c>) names no account, or null when it names one.</summary>
    internal static async Task<AmazonProblem?> AccountIdProblemAsync(AmazonDbContext db, object? accountIdValue, CancellationToken cancellationToken) =>
        accountIdValue is not int accountId || accountId <= 0
            ? AmazonProblem.Invalid("AccountId", "is required: the id of the account to work on.")
            : !await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken)
                ? AmazonProblem.NotFound($"No account has the id {accountId}.", "AccountId")
                : null;

    [GeneratedRegex("^[0-9]{3}-[0-9]{7}-[0-9]{7}$")]
    private static partial Regex AmazonOrderIdPattern();

    private async Task SetAvailableAsync(AmazonAccountEntity account, IReadOnlyList<AmazonMarketplaceParticipation> participations, CancellationToken cancellationToken)
    {
        var catalog = await db.Marketplaces.Where(m => m.Region == account.Region).ToListAsync(cancellationToken);
        AmazonAccountMarketplaces.SetAvailable(account, catalog, participations.Select(p => p.MarketplaceId).ToHashSet(StringComparer.Ordinal));
    }

    private Task<AmazonProblem?> SaveAsync(object key, AmazonAccount? account, int? exceptId, CancellationToken cancellationToken) =>
        AmazonSaves.SaveAsync(db, logger, EntitySet, key, account is null ? null : ct => FindConflictAsync(account, exceptId, ct), cancellationToken);

    private async Task<AmazonProblem?> FindConflictAsync(AmazonAccount account, int? exceptId, CancellationToken cancellationToken)
    {
        var others = db.Accounts.Where(a => a.Id != exceptId);
        if (await others.AnyAsync(a => a.Name == account.Name, cancellationToken))
        {
            return AmazonProblem.Conflict(nameof(AmazonAccount.Name), $"An account named '{account.Name}' already exists.");
        }

        return await others.AnyAsync(a => a.Region == account.Region && a.SellerId == account.SellerId, cancellationToken)
            ? AmazonProblem.Conflict(nameof(AmazonAccount.SellerId), $"Seller {account.SellerId} already has an account in region {account.Region}.")
            : null;
    }

    private static void CopyWritableFields(AmazonAccount source, AmazonAccountEntity target, DateTimeOffset now)
    {
        target.Api = source.Api;
        target.OrdersApiVersion = source.OrdersApiVersion;
        target.Region = source.Region;
        target.CompanyId = source.CompanyId;
        target.Salesperson = source.Salesperson;
        target.SalesTeam = source.SalesTeam;
        target.SyncIntervalMinutes = source.SyncIntervalMinutes;
        target.AuthorizedOn = source.AuthorizedOn?.ToUniversalTime();
        target.AuthorizationExpiresOn = source.AuthorizationExpiresOn?.ToUniversalTime();
        target.IsActive = source.IsActive;
        target.UpdatedOn = now;
        target.Version = Guid.NewGuid();
    }
}
