using ErpAmazonModule.Amazon;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Compliance;

/// <summary>The buyer-data retention that applies (Amazon's Data Protection Policy).</summary>
public static class AmazonBuyerDataRetention
{
    /// <summary>Amazon's limit on keeping buyer data after shipment without a tax reason.</summary>
    public const int MaxDaysWithoutTaxReason = 30;

    /// <summary>The setting, but at most 30 days unless a tax reason is set; whether it was cut to 30.</summary>
    public static async Task<(int Days, bool Clamped)> BuyerDataRetentionAsync(this IAmazonHostSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var days = await settings.GetAsync(AmazonSettings.BuyerDataRetentionDays, cancellationToken).ConfigureAwait(false);
        var reason = await settings.GetAsync(AmazonSettings.TaxRetentionReason, cancellationToken).ConfigureAwait(false);
        return days > MaxDaysWithoutTaxReason && string.IsNullOrWhiteSpace(reason) ? (MaxDaysWithoutTaxReason, true) : (days, false);
    }
}

/// <summary>
/// Recurring job (daily): Amazon's Data Protection Policy in practice. The ERP erases the buyer data of Amazon orders
/// shipped or canceled more than the retention ago (30 days at most without a tax reason), a page of orders at a time,
/// each page recorded on its order links as soon as the ERP has erased it (a run stopped anywhere goes on where it
/// stopped and erases nothing twice); audit entries older than their retention are deleted. Each run is recorded with
/// counts, never the data. The module's own tables hold no buyer data: names, e-mails and addresses live only in the
/// ERP's partners.
/// </summary>
public sealed partial class AmazonDataProtectionJob(IServiceScopeFactory scopes, IAmazonHostSettings settings, TimeProvider time, ILogger<AmazonDataProtectionJob> logger)
{
    /// <summary>Orders handed to the ERP at a time.</summary>
    public const int PageSize = 200;

    /// <summary>Runs once; the run's record.</summary>
    public async Task<AmazonDataPurgeEntity> RunAsync(CancellationToken cancellationToken)
    {
        var (days, _) = await settings.BuyerDataRetentionAsync(cancellationToken);
        var auditDays = await settings.GetAsync(AmazonSettings.AuditRetentionDays, cancellationToken);
        var now = time.GetUtcNow();
        var run = new AmazonDataPurgeEntity { StartedOn = now, RetentionDays = days };
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmazonDbContext>();
            db.DataPurges.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }

        try
        {
            await EraseBuyerDataAsync(run, now.AddDays(-days), cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            run.AuditEntriesPurged = await scope.ServiceProvider.GetRequiredService<AmazonDbContext>().AuditEntries
                .Where(e => e.At < now.AddDays(-auditDays)).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The counts so far stay; the next run goes on from there.
            run.Error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            LogFailed(logger, e);
        }

        run.EndedOn = time.GetUtcNow();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmazonDbContext>();
            db.DataPurges.Update(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        LogRun(logger, run.Orders, run.Partners, run.AuditEntriesPurged, days);
        return run;
    }

    private async Task EraseBuyerDataAsync(AmazonDataPurgeEntity run, DateTimeOffset shippedBefore, CancellationToken cancellationToken)
    {
        var kept = new SortedSet<string>(StringComparer.Ordinal);
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var host = scope.ServiceProvider.GetService<IAmazonHostBuyerData>();
            if (host is null)
            {
                run.Error = "This ERP does not erase buyer data (the buyer data port of host contract 1.4); nothing was erased.";
                return;
            }

            var db = scope.ServiceProvider.GetRequiredService<AmazonDbContext>();
            // Done with the order: shipped, canceled or unfulfillable at Amazon, and that long ago.
            var due = await db.OrderLinks
                .Where(l => l.SalesOrderId != null && l.BuyerDataErasedOn == null && l.LastUpdateDate != null && l.LastUpdateDate < shippedBefore
                    && (l.AmazonStatus == AmazonOrderStatus.Shipped || l.AmazonStatus == AmazonOrderStatus.Canceled || l.AmazonStatus == AmazonOrderStatus.Unfulfillable))
                .OrderBy(l => l.Id).Take(PageSize).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                run.Kept = kept.Count == 0 ? null : string.Join("; ", kept);
                return;
            }

            var erased = await host.EraseAsync([.. due.Select(l => l.SalesOrderId!).Distinct()], cancellationToken);
            var now = time.GetUtcNow();
            due.ForEach(l => l.BuyerDataErasedOn = now);
            await db.SaveChangesAsync(CancellationToken.None);
            run.Orders += due.Count;
            run.Partners += erased.Partners;
            kept.UnionWith(erased.Kept);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data protection: buyer data of {Orders} orders erased ({Partners} customers and addresses; retention {Days} days), {Audit} old audit entries deleted.")]
    private static partial void LogRun(ILogger logger, int orders, int partners, int audit, int days);

    [LoggerMessage(Level = LogLevel.Error, Message = "Data protection: the run stopped; the next one goes on from where it stopped.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
