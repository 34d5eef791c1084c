using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Amazon.Mws;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Security;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Sync;

/// <summary>
/// One account's order sync: retries failed orders by id, then reads the orders updated since the watermark window
/// by window (at most 50 marketplaces per call, every page), processes each in its own transaction, and moves the
/// watermark to Amazon's echoed end of a window only once the whole window is done. A run holds the account's
/// distributed lock, so two job servers sharing storage never sync one account at once.
/// </summary>
public sealed partial class AmazonOrderSync(
    AmazonDbContext db,
    IAmazonOrderSource source,
    AmazonOrderProcessor processor,
    AmazonSecretProtector protector,
    IAmazonHostSettings settings,
    JobStorage jobStorage,
    TimeProvider time,
    ILogger<AmazonOrderSync> logger)
{
    private const int MaxIdsPerCall = 50;
    private static readonly TimeSpan AmazonLag = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(1);

    /// <summary>Queues a run (for <c>SyncOrders</c>); a job then runs it.</summary>
    public async Task<AmazonSyncRunEntity> QueueAsync(int accountId, AmazonSyncTrigger trigger, CancellationToken cancellationToken)
    {
        var run = new AmazonSyncRunEntity { AccountId = accountId, Trigger = trigger, State = AmazonSyncRunState.Queued, QueuedOn = time.GetUtcNow() };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Runs a sync of the account (a queued run, or a new one); <paramref name="progress"/> hears about every change of the run.</summary>
    public async Task<AmazonSyncRunEntity> RunAsync(int accountId, AmazonSyncTrigger trigger, int? runId, IProgress<AmazonSyncRunEntity>? progress, CancellationToken cancellationToken)
    {
        var run = runId is { } id
            ? await db.SyncRuns.SingleAsync(r => r.Id == id, cancellationToken)
            : await QueueAsync(accountId, trigger, cancellationToken);
        using var accountLock = TryLock(accountId, LockWait);
        return accountLock is null
            ? await FinishAsync(run, AmazonSyncRunState.Failed, AnotherRunMessage, progress, cancellationToken)
            : await RunLockedAsync(run, progress, cancellationToken);
    }

    /// <summary>What a run that finds the account's lock taken records.</summary>
    public const string AnotherRunMessage = "Another sync of this account is running; this one did not start.";

    /// <summary>
    /// Fetches one order by id and processes it now, whatever the watermark says. It takes the account's lock too
    /// (waiting up to <paramref name="lockWait"/> for a running sync), so it never processes an order at the same time as a run.
    /// </summary>
    public async Task<(AmazonSyncRunEntity Run, AmazonOrderLinkEntity? Link)> RecoverAsync(int accountId, string amazonOrderId, TimeSpan lockWait, CancellationToken cancellationToken)
    {
        var run = await QueueAsync(accountId, AmazonSyncTrigger.Recovery, cancellationToken);
        using var accountLock = TryLock(accountId, lockWait);
        if (accountLock is null)
        {
            return (await FinishAsync(run, AmazonSyncRunState.Failed, AnotherRunMessage, null, cancellationToken), null);
        }

        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
        await StartAsync(run, null, cancellationToken);
        try
        {
            var seller = Seller(account);
            var page = await source.GetAsync(seller, [amazonOrderId], cancellationToken);
            run.PagesRead++;
            await ProcessPageAsync(account, seller, run, page, force: true, null, cancellationToken);
            var link = await db.OrderLinks.AsNoTracking().SingleOrDefaultAsync(l => l.AccountId == accountId && l.AmazonOrderId == amazonOrderId, cancellationToken);
            var state = link is null ? AmazonSyncRunState.Failed : run.OrdersFailed > 0 ? AmazonSyncRunState.PartiallyFailed : AmazonSyncRunState.Succeeded;
            return (await FinishAsync(run, state, link is null ? $"Amazon does not know order {amazonOrderId} for this seller." : null, null, cancellationToken), link);
        }
        catch (Exception e) when (e is AmazonMwsException or AmazonMwsFormatException or HttpRequestException)
        {
            return (await FinishAsync(run, AmazonSyncRunState.Failed, e.Message, null, cancellationToken), null);
        }
    }

    private async Task<AmazonSyncRunEntity> RunLockedAsync(AmazonSyncRunEntity run, IProgress<AmazonSyncRunEntity>? progress, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().Include(a => a.Marketplaces).ThenInclude(am => am.Marketplace).SingleOrDefaultAsync(a => a.Id == run.AccountId, cancellationToken);
        if (account is null || !account.IsActive || !await settings.IsModuleEnabledAsync(cancellationToken))
        {
            return await FinishAsync(run, AmazonSyncRunState.Failed, account is null ? "The account no longer exists." : "The account or the module is inactive.", progress, cancellationToken);
        }

        var marketplaces = account.Marketplaces.Where(am => am.IsActive && am.Marketplace!.IsActive).Select(am => am.Marketplace!.ApiIdentifier).Order(StringComparer.Ordinal).ToList();
        if (marketplaces.Count == 0)
        {
            return await FinishAsync(run, AmazonSyncRunState.Failed, "The account has no active marketplace.", progress, cancellationToken);
        }

        using var waits = AmazonMwsThrottle.Count();
        await StartAsync(run, progress, cancellationToken);
        var seller = Seller(account);
        try
        {
            await RetryFailedAsync(account, run, seller, progress, cancellationToken);

            var now = time.GetUtcNow();
            var lookback = await settings.GetInt32Async(AmazonConnectorDefaults.Settings.FirstSyncLookbackDays, cancellationToken);
            var window = TimeSpan.FromHours(await settings.GetInt32Async(AmazonConnectorDefaults.Settings.SyncWindowHours, cancellationToken));
            var start = account.LastSyncWatermark ?? now.AddDays(-lookback);
            // Amazon's dates carry milliseconds at most; a window end finer than that would come back rounded and
            // leave a sliver of a window that Amazon refuses (its end not after its start).
            var end = TruncateToSecond(now - AmazonLag);
            run.WindowFrom = start;
            run.WindowTo = end;
            for (var from = start; from < end;)
            {
                var to = from + window < end ? from + window : end;
                var echoed = to;
                foreach (var chunk in marketplaces.Chunk(MaxIdsPerCall))
                {
                    var page = await source.ListUpdatedAsync(seller, from, to, chunk, cancellationToken);
                    while (true)
                    {
                        run.PagesRead++;
                        echoed = page.WindowEnd ?? echoed;
                        await ProcessPageAsync(account, seller, run, page, force: false, progress, cancellationToken);
                        if (page.NextToken is not { } token)
                        {
                            break;
                        }

                        page = await source.ListNextAsync(seller, token, cancellationToken);
                    }
                }

                // The whole window is done: only now may the watermark move, to the end Amazon says it covered.
                await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.LastSyncWatermark, echoed), cancellationToken);
                from = echoed > from ? echoed : to;
                run.Progress = (int)Math.Round(100 * Math.Clamp((from - start) / (end - start), 0, 1));
                run.ThrottleWaits = waits.Waits;
                run.ThrottleWaitMilliseconds = (long)waits.TimeWaited.TotalMilliseconds;
                await SaveRunAsync(run, progress, cancellationToken);
            }

            return await FinishAsync(run, run.OrdersFailed > 0 ? AmazonSyncRunState.PartiallyFailed : AmazonSyncRunState.Succeeded, null, progress, cancellationToken);
        }
        catch (Exception e) when (e is AmazonMwsException or AmazonMwsFormatException or HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            LogRunFailed(logger, account.Id, e.Message);
            return await FinishAsync(run, AmazonSyncRunState.Failed, e.Message, progress, cancellationToken);
        }
    }

    private async Task RetryFailedAsync(AmazonAccountEntity account, AmazonSyncRunEntity run, AmazonSellerContext seller, IProgress<AmazonSyncRunEntity>? progress, CancellationToken cancellationToken)
    {
        var failed = await db.OrderLinks.AsNoTracking().Where(l => l.AccountId == account.Id && l.State == AmazonOrderLinkState.Failed)
            .OrderBy(l => l.Id).Select(l => l.AmazonOrderId).ToListAsync(cancellationToken);
        foreach (var ids in failed.Chunk(MaxIdsPerCall))
        {
            var page = await source.GetAsync(seller, ids, cancellationToken);
            run.PagesRead++;
            await ProcessPageAsync(account, seller, run, page, force: true, progress, cancellationToken);
        }
    }

    private async Task ProcessPageAsync(AmazonAccountEntity account, AmazonSellerContext seller, AmazonSyncRunEntity run, AmazonOrdersPage page, bool force, IProgress<AmazonSyncRunEntity>? progress, CancellationToken cancellationToken)
    {
        foreach (var unreadable in page.Unreadable)
        {
            run.OrdersSeen++;
            run.OrdersFailed++;
            await processor.RecordFailureAsync(account.Id, unreadable.AmazonOrderId, unreadable.LastUpdateDate, unreadable.Reason, cancellationToken);
        }

        // One query for the page tells which orders are unchanged since they were processed; those are skipped
        // without fetching their items.
        var ids = page.Orders.Select(o => o.AmazonOrderId).ToList();
        var processed = force
            ? []
            : await db.OrderLinks.AsNoTracking().Where(l => l.AccountId == account.Id && ids.Contains(l.AmazonOrderId))
                .ToDictionaryAsync(l => l.AmazonOrderId, l => (l.State, l.LastUpdateDate), StringComparer.Ordinal, cancellationToken);
        foreach (var order in page.Orders)
        {
            run.OrdersSeen++;
            if (processed.TryGetValue(order.AmazonOrderId, out var known) && AmazonOrderProcessor.IsUnchanged(known.State, known.LastUpdateDate, order))
            {
                run.OrdersSkipped++;
                progress?.Report(run);
                continue;
            }

            switch (await processor.ProcessAsync(account, seller, order, cancellationToken))
            {
                case AmazonOrderOutcome.Created:
                    run.OrdersCreated++;
                    break;
                case AmazonOrderOutcome.Updated:
                    run.OrdersUpdated++;
                    break;
                case AmazonOrderOutcome.Skipped:
                    run.OrdersSkipped++;
                    break;
                default:
                    run.OrdersFailed++;
                    break;
            }

            progress?.Report(run);
        }

        await SaveRunAsync(run, progress, cancellationToken);
    }

    /// <summary>The account's distributed lock, or null when another holder keeps it past <paramref name="wait"/>.</summary>
    private IDisposable? TryLock(int accountId, TimeSpan wait)
    {
        // The lock lives as long as the storage connection that took it: both are held, and released, together.
        var connection = jobStorage.GetConnection();
        try
        {
            var accountLock = connection.AcquireDistributedLock(AmazonConnectorDefaults.Jobs.OrdersLockPrefix + accountId, wait);
            return new LockHandle(accountLock, connection);
        }
        catch (DistributedLockTimeoutException)
        {
            connection.Dispose();
            return null;
        }
    }

    private sealed class LockHandle(IDisposable accountLock, IDisposable connection) : IDisposable
    {
        public void Dispose()
        {
            accountLock.Dispose();
            connection.Dispose();
        }
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, value.Offset);

    private AmazonSellerContext Seller(AmazonAccountEntity account) =>
        new(account.Api, account.Region, account.SellerId, protector.Unprotect(account.ProtectedAuthorizationToken));

    private async Task StartAsync(AmazonSyncRunEntity run, IProgress<AmazonSyncRunEntity>? progress, CancellationToken cancellationToken)
    {
        run.State = AmazonSyncRunState.Running;
        run.StartedOn = time.GetUtcNow();
        await SaveRunAsync(run, progress, cancellationToken);
    }

    private async Task<AmazonSyncRunEntity> FinishAsync(AmazonSyncRunEntity run, AmazonSyncRunState state, string? error, IProgress<AmazonSyncRunEntity>? progress, CancellationToken cancellationToken)
    {
        run.State = state;
        run.Error = error is { Length: > 2000 } ? error[..2000] : error;
        run.StartedOn ??= time.GetUtcNow();
        run.EndedOn = time.GetUtcNow();
        if (state is AmazonSyncRunState.Succeeded or AmazonSyncRunState.PartiallyFailed)
        {
            run.Progress = 100;
        }

        await SaveRunAsync(run, progress, cancellationToken);
        return run;
    }

    private async Task SaveRunAsync(AmazonSyncRunEntity run, IProgress<AmazonSyncRunEntity>? progress, CancellationToken cancellationToken)
    {
        // Order processing may have cleared the change tracker after a failure; the run is saved on its own terms.
        if (db.Entry(run).State == EntityState.Detached)
        {
            db.SyncRuns.Attach(run);
            db.Entry(run).State = EntityState.Modified;
        }

        await db.SaveChangesAsync(CancellationToken.None);
        progress?.Report(run);
        cancellationToken.ThrowIfCancellationRequested();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order sync of account {AccountId} stopped: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, int accountId, string reason);
}
