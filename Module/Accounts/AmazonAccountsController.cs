using AutoMapper.QueryableExtensions;
using ErpAmazonModule.Api;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Sync;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Microsoft.EntityFrameworkCore;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Accounts;

/// <summary><c>/odata/amazon/Accounts</c>: seller accounts; the authorization token is write-only. The work is <see cref="AmazonAccountsService"/>'s.</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Read)]
public sealed class AccountsController(AmazonDbContext db, AmazonApiMapper mapper, AmazonAccountsService accounts) : AmazonODataController
{
    private const string EntitySet = AmazonAccountsService.EntitySet;

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

    /// <summary>Creates an account once Amazon accepted its credentials.</summary>
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<AmazonAccount>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Post([FromBody] AmazonAccount? account, CancellationToken cancellationToken)
    {
        if (account is null || !ModelState.IsValid)
        {
            return await InvalidBodyAsync();
        }

        var created = await accounts.CreateAsync(account, cancellationToken);
        return created.Problem is { } problem ? Error(problem) : Created(await ReadAsync(created.Value, cancellationToken));
    }

    /// <summary>Changes an account; honours <c>If-Match</c>.</summary>
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<AmazonAccount>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Patch(int key, [FromBody] Delta<AmazonAccount>? delta, CancellationToken cancellationToken)
    {
        if (delta is null || !ModelState.IsValid)
        {
            return await AnyAsync(key, cancellationToken) ? await InvalidBodyAsync() : Error(AmazonProblem.NotFound(EntitySet, key));
        }

        if (IfMatchVersion<AmazonAccount>() is { Problem: { } badETag })
        {
            return Error(badETag);
        }

        var change = new AmazonAccountChange(delta.GetChangedPropertyNames().ToHashSet(StringComparer.Ordinal), a => delta.Patch(a), IfMatchVersion<AmazonAccount>().Value);
        var updated = await accounts.UpdateAsync(key, change, cancellationToken);
        return updated.Problem is { } problem ? Error(problem) : Updated(await ReadAsync(key, cancellationToken));
    }

    /// <summary>Deletes an account with its offers and marketplace links; honours <c>If-Match</c>.</summary>
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(int key, CancellationToken cancellationToken)
    {
        var version = IfMatchVersion<AmazonAccount>();
        return version.Problem is { } badETag ? Error(badETag) : Answer(await accounts.DeleteAsync(key, version.Value, cancellationToken), _ => NoContent());
    }

    /// <summary>Activates a marketplace of the account's region for the account.</summary>
    [HttpPost]
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<List<AmazonMarketplace>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> ActivateMarketplace(int key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        await MarketplacesAfterAsync(key, await accounts.SetMarketplaceActiveAsync(key, parameters?.GetValueOrDefault("MarketplaceId"), active: true, cancellationToken), active: true, cancellationToken);

    /// <summary>Deactivates one of the account's marketplaces; it stays available.</summary>
    [HttpPost]
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<List<AmazonMarketplace>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> DeactivateMarketplace(int key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        await MarketplacesAfterAsync(key, await accounts.SetMarketplaceActiveAsync(key, parameters?.GetValueOrDefault("MarketplaceId"), active: false, cancellationToken), active: true, cancellationToken);

    /// <summary>
    /// Queues an order sync of the account now (a background job) and returns its run; while a run of the account is
    /// queued or running, returns that run instead of queuing a second one.
    /// </summary>
    [HttpPost]
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<AmazonSyncRun>(StatusCodes.Status200OK)]
    public async Task<IActionResult> SyncOrders(int key, CancellationToken cancellationToken) =>
        Answer(await accounts.SyncNowAsync(key, cancellationToken), run => Ok(mapper.Map<AmazonSyncRun>(run)));

    /// <summary>Fetches one Amazon order by id and processes it now, whatever the watermark says; returns its link.</summary>
    [HttpPost]
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<AmazonOrderLink>(StatusCodes.Status200OK)]
    public async Task<IActionResult> RecoverOrder(int key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        Answer(await accounts.RecoverOrderAsync(key, parameters?.GetValueOrDefault("AmazonOrderId"), cancellationToken), link => Ok(mapper.Map<AmazonOrderLink>(link)));

    /// <summary>
    /// Checks the account with Amazon again: the marketplaces Amazon lists the seller in become its available ones, and the
    /// account remembers the endpoint that answered (needed after switching the installation to another Amazon endpoint).
    /// </summary>
    [HttpPost]
    [Authorize(Policy = Permissions.ManageAccounts)]
    [ProducesResponseType<List<AmazonMarketplace>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> UpdateMarketplaces(int key, CancellationToken cancellationToken) =>
        await MarketplacesAfterAsync(key, await accounts.UpdateMarketplacesAsync(key, cancellationToken), active: false, cancellationToken);

    private async Task<IActionResult> MarketplacesAfterAsync(int key, AmazonResult<int> result, bool active, CancellationToken cancellationToken) =>
        result.Problem is { } problem ? Error(problem)
            : Ok(await (active ? GetActiveMarketplaces(key) : GetAvailableMarketplaces(key)).ToListAsync(cancellationToken));

    private Task<bool> AnyAsync(int key, CancellationToken cancellationToken) => db.Accounts.AnyAsync(a => a.Id == key, cancellationToken);

    private async Task<AmazonAccount> ReadAsync(int key, CancellationToken cancellationToken) =>
        await (await ProjectAsync(db.Accounts.Where(a => a.Id == key), cancellationToken)).SingleAsync(cancellationToken);

    private async Task<IQueryable<AmazonAccount>> ProjectAsync(IQueryable<AmazonAccountEntity> query, CancellationToken cancellationToken) =>
        query.Project<AmazonAccount>(mapper, Request, await accounts.ProjectionParametersAsync(cancellationToken));
}
