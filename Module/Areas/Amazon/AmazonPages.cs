using System.Globalization;
using ErpAmazonModule.Compliance;
using ErpAmazonModule.Finance;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Shipments;
using Microsoft.AspNetCore.Authorization;
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

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var user = User.Identity is { IsAuthenticated: true, Name: { } name } ? new AmazonActor(name, HttpContext.Connection.RemoteIpAddress?.ToString()) : null;
        using (AmazonAuditTrail.As(user))
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
