using AutoMapper.QueryableExtensions;
using ErpAmazonModule.Amazon.Mws;
using ErpAmazonModule.Api;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Sync;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Microsoft.EntityFrameworkCore;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Accounts;

/// <summary><c>/odata/amazon/Accounts</c>: seller accounts; the authorization token is write-only.</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Read)]
public sealed partial class AccountsController(
    AmazonDbContext db,
    AmazonApiMapper mapper,
    AmazonSecretProtector protector,
    IAmazonHostSettings settings,
    AmazonAccountCredentials credentials,
    AmazonOrderSync sync,
    AmazonOrderSyncScheduler scheduler,
    TimeProvider time) : AmazonODataController
{
    private const string EntitySet = "Accounts";

    /// <summary>Lists accounts.</summary>
    [AmazonEnableQuery]
    public async Task<IQueryable<AmazonAccount>> Get(CancellationToken cancellationToken) =>
        await ProjectAsync(db.Accounts, cancellationToken);

    /// <summary>One account.</summary>
    [AmazonEnableQuery]
    [ProducesResponseType<AmazonAccount>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(int key, CancellationToken cancellationToken) =>
        await SingleOrNotFoundAsync(await ProjectAsync(db.Accounts.Where(a => a.Id == key), cancellationToken), EntitySet, key, cancellationToken);

    /// <summary>Marketplaces Amazon lists the seller in.</summary>
    [AmazonEnableQuery]
    public IQueryable<AmazonMarketplace> GetAvailableMarketplaces(int key) =>
        db.AccountMarketplaces.Where(am => am.AccountId == key).Select(am => am.Marketplace!).ProjectTo<AmazonMarketplace>(mapper.Configuration);

    /// <summary>Marketplaces the account syncs.</summary>
    [AmazonEnableQuery]
    public IQueryable<AmazonMarketplace> GetActiveMarketplaces(int key) =>
        db.AccountMarketplaces.Where(am => am.AccountId == key && am.IsActive).Select(am => am.Marketplace!).ProjectTo<AmazonMarketplace>(mapper.Configuration);

    /// <summary>Creates an account.</summary>
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<AmazonAccount>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Post([FromBody] AmazonAccount? account, CancellationToken cancellationToken)
    {
        if (account is null || !ModelState.IsValid)
        {
            return await InvalidBodyAsync();
        }

        if (account.SyncIntervalMinutes == 0)
        {
            account.SyncIntervalMinutes = await settings.GetInt32Async(AmazonConnectorDefaults.Settings.SyncIntervalMinutes, cancellationToken);
        }

        if (AmazonAccountRules.Validate(account, account.AuthorizationToken, tokenRequired: true) is { } error)
        {
            return FieldError(error);
        }

        if (await FindConflictAsync(account, exceptId: null, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        var (participations, amazonError) = await credentials.CheckAsync(account.Api, account.Region, account.SellerId, account.AuthorizationToken!, cancellationToken);
        if (amazonError is not null)
        {
            return amazonError;
        }

        var now = time.GetUtcNow();
        var entity = new AmazonAccountEntity
        {
            Name = account.Name,
            SellerId = account.SellerId,
            ProtectedAuthorizationToken = protector.Protect(account.AuthorizationToken!),
            AuthorizationTokenMask = AmazonSecretProtector.Mask(account.AuthorizationToken!),
            CreatedOn = now,
        };
        CopyWritableFields(account, entity, now);
        await SetAvailableAsync(entity, participations!, cancellationToken);
        db.Accounts.Add(entity);
        if (await SaveAsync(db, EntitySet, entity.Name, cancellationToken) is { } failed)
        {
            return failed;
        }

        return Created(await ReadAsync(entity.Id, cancellationToken));
    }

    /// <summary>Changes an account; honours <c>If-Match</c>.</summary>
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<AmazonAccount>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Patch(int key, [FromBody] Delta<AmazonAccount>? delta, CancellationToken cancellationToken)
    {
        var entity = await db.Accounts.Include(a => a.Marketplaces).ThenInclude(am => am.Marketplace).SingleOrDefaultAsync(a => a.Id == key, cancellationToken);
        if (entity is null)
        {
            return NotFoundError(EntitySet, key);
        }

        if (delta is null || !ModelState.IsValid)
        {
            return await InvalidBodyAsync();
        }

        if (CheckIfMatch<AmazonAccount>(entity.Version, EntitySet, key) is { } preconditionFailed)
        {
            return preconditionFailed;
        }

        var changed = delta.GetChangedPropertyNames().ToHashSet(StringComparer.Ordinal);
        if (ReadOnlyChange(changed, AmazonAccountRules.ReadOnlyFields) is { } readOnly)
        {
            return readOnly;
        }

        var account = mapper.Map<AmazonAccount>(entity);
        delta.Patch(account);
        var tokenField = nameof(AmazonAccount.AuthorizationToken);
        var newToken = changed.Contains(tokenField) && account.AuthorizationToken != entity.AuthorizationTokenMask ? account.AuthorizationToken : null;
        if (changed.Contains(tokenField) && account.AuthorizationToken is null)
        {
            return FieldError(new(tokenField, "cannot be removed; send the new token to replace it."));
        }

        if (account.Api != entity.Api && newToken is null)
        {
            return FieldError(new(tokenField, "must be sent again when Api changes (the token belongs to one API)."));
        }

        if (account.Region != entity.Region && entity.Marketplaces.Count > 0)
        {
            return FieldError(new(nameof(AmazonAccount.Region), "cannot change while the account has marketplaces of its region; deactivate and remove them first."));
        }

        if (AmazonAccountRules.Validate(account, newToken, tokenRequired: false) is { } error)
        {
            return FieldError(error);
        }

        if (await FindConflictAsync(account, exceptId: key, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        if (newToken is not null || account.SellerId != entity.SellerId || account.Api != entity.Api || account.Region != entity.Region)
        {
            var token = newToken ?? protector.Unprotect(entity.ProtectedAuthorizationToken);
            if ((await credentials.CheckAsync(account.Api, account.Region, account.SellerId, token, cancellationToken)).Error is { } amazonError)
            {
                return amazonError;
            }
        }

        if (newToken is not null)
        {
            entity.ProtectedAuthorizationToken = protector.Protect(newToken);
            entity.AuthorizationTokenMask = AmazonSecretProtector.Mask(newToken);
        }

        entity.Name = account.Name;
        entity.SellerId = account.SellerId;
        // The next due time follows a new interval from the previous due time.
        entity.NextSyncOn += TimeSpan.FromMinutes(account.SyncIntervalMinutes - entity.SyncIntervalMinutes);
        CopyWritableFields(account, entity, time.GetUtcNow());
        if (await SaveAsync(db, EntitySet, key, cancellationToken) is { } failed)
        {
            return failed;
        }

        return Updated(await ReadAsync(key, cancellationToken));
    }

    /// <summary>Deletes an account with its offers and marketplace links; honours <c>If-Match</c>.</summary>
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(int key, CancellationToken cancellationToken)
    {
        var entity = await db.Accounts.SingleOrDefaultAsync(a => a.Id == key, cancellationToken);
        if (entity is null)
        {
            return NotFoundError(EntitySet, key);
        }

        if (CheckIfMatch<AmazonAccount>(entity.Version, EntitySet, key) is { } preconditionFailed)
        {
            return preconditionFailed;
        }

        db.Accounts.Remove(entity);
        return await SaveAsync(db, EntitySet, key, cancellationToken) ?? NoContent();
    }

    /// <summary>Activates a marketplace of the account's region for the account.</summary>
    [HttpPost]
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<List<AmazonMarketplace>>(StatusCodes.Status200OK)]
    public Task<IActionResult> ActivateMarketplace(int key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        SetMarketplaceActiveAsync(key, parameters, active: true, cancellationToken);

    /// <summary>Deactivates one of the account's marketplaces; it stays available.</summary>
    [HttpPost]
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<List<AmazonMarketplace>>(StatusCodes.Status200OK)]
    public Task<IActionResult> DeactivateMarketplace(int key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        SetMarketplaceActiveAsync(key, parameters, active: false, cancellationToken);

    /// <summary>
    /// Queues an order sync of the account now (a background job) and returns its run; while a run of the account is
    /// queued or running, returns that run instead of queuing a second one.
    /// </summary>
    [HttpPost]
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<AmazonSyncRun>(StatusCodes.Status200OK)]
    public async Task<IActionResult> SyncOrders(int key, CancellationToken cancellationToken)
    {
        if (!await db.Accounts.AnyAsync(a => a.Id == key, cancellationToken))
        {
            return NotFoundError(EntitySet, key);
        }

        var (run, _) = await scheduler.QueueNowAsync(key, cancellationToken);
        return Ok(mapper.Map<AmazonSyncRun>(run));
    }

    /// <summary>Fetches one Amazon order by id and processes it now, whatever the watermark says; returns its link.</summary>
    [HttpPost]
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<AmazonOrderLink>(StatusCodes.Status200OK)]
    public async Task<IActionResult> RecoverOrder(int key, ODataActionParameters parameters, CancellationToken cancellationToken)
    {
        if (!await db.Accounts.AnyAsync(a => a.Id == key, cancellationToken))
        {
            return NotFoundError(EntitySet, key);
        }

        const string field = "AmazonOrderId";
        if (parameters is null || !parameters.TryGetValue(field, out var value) || value is not string orderId || !AmazonOrderIdPattern().IsMatch(orderId))
        {
            return FieldError(new(field, "is required: Amazon's order id, 3-7-7 digits like 302-1234567-1234567."));
        }

        var result = await sync.RecoverAsync(key, orderId, TimeSpan.FromSeconds(30), cancellationToken);
        return result.Status switch
        {
            AmazonRecoveryStatus.Recovered => Ok(mapper.Map<AmazonOrderLink>(result.Link!)),
            AmazonRecoveryStatus.NotFound => new AmazonODataErrorResult(StatusCodes.Status404NotFound, "NotFound", result.Message!, field),
            AmazonRecoveryStatus.Busy => new AmazonODataErrorResult(StatusCodes.Status409Conflict, "Conflict", result.Message!),
            AmazonRecoveryStatus.AmazonUnavailable => new AmazonODataErrorResult(StatusCodes.Status503ServiceUnavailable, "AmazonUnavailable", $"{result.Message} Nothing changed; try again later."),
            _ => new AmazonODataErrorResult(StatusCodes.Status409Conflict, "NotPossible", result.Message!),
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{3}-[0-9]{7}-[0-9]{7}$")]
    private static partial System.Text.RegularExpressions.Regex AmazonOrderIdPattern();

    /// <summary>Asks Amazon which marketplaces the seller participates in and makes those of the account's region available.</summary>
    [HttpPost]
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<List<AmazonMarketplace>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> UpdateMarketplaces(int key, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.Include(a => a.Marketplaces).SingleOrDefaultAsync(a => a.Id == key, cancellationToken);
        if (account is null)
        {
            return NotFoundError(EntitySet, key);
        }

        var token = protector.Unprotect(account.ProtectedAuthorizationToken);
        var (participations, amazonError) = await credentials.CheckAsync(account.Api, account.Region, account.SellerId, token, cancellationToken);
        if (amazonError is not null)
        {
            return amazonError;
        }

        await SetAvailableAsync(account, participations!, cancellationToken);
        account.Version = Guid.NewGuid();
        account.UpdatedOn = time.GetUtcNow();
        return await SaveAsync(db, EntitySet, key, cancellationToken) ?? Ok(await GetAvailableMarketplaces(key).ToListAsync(cancellationToken));
    }

    private async Task SetAvailableAsync(AmazonAccountEntity account, IReadOnlyList<AmazonMarketplaceParticipation> participations, CancellationToken cancellationToken)
    {
        var catalog = await db.Marketplaces.Where(m => m.Region == account.Region).ToListAsync(cancellationToken);
        AmazonAccountMarketplaces.SetAvailable(account, catalog, participations.Select(p => p.MarketplaceId).ToHashSet(StringComparer.Ordinal));
    }

    private async Task<IActionResult> SetMarketplaceActiveAsync(int key, ODataActionParameters? parameters, bool active, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.Include(a => a.Marketplaces).SingleOrDefaultAsync(a => a.Id == key, cancellationToken);
        if (account is null)
        {
            return NotFoundError(EntitySet, key);
        }

        const string field = "MarketplaceId";
        if (parameters is null || !parameters.TryGetValue(field, out var value) || value is not int marketplaceId)
        {
            return FieldError(new(field, "is required."));
        }

        var marketplace = await db.Marketplaces.SingleOrDefaultAsync(m => m.Id == marketplaceId, cancellationToken);
        if (marketplace is null)
        {
            return FieldError(new(field, $"marketplace {marketplaceId} does not exist."));
        }

        var link = account.Marketplaces.SingleOrDefault(am => am.MarketplaceId == marketplaceId);
        if (active)
        {
            if (AmazonAccountMarketplaces.ActivationError(account, marketplace) is { } error)
            {
                return FieldError(new(field, error));
            }

            link!.IsActive = true;
        }
        else if (link is null || !link.IsActive)
        {
            return FieldError(new(field, $"{marketplace.Name} is not active on this account."));
        }
        else
        {
            link.IsActive = false;
        }

        account.Version = Guid.NewGuid();
        account.UpdatedOn = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Ok(await GetActiveMarketplaces(key).ToListAsync(cancellationToken));
    }

    private async Task<AmazonODataErrorResult?> FindConflictAsync(AmazonAccount account, int? exceptId, CancellationToken cancellationToken)
    {
        var others = db.Accounts.Where(a => a.Id != exceptId);
        if (await others.AnyAsync(a => a.Name == account.Name, cancellationToken))
        {
            return ConflictError(nameof(AmazonAccount.Name), $"An account named '{account.Name}' already exists.");
        }

        return await others.AnyAsync(a => a.Region == account.Region && a.SellerId == account.SellerId, cancellationToken)
            ? ConflictError(nameof(AmazonAccount.SellerId), $"Seller {account.SellerId} already has an account in region {account.Region}.")
            : null;
    }

    private static void CopyWritableFields(AmazonAccount source, AmazonAccountEntity target, DateTimeOffset now)
    {
        target.Api = source.Api;
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

    private async Task<AmazonAccount> ReadAsync(int key, CancellationToken cancellationToken) =>
        await (await ProjectAsync(db.Accounts.Where(a => a.Id == key), cancellationToken)).SingleAsync(cancellationToken);

    private async Task<IQueryable<AmazonAccount>> ProjectAsync(IQueryable<AmazonAccountEntity> query, CancellationToken cancellationToken)
    {
        var warningDays = await settings.GetInt32Async(AmazonConnectorDefaults.Settings.AuthorizationWarningDays, cancellationToken);
        // The projection carries the moment as a constant: to the hour, the database compiles the query once an hour, not per request.
        var now = time.GetUtcNow();
        var warnBefore = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1).AddDays(warningDays);
        return query.Project<AmazonAccount>(mapper, Request, new Dictionary<string, object> { [AmazonMappingProfile.WarnBeforeParameter] = warnBefore });
    }
}
