using System.Globalization;
using ErpAmazonModule.Compliance;
using ErpAmazonModule.Finance;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Shipments;
using AutoMapper.QueryableExtensions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Pages;

/// <summary>The module's pages: what a person changes on them is audited as theirs, as through the API.</summary>
public abstract class AmazonPageModel : PageModel
{
    /// <summary>What the last action came to, shown above the list.</summary>
    public string? Message { get; protected set; }
    public bool IsError { get; protected set; }

    /// <summary>Whether the page works while the connector is switched off (its settings page does, to switch it on).</summary>
    protected virtual bool WorksWhenOff => false;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var settings = HttpContext.RequestServices.GetRequiredService<Hosting.IAmazonHostSettings>();
        if (!WorksWhenOff && !await ErpAmazonModule.Settings.AmazonSettings.GetAsync(settings, ErpAmazonModule.Settings.AmazonSettings.Enabled, HttpContext.RequestAborted))
        {
            // Off, the connector's pages are gone like its API; its settings page stays, to switch it on again.
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status404NotFound,
                ContentType = "text/html; charset=utf-8",
                Content = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Switched off</title></head><body><main><h1>The Amazon connector is switched off</h1>"
                    + "<p>An administrator can switch it on in <a href=\"Settings\">Settings ▸ Connectors ▸ Amazon</a>.</p></main></body></html>",
            };
            return;
        }

        using (AmazonAuditTrail.As(AmazonActor.Of(HttpContext)))
        {
            await next();
        }
    }

    /// <summary>Shows a service's answer: its problem's message, or <paramref name="done"/>.</summary>
    protected void Show<T>(Api.AmazonResult<T> result, string done)
    {
        IsError = result.Problem is not null;
        Message = result.Problem is { } problem
            ? problem.Errors.Count > 0 ? string.Join(" ", problem.Errors.Select(e => $"{e.Field}: {e.Message}")) : problem.Message
            : done;
    }
}

/// <summary><c>/admin/Amazon/Shipments</c>: the warehouse's view of shipment confirmations, with Retry.</summary>
[Authorize(Policy = Permissions.Shipments)]
public sealed class AmazonShipmentsPage(AmazonDbContext db, AmazonShipmentService shipments) : AmazonPageModel
{
    public IReadOnlyList<AmazonShipmentEntity> Shipments { get; private set; } = [];

    public bool CanRetry(AmazonShipmentEntity shipment) => shipment?.State is AmazonShipmentState.Failed or AmazonShipmentState.Incomplete;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostRetryAsync(int id, string? trackingNumber, CancellationToken cancellationToken)
    {
        Show(await shipments.RetryAsync(id, null, null, string.IsNullOrWhiteSpace(trackingNumber) ? null : trackingNumber, cancellationToken),
            $"Shipment {id} is queued again; it goes to Amazon with the account's next feed.");
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Shipments = await db.Shipments.AsNoTracking()
            .OrderBy(s => s.State == AmazonShipmentState.Failed || s.State == AmazonShipmentState.Incomplete ? 0 : 1).ThenByDescending(s => s.Id)
            .Take(200).ToListAsync(cancellationToken);
}

/// <summary><c>/admin/Amazon/Finance</c>: finance's review of payments that could not be written off by themselves.</summary>
[Authorize(Policy = Permissions.Finance)]
public sealed class AmazonFinancePage(AmazonDbContext db, AmazonReconciliationService matching) : AmazonPageModel
{
    /// <summary>A month's payments in one currency.</summary>
    public sealed record MonthTotal(string Month, string Currency, int Orders, decimal Paid, decimal Fees, decimal WrittenOff, int ForReview);

    public IReadOnlyList<AmazonReconciliationEntity> Review { get; private set; } = [];
    public IReadOnlyList<MonthTotal> Totals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostApproveAsync(int id, string? comment, CancellationToken cancellationToken)
    {
        Show(await matching.ApproveAsync(id, comment, User.Identity?.Name ?? "unknown", cancellationToken), $"The write-off of reconciliation {id} is approved and booked.");
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Review = await db.Reconciliations.AsNoTracking().Where(r => r.State == AmazonReconciliationState.NeedsReview).OrderBy(r => r.Id).Take(200).ToListAsync(cancellationToken);
        var all = await db.Reconciliations.AsNoTracking()
            .Select(r => new { r.MatchedOn, r.CurrencyCode, r.Paid, r.Fees, r.WrittenOff, r.State }).ToListAsync(cancellationToken);
        Totals = [.. all.GroupBy(r => (Month: r.MatchedOn.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture), r.CurrencyCode))
            .OrderByDescending(g => g.Key.Month).ThenBy(g => g.Key.CurrencyCode)
            .Select(g => new MonthTotal(g.Key.Month, g.Key.CurrencyCode, g.Count(), g.Sum(r => r.Paid), g.Sum(r => r.Fees), g.Sum(r => r.WrittenOff), g.Count(r => r.State == AmazonReconciliationState.NeedsReview)))];
    }
}

/// <summary><c>/admin/Amazon/Settings</c>: Settings ▸ Connectors ▸ Amazon, every setting with its description, default and range.</summary>
[Authorize(Policy = Permissions.ManageAccounts)]
public sealed class AmazonSettingsPage(Hosting.IAmazonHostSettings settings, Hosting.IAmazonHostPermissions permissions) : AmazonPageModel
{
    /// <summary>A setting as the page shows it.</summary>
    public sealed record Row(int Id, Settings.AmazonSetting Setting, string Value, bool CanChange);

    public IReadOnlyList<Row> Settings { get; private set; } = [];

    protected override bool WorksWhenOff => true;

    /// <summary>The setting whose new value was refused (its message stands beside it).</summary>
    public string? ErrorKey { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(string key, string? value, CancellationToken cancellationToken)
    {
        var setting = ErpAmazonModule.Settings.AmazonSettings.All.FirstOrDefault(s => s.Key == key);
        if (setting is null)
        {
            return NotFound();
        }

        if (!CanChange(setting))
        {
            return Forbid();
        }

        value ??= "";
        if (ErpAmazonModule.Settings.AmazonSettings.Validate(key, value) is { } problem)
        {
            (ErrorKey, IsError, Message) = (key, true, $"{key} {problem}");
        }
        else
        {
            await settings.SetAsync(key, value, cancellationToken);
            Message = $"{key} is now {(value.Length == 0 ? "empty" : value)}.";
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    // A setting naming no permission of its own is the administrator's (who may open this page).
    private bool CanChange(Settings.AmazonSetting setting) => setting.ChangePermission is not { } permission || permissions.HasPermission(User, permission);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        foreach (var (setting, index) in ErpAmazonModule.Settings.AmazonSettings.All.Select((s, i) => (s, i)))
        {
            rows.Add(new Row(index, setting, await settings.GetAsync(setting.Key, cancellationToken) ?? setting.DefaultText, CanChange(setting)));
        }

        Settings = rows;
    }
}

/// <summary><c>/admin/Amazon/Accounts</c>: seller accounts, a new one checked with Amazon, an account's marketplaces and "Sync now".</summary>
[Authorize(Policy = Permissions.Read)]
public sealed class AmazonAccountsPage(AmazonDbContext db, Api.AmazonApiMapper mapper, Accounts.AmazonAccountsService accounts, Hosting.IAmazonHostPermissions permissions) : AmazonPageModel
{
    public IReadOnlyList<Accounts.AmazonAccount> Accounts { get; private set; } = [];
    public Accounts.AmazonAccount? Selected { get; private set; }
    public Accounts.AmazonAccount New { get; private set; } = new();
    public bool CanManage => permissions.HasPermission(User, Permissions.ManageAccounts);

    public async Task OnGetAsync(int? id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(Accounts.AmazonAccount account, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        ArgumentNullException.ThrowIfNull(account);
        var result = await accounts.CreateAsync(account, cancellationToken);
        Show(result, $"Account {account.Name} is saved: Amazon accepted its token and listed its marketplaces.");
        New = result.Problem is null ? new() : account;
        await LoadAsync(result.Problem is null ? result.Value : null, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostEditAsync(int id, string? name, string? authorizationToken, CancellationToken cancellationToken) =>
        ManageAsync(id, async () =>
        {
            var fields = new HashSet<string> { nameof(ErpAmazonModule.Accounts.AmazonAccount.Name) };
            if (!string.IsNullOrWhiteSpace(authorizationToken))
            {
                fields.Add(nameof(ErpAmazonModule.Accounts.AmazonAccount.AuthorizationToken));
            }

            Show(await accounts.UpdateAsync(id, new ErpAmazonModule.Accounts.AmazonAccountChange(fields, a =>
            {
                a.Name = name ?? "";
                if (!string.IsNullOrWhiteSpace(authorizationToken))
                {
                    a.AuthorizationToken = authorizationToken.Trim();
                }
            }, null), cancellationToken), fields.Count > 1 ? "Saved: Amazon accepted the new token." : "Saved.");
        }, cancellationToken);

    public Task<IActionResult> OnPostUpdateMarketplacesAsync(int id, CancellationToken cancellationToken) =>
        ManageAsync(id, async () => Show(await accounts.UpdateMarketplacesAsync(id, cancellationToken), "The marketplaces are as Amazon lists them now."), cancellationToken);

    public Task<IActionResult> OnPostActivateAsync(int id, int marketplaceId, bool active, CancellationToken cancellationToken) =>
        ManageAsync(id, async () => Show(await accounts.SetMarketplaceActiveAsync(id, marketplaceId, active, cancellationToken), active ? "The marketplace is active." : "The marketplace is no longer synced."), cancellationToken);

    public async Task<IActionResult> OnPostSyncNowAsync(int id, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var result = await accounts.SyncNowAsync(id, cancellationToken);
        if (result.Problem is null)
        {
            return Redirect("Sync");
        }

        Show(result, "");
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<IActionResult> ManageAsync(int id, Func<Task> action, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        await action();
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(int? id, CancellationToken cancellationToken)
    {
        Accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Name)
            .ProjectTo<ErpAmazonModule.Accounts.AmazonAccount>(mapper.Configuration, await accounts.ProjectionParametersAsync(cancellationToken), nameof(ErpAmazonModule.Accounts.AmazonAccount.ActiveMarketplaces), nameof(ErpAmazonModule.Accounts.AmazonAccount.AvailableMarketplaces))
            .ToListAsync(cancellationToken);
        Selected = Accounts.FirstOrDefault(a => a.Id == id);
    }
}

/// <summary><c>/admin/Amazon/Sync</c>: runs with live progress, orders per day, the Amazon orders by state with Recover.</summary>
[Authorize(Policy = Permissions.Read)]
public sealed class AmazonSyncPage(AmazonDbContext db, Accounts.AmazonAccountsService accounts, Hosting.IAmazonHostPermissions permissions, TimeProvider time) : AmazonPageModel
{
    /// <summary>Orders a day brought, per account.</summary>
    public sealed record DayCount(string Day, int AccountId, int Orders);

    public IReadOnlyList<Sync.AmazonSyncRunEntity> Runs { get; private set; } = [];
    public IReadOnlyList<DayCount> PerDay { get; private set; } = [];
    public IReadOnlyList<Sync.AmazonOrderLinkEntity> Links { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    public bool CanManage => permissions.HasPermission(User, Permissions.ManageAccounts);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The latest runs' progress, for the page's live view.</summary>
    public async Task<IActionResult> OnGetProgressAsync(CancellationToken cancellationToken) =>
        new JsonResult((await LatestRunsAsync(cancellationToken)).Select(r => new { id = r.Id, state = r.State.ToString(), progress = r.Progress, seen = r.OrdersSeen, created = r.OrdersCreated, failed = r.OrdersFailed }));

    public async Task<IActionResult> OnPostRecoverAsync(int accountId, string? amazonOrderId, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var result = await accounts.RecoverOrderAsync(accountId, amazonOrderId, cancellationToken);
        Show(result, $"Order {amazonOrderId} was read again from Amazon: {result.Value?.State}.");
        await LoadAsync(cancellationToken);
        return Page();
    }

    private Task<List<Sync.AmazonSyncRunEntity>> LatestRunsAsync(CancellationToken cancellationToken) =>
        db.SyncRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(20).ToListAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Runs = await LatestRunsAsync(cancellationToken);
        var since = time.GetUtcNow().AddDays(-14);
        var imported = await db.OrderLinks.AsNoTracking().Where(l => l.SalesOrderId != null && l.PurchaseDate != null && l.PurchaseDate >= since)
            .Select(l => new { l.AccountId, l.PurchaseDate }).ToListAsync(cancellationToken);
        PerDay = [.. imported.GroupBy(l => (Day: l.PurchaseDate!.Value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.AccountId))
            .OrderByDescending(g => g.Key.Day).ThenBy(g => g.Key.AccountId).Select(g => new DayCount(g.Key.Day, g.Key.AccountId, g.Count()))];
        var links = db.OrderLinks.AsNoTracking();
        if (Enum.TryParse<Sync.AmazonOrderLinkState>(State, out var state))
        {
            links = links.Where(l => l.State == state);
        }

        Links = await links.OrderByDescending(l => l.Id).Take(100).ToListAsync(cancellationToken);
    }
}

/// <summary><c>/admin/Amazon/Offers</c>: SKU-to-product pairings, searched, paired and re-paired.</summary>
[Authorize(Policy = Permissions.Read)]
public sealed class AmazonOffersPage(AmazonDbContext db, Offers.AmazonOffersService offers, DefaultProducts.AmazonDefaultProductsService defaults, Hosting.IAmazonHostPermissions permissions) : AmazonPageModel
{
    public IReadOnlyList<Offers.AmazonOfferEntity> Offers { get; private set; } = [];
    public IReadOnlyList<DefaultProducts.AmazonDefaultProductEntity> Defaults { get; private set; } = [];
    public IReadOnlyList<Accounts.AmazonAccountEntity> Accounts { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    public bool CanManage => permissions.HasPermission(User, Permissions.ManageOffers);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(int accountId, string? sku, string? productId, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        Show(await offers.CreateAsync(new Offers.AmazonOffer { AccountId = accountId, Sku = sku ?? "", ProductId = productId ?? "" }, cancellationToken), $"{sku} is paired with product {productId}.");
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostPairAsync(int id, string? productId, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        Show(await offers.UpdateAsync(id, new Offers.AmazonOfferChange(new HashSet<string> { nameof(ErpAmazonModule.Offers.AmazonOffer.ProductId) }, o => o.ProductId = productId ?? "", null), cancellationToken),
            $"Offer {id} now sells product {productId}.");
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDefaultAsync(string kind, string? productId, CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        Show(await defaults.SetAsync(kind, new HashSet<string> { nameof(ErpAmazonModule.DefaultProducts.AmazonDefaultProduct.ProductId) },
            d => d.ProductId = string.IsNullOrWhiteSpace(productId) ? null : productId.Trim(), cancellationToken), $"The {kind} default product is now {(string.IsNullOrWhiteSpace(productId) ? "the sale product" : productId)}.");
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Defaults = await db.DefaultProducts.AsNoTracking().OrderBy(d => d.Kind).ToListAsync(cancellationToken);
        var query = db.Offers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var search = Search.Trim();
            query = query.Where(o => o.Sku.Contains(search));
        }

        Offers = await query.OrderBy(o => o.Sku).Take(200).ToListAsync(cancellationToken);
        Accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken);
    }
}
