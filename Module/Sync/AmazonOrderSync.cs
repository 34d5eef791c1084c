using System.Runtime.CompilerServices;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Sync;

/// <summary>What recovering one order by hand came to.</summary>
public enum AmazonRecoveryStatus
{
    /// <summary>The order was fetched and processed (its link says how it ended).</summary>
    Recovered,
    /// <summary>Amazon does not know the order for this seller.</summary>
    NotFound,
    /// <summary>A sync of the account kept its lock past the wait.</summary>
    Busy,
    /// <summary>Amazon could not be asked this time; try again later.</summary>
    AmazonUnavailable,
    /// <summary>Amazon refused the account's credentials, or the installation lacks what the call needs.</summary>
    NotPossible,
}

/// <summary>The answer of <see cref="AmazonOrderSync.RecoverAsync"/>.</summary>
public sealed record AmazonRecoveryResult(AmazonRecoveryStatus Status, AmazonOrderLinkEntity? Link, string? Message);

/// <summary>
/// One account's order sync. A run holds the account's distributed lock; reads what it shares once (the run context);
/// retries the failed orders that are due, by id; then reads the orders updated since the watermark window by window
/// (every page), moving the watermark to the end Amazon echoes only once a whole window is imported. Pages are prepared
/// one ahead (listing, the comparison with the links, the items fetched concurrently within the client's quotas) while
/// the current page is imported; every order is imported in a scope of its own.
/// </summary>
public sealed partial class AmazonOrderSync(
    IServiceScopeFactory scopes,
    AmazonSyncRuns runs,
    AmazonAccountLocks locks,
    TimeProvider time,
    ILogger<AmazonOrderSync> logger)
{
    /// <summary>How many times one window is read again from its start after a page behind a NextToken failed.</summary>
    private const int MaxWindowRereads = 3;

    /// <summary>Item requests in flight at once; the client's quota buckets still pace them.</summary>
    private const int ItemFetchesInFlight = 8;

    private static readonly TimeSpan AmazonLag = TimeSpan.FromMinutes(2);

    /// <summary>How long a queued run waits for the account's lock before it is put back in the queue.</summary>
    public static readonly TimeSpan QueuedLockWait = TimeSpan.FromSeconds(1);

    /// <summary>Runs a sync of the account now, in the caller's flow (the demo, tests); null when another sync kept the account's lock past <paramref name="lockWait"/>.</summary>
    public async Task<AmazonSyncRunEntity?> RunAsync(int accountId, AmazonSyncTrigger trigger, IProgress<AmazonSyncProgress>? progress, TimeSpan lockWait, CancellationToken cancellationToken)
    {
        using var accountLock = locks.TryTake(accountId, lockWait);
        if (accountLock is null)
        {
            return null;
        }

        var run = await runs.QueueAsync(accountId, trigger, cancellationToken);
        return (await RunLockedAsync(run, progress, cancellationToken)).Run;
    }

    /// <summary>
    /// Runs a queued run. When another sync holds the account's lock, the run stays <see cref="AmazonSyncRunState.Queued"/>
    /// (the caller puts it back in the queue); a run that is no longer queued is left as it is.
    /// </summary>
    public async Task<AmazonSyncRunEntity?> RunQueuedAsync(int runId, IProgress<AmazonSyncProgress>? progress, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(runId, cancellationToken);
        if (run is not { State: AmazonSyncRunState.Queued })
        {
            return run;
        }

        using var accountLock = locks.TryTake(run.AccountId, QueuedLockWait);
        return accountLock is null ? run : (await RunLockedAsync(run, progress, cancellationToken)).Run;
    }

    /// <summary>
    /// Fetches one order by id and processes it now, whatever the watermark says, even when it was given up. It takes the
    /// account's lock too (waiting up to <paramref name="lockWait"/> for a running sync), so it never races a run; a
    /// <see cref="AmazonSyncTrigger.Recovery"/> run records it.
    /// </summary>
    public async Task<AmazonRecoveryResult> RecoverAsync(int accountId, string amazonOrderId, TimeSpan lockWait, CancellationToken cancellationToken)
    {
        // Asked for over the API, a recovery is a run: stopped by its own token (and recorded as stopped), never by a
        // request's query cancellation cutting its run row's last write.
        using var detached = Persistence.AmazonQueryCancellation.For(CancellationToken.None);
        using var accountLock = locks.TryTake(accountId, lockWait);
        if (accountLock is null)
        {
            return new(AmazonRecoveryStatus.Busy, null, "Another sync of this account is running; retry when it has finished.");
        }

        var run = await runs.QueueAsync(accountId, AmazonSyncTrigger.Recovery, cancellationToken);
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AmazonOrderFailures>().ResetAsync(accountId, amazonOrderId, cancellationToken);
        }

        (run, var errorKind) = await RunLockedAsync(run, null, cancellationToken, context => ReadByIdAsync(context, [amazonOrderId], retrying: false, cancellationToken));
        await using (var scope = scopes.CreateAsyncScope())
        {
            var link = await scope.ServiceProvider.GetRequiredService<AmazonDbContext>().OrderLinks.AsNoTracking()
                .SingleOrDefaultAsync(l => l.AccountId == accountId && l.AmazonOrderId == amazonOrderId, cancellationToken);
            return run.State switch
            {
                AmazonSyncRunState.Failed when errorKind == AmazonErrorKind.Transient => new(AmazonRecoveryStatus.AmazonUnavailable, link, run.Error),
                AmazonSyncRunState.Failed => new(AmazonRecoveryStatus.NotPossible, link, run.Error),
                _ when link is null || run.OrdersSeen == 0 => new(AmazonRecoveryStatus.NotFound, link, $"Amazon does not know order {amazonOrderId} for this seller."),
                _ => new(AmazonRecoveryStatus.Recovered, link, null),
            };
        }
    }

    /// <summary>Runs <paramref name="run"/> with the account's lock held; the kind of Amazon failure that stopped it, if one did.</summary>
    private async Task<(AmazonSyncRunEntity Run, AmazonErrorKind? ErrorKind)> RunLockedAsync(
        AmazonSyncRunEntity run, IProgress<AmazonSyncProgress>? progress, CancellationToken cancellationToken, Func<AmazonSyncRunContext, IAsyncEnumerable<AmazonListedPage>>? only = null)
    {
        // With the lock held no live process runs this account: a run still marked running belongs to one that died.
        await runs.AbandonOthersAsync(run.AccountId, run.Id, cancellationToken);
        run.State = AmazonSyncRunState.Running;
        run.StartedOn = time.GetUtcNow();
        await runs.SaveAsync(run, cancellationToken);
        progress?.Report(AmazonSyncProgress.Of(run));
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["AccountId"] = run.AccountId, ["RunId"] = run.Id });
        using var waits = AmazonThrottleWaits.Begin();
        try
        {
            AmazonSyncRunContext context;
            await using (var scope = scopes.CreateAsyncScope())
            {
                context = await scope.ServiceProvider.GetRequiredService<AmazonSyncRunContextLoader>().LoadAsync(run.Id, run.AccountId, cancellationToken);
            }

            if (only is not null)
            {
                await ImportPagesAsync(context, run, only(context), waits, progress, cancellationToken);
            }
            else
            {
                await ImportPagesAsync(context, run, RetryDueAsync(context, cancellationToken), waits, progress, cancellationToken);
                await ImportPagesAsync(context, run, ListWindowsAsync(context, run, cancellationToken), waits, progress, cancellationToken);
            }

            return (await FinishAsync(run, run.OrdersFailed > 0 ? AmazonSyncRunState.PartiallyFailed : AmazonSyncRunState.Succeeded, null, waits, progress), null);
        }
        catch (AmazonSyncNotPossibleException e)
        {
            LogRunFailed(logger, run.AccountId, e.Message);
            return (await FinishAsync(run, AmazonSyncRunState.Failed, e.Message, waits, progress), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FinishAsync(run, AmazonSyncRunState.Abandoned, "The sync was stopped before it finished (the host shut down or the run was cancelled); the next run goes on from the last complete window.", waits, progress);
            throw;
        }
        catch (Exception e) when (AmazonErrors.Classify(e) is { } kind)
        {
            LogRunFailed(logger, run.AccountId, AmazonErrors.Describe(e));
            if (AmazonErrors.IsSellerAuthorizationRefused(e))
            {
                await runs.MarkReauthorizationNeededAsync(run.AccountId, AmazonErrors.Describe(e), CancellationToken.None);
            }

            return (await FinishAsync(run, AmazonSyncRunState.Failed, AmazonErrors.Describe(e), waits, progress), kind);
        }
        catch (Exception e)
        {
            LogRunCrashed(logger, e, run.AccountId);
            return (await FinishAsync(run, AmazonSyncRunState.Failed, $"The sync stopped on an unexpected error: {e.Message}", waits, progress), null);
        }
    }

    /// <summary>Failed orders whose next attempt is due, fetched again by id (at most 50 a call), whatever their update time.</summary>
    private async IAsyncEnumerable<AmazonListedPage> RetryDueAsync(AmazonSyncRunContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = time.GetUtcNow();
            due = await scope.ServiceProvider.GetRequiredService<AmazonDbContext>().OrderLinks.AsNoTracking()
                .Where(l => l.AccountId == context.Account.Id && l.State == AmazonOrderLinkState.Failed && (l.NextAttemptOn == null || l.NextAttemptOn <= now))
                .OrderBy(l => l.Id).Select(l => l.AmazonOrderId).ToListAsync(cancellationToken);
        }

        foreach (var ids in due.Chunk(AmazonOrderRequests.MaxIdsPerCall))
        {
            await foreach (var page in ReadByIdAsync(context, ids, retrying: true, cancellationToken))
            {
                yield return page;
            }
        }
    }

    /// <summary>
    /// One page of orders read by id. When <paramref name="retrying"/> failed orders, a transient failure skips the page
    /// (its orders stay due) and an id Amazon does not return counts as a failed attempt; recovering one order lets both be seen.
    /// </summary>
    private async IAsyncEnumerable<AmazonListedPage> ReadByIdAsync(AmazonSyncRunContext context, IReadOnlyList<string> ids, bool retrying, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AmazonOrdersPage? page = null;
        await using (var scope = scopes.CreateAsyncScope())
        {
            try
            {
                page = await Source(scope, context).GetAsync(context.Seller, ids, cancellationToken);
            }
            catch (Exception e) when (retrying && AmazonErrors.IsTransient(e))
            {
                LogRetrySkipped(logger, ids.Count, AmazonErrors.Describe(e));
            }
        }

        if (page is not null)
        {
            yield return new AmazonListedPage(page, Force: true, WatermarkAfter: null, Requested: retrying ? ids : null);
        }
    }

    /// <summary>
    /// The orders updated from the watermark (a first sync: the look-back) to two minutes ago, window by window, for the
    /// account's active marketplaces (at most 50 a call), every page; the last page of a window carries the end Amazon echoed.
    /// </summary>
    private async IAsyncEnumerable<AmazonListedPage> ListWindowsAsync(AmazonSyncRunContext context, AmazonSyncRunEntity run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var start = context.Account.LastSyncWatermark ?? now.AddDays(-context.Settings.FirstLookbackDays);
        // Amazon's dates carry milliseconds at most; a window end finer than that would come back rounded and leave a
        // sliver of a window that Amazon refuses (its end not after its start).
        var end = TruncateToSecond(now - AmazonLag);
        run.WindowFrom = start;
        run.WindowTo = end;
        var chunks = context.Account.ActiveMarketplaceIds.Chunk(AmazonOrderRequests.MaxIdsPerCall).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var source = Source(scope, context);
        for (var from = start; from < end;)
        {
            var to = from + context.Settings.Window < end ? from + context.Settings.Window : end;
            var echoed = to;
            // Versions of orders this window already handed on: a second reading hands on only what it did not (the
            // first reading's pages may still be importing, so the links cannot tell yet).
            var listed = new HashSet<(string, DateTimeOffset?)>();
            for (var rereads = 0; ; rereads++)
            {
                var complete = true;
                echoed = to;
                for (var c = 0; c < chunks.Count && complete; c++)
                {
                    var page = await source.ListUpdatedAsync(context.Seller, from, to, chunks[c], cancellationToken);
                    while (true)
                    {
                        echoed = page.WindowEnd ?? echoed;
                        var last = page.NextToken is null && c == chunks.Count - 1;
                        var next = page.NextToken;
                        var fresh = page with
                        {
                            Orders = [.. page.Orders.Where(o => listed.Add((o.AmazonOrderId, o.LastUpdateDate)))],
                            Unreadable = [.. page.Unreadable.Where(o => listed.Add((o.AmazonOrderId, o.LastUpdateDate)))],
                        };
                        yield return new AmazonListedPage(fresh, Force: false, WatermarkAfter: last ? echoed : null);
                        if (next is null)
                        {
                            break;
                        }

                        if (await ListNextOrNullAsync(source, context, next, rereads < MaxWindowRereads, cancellationToken) is not { } following)
                        {
                            complete = false;
                            break;
                        }

                        page = following;
                    }
                }

                if (complete)
                {
                    break;
                }
            }

            from = echoed > from ? echoed : to;
        }
    }

    /// <summary>
    /// The page after <paramref name="nextToken"/>, or null when it failed and the window is to be read again from its start:
    /// Amazon does not promise that a NextToken can be sent twice, and a page lost on the way (a dropped connection, a
    /// cut-off answer) may have spent it. Orders the first reading handed on are left out of the second; the watermark has
    /// not moved, so nothing of the window is lost.
    /// </summary>
    private async Task<AmazonOrdersPage?> ListNextOrNullAsync(IAmazonOrderSource source, AmazonSyncRunContext context, string nextToken, bool mayReread, CancellationToken cancellationToken)
    {
        try
        {
            return await source.ListNextAsync(context.Seller, nextToken, cancellationToken);
        }
        catch (Exception e) when (mayReread && AmazonErrors.Classify(e) is AmazonErrorKind.Transient or AmazonErrorKind.Rejected)
        {
            LogWindowReread(logger, context.Account.Id, AmazonErrors.Describe(e));
            return null;
        }
    }

    /// <summary>Imports pages as they come, the next one prepared (listed, compared, its items fetched) while the current one is imported.</summary>
    private async Task ImportPagesAsync(AmazonSyncRunContext context, AmazonSyncRunEntity run, IAsyncEnumerable<AmazonListedPage> listing, AmazonThrottleWaits waits, IProgress<AmazonSyncProgress>? progress, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var fetches = new SemaphoreSlim(ItemFetchesInFlight);
        await using var pages = listing.GetAsyncEnumerator(stop.Token);
        var next = PrepareNextAsync(context, pages, fetches, stop.Token);
        try
        {
            while (await next is { } page)
            {
                next = PrepareNextAsync(context, pages, fetches, stop.Token);
                await ImportPageAsync(context, run, page, progress, cancellationToken);
                if (page.Listed.WatermarkAfter is { } watermark)
                {
                    // The whole window is done: only now may the watermark move, to the end Amazon says it covered.
                    await MoveWatermarkAsync(context.Account.Id, watermark, cancellationToken);
                    run.Progress = (int)Math.Round(100 * Math.Clamp((watermark - run.WindowFrom!.Value) / (run.WindowTo!.Value - run.WindowFrom.Value), 0, 1));
                }

                run.ThrottleWaits = waits.Waits;
                run.ThrottleWaitMilliseconds = (long)waits.TimeWaited.TotalMilliseconds;
                await runs.SaveAsync(run, CancellationToken.None);
                progress?.Report(AmazonSyncProgress.Of(run));
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                if (await next is { } pending)
                {
                    await pending.DrainAsync();
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The page after the one that stopped the run: nothing of it was imported.
            }
        }
    }

    private async Task<AmazonPreparedPage?> PrepareNextAsync(AmazonSyncRunContext context, IAsyncEnumerator<AmazonListedPage> pages, SemaphoreSlim fetches, CancellationToken cancellationToken)
    {
        if (!await pages.MoveNextAsync())
        {
            return null;
        }

        var listed = pages.Current;
        var ids = listed.Page.Orders.Select(o => o.AmazonOrderId).ToList();
        Dictionary<string, AmazonOrderLinkEntity> links;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // One query for the page tells which orders are unchanged since they were processed; those are skipped
            // without fetching their items.
            links = ids.Count == 0
                ? []
                : await scope.ServiceProvider.GetRequiredService<AmazonDbContext>().OrderLinks.AsNoTracking().Include(l => l.Items)
                    .Where(l => l.AccountId == context.Account.Id && ids.Contains(l.AmazonOrderId))
                    .ToDictionaryAsync(l => l.AmazonOrderId, StringComparer.Ordinal, cancellationToken);
        }

        var now = time.GetUtcNow();
        var orders = listed.Page.Orders.Select(o => new AmazonPageOrder(o, listed.Force || NeedsWork(links.GetValueOrDefault(o.AmazonOrderId), o, now))).ToList();
        foreach (var order in orders.Where(o => o.NeedsWork && AmazonOrderImporter.NeedsSalesOrder(o.Order)))
        {
            // Items that came with the page are used as they are; others are fetched, a few orders at a time.
            order.Items = listed.Page.Items?.GetValueOrDefault(order.Order.AmazonOrderId) is { } items
                ? Task.FromResult(items)
                : FetchItemsAsync(context, order.Order.AmazonOrderId, fetches, cancellationToken);
        }

        return new AmazonPreparedPage(listed, links, orders);
    }

    private async Task<IReadOnlyList<AmazonOrderItem>> FetchItemsAsync(AmazonSyncRunContext context, string amazonOrderId, SemaphoreSlim fetches, CancellationToken cancellationToken)
    {
        await fetches.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await Source(scope, context).ListItemsAsync(context.Seller, amazonOrderId, cancellationToken);
        }
        finally
        {
            fetches.Release();
        }
    }

    /// <summary>
    /// True when the order must be processed: it is new, it changed since it was processed, or it failed and its next
    /// attempt is due (a given-up order only when it changed at Amazon).
    /// </summary>
    internal static bool NeedsWork(AmazonOrderLinkEntity? link, AmazonOrder order, DateTimeOffset now) => link switch
    {
        null => true,
        { State: AmazonOrderLinkState.Failed } => link.FailedUpdateDate != order.LastUpdateDate || link.NextAttemptOn is null || link.NextAttemptOn <= now,
        { State: AmazonOrderLinkState.GivenUp } => link.FailedUpdateDate != order.LastUpdateDate,
        _ => link.LastUpdateDate != order.LastUpdateDate,
    };

    private async Task ImportPageAsync(AmazonSyncRunContext context, AmazonSyncRunEntity run, AmazonPreparedPage page, IProgress<AmazonSyncProgress>? progress, CancellationToken cancellationToken)
    {
        run.PagesRead++;
        foreach (var unreadable in page.Listed.Page.Unreadable)
        {
            run.OrdersSeen++;
            run.OrdersFailed++;
            await RecordFailureAsync(context, unreadable.AmazonOrderId, unreadable.LastUpdateDate, unreadable.Reason, null, cancellationToken);
        }

        foreach (var missing in page.Listed.Requested?.Except(page.Listed.Page.Orders.Select(o => o.AmazonOrderId).Concat(page.Listed.Page.Unreadable.Select(u => u.AmazonOrderId)), StringComparer.Ordinal) ?? [])
        {
            await RecordFailureAsync(context, missing, null, $"Amazon no longer returns order {missing} for this seller.", null, cancellationToken);
        }

        // Every item of the page is needed before the page's products can be looked up at once.
        var items = new Dictionary<string, IReadOnlyList<AmazonOrderItem>>(StringComparer.Ordinal);
        var itemErrors = new Dictionary<string, Exception>(StringComparer.Ordinal);
        foreach (var order in page.Orders.Where(o => o.Items is not null))
        {
            try
            {
                items[order.Order.AmazonOrderId] = await order.Items!;
            }
            catch (Exception e) when (!IsFatal(e, cancellationToken))
            {
                itemErrors[order.Order.AmazonOrderId] = e;
            }
        }

        AmazonPageLookups lookups;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            lookups = await AmazonPageLookups.LoadAsync(context, page, items, services.GetRequiredService<AmazonDbContext>(), services.GetRequiredService<IAmazonHostProducts>(),
                services.GetRequiredService<IAmazonHostPartners>(), services.GetRequiredService<IAmazonHostSalesOrders>(), cancellationToken);
        }

        foreach (var pageOrder in page.Orders)
        {
            var order = pageOrder.Order;
            run.OrdersSeen++;
            var outcome = !pageOrder.NeedsWork
                ? AmazonOrderOutcome.Skipped
                : itemErrors.TryGetValue(order.AmazonOrderId, out var itemError)
                    ? await FailAsync(context, order, itemError, cancellationToken)
                    : await ImportOrderAsync(context, lookups, order, items.GetValueOrDefault(order.AmazonOrderId), cancellationToken);
            switch (outcome)
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

            progress?.Report(AmazonSyncProgress.Of(run));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<AmazonOrderOutcome> ImportOrderAsync(AmazonSyncRunContext context, AmazonPageLookups lookups, AmazonOrder order, IReadOnlyList<AmazonOrderItem>? items, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AmazonOrderImporter>().ImportAsync(context, lookups, order, items, cancellationToken);
        }
        catch (Exception e) when (!IsFatal(e, cancellationToken))
        {
            return await FailAsync(context, order, e, cancellationToken);
        }
    }

    private async Task<AmazonOrderOutcome> FailAsync(AmazonSyncRunContext context, AmazonOrder order, Exception error, CancellationToken cancellationToken)
    {
        await RecordFailureAsync(context, order.AmazonOrderId, order.LastUpdateDate, Reason(error), error, cancellationToken);
        return AmazonOrderOutcome.Failed;
    }

    private async Task RecordFailureAsync(AmazonSyncRunContext context, string amazonOrderId, DateTimeOffset? lastUpdateDate, string reason, Exception? error, CancellationToken cancellationToken)
    {
        using var orderScope = logger.BeginScope(new Dictionary<string, object> { ["AmazonOrderId"] = amazonOrderId });
        await using var scope = scopes.CreateAsyncScope();
        var state = await scope.ServiceProvider.GetRequiredService<AmazonOrderFailures>()
            .RecordAsync(context.Account.Id, amazonOrderId, lastUpdateDate, reason, context.Settings.MaxOrderAttempts, cancellationToken);
        LogOrderFailed(logger, error, amazonOrderId, state == AmazonOrderLinkState.GivenUp ? "given up" : "retried later", reason);
    }

    /// <summary>Failures that stop the whole run rather than one order: the account refused, the installation unable, the run cancelled.</summary>
    private static bool IsFatal(Exception e, CancellationToken cancellationToken) =>
        (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        || AmazonErrors.Classify(e) is AmazonErrorKind.Unauthorized or AmazonErrorKind.Configuration;

    private static string Reason(Exception e) => e switch
    {
        _ when AmazonErrors.Classify(e) is not null => AmazonErrors.Describe(e),
        DbUpdateException => "The order could not be saved (it may have been processed at the same moment); it is retried later.",
        _ => e.Message,
    };

    private static IAmazonOrderSource Source(AsyncServiceScope scope, AmazonSyncRunContext context) =>
        scope.ServiceProvider.GetServices<IAmazonOrderSource>().FirstOrDefault(s => s.Api == context.Account.Api && s.OrdersApiVersion == context.Account.OrdersApiVersion)
        ?? throw new AmazonConfigurationException($"This installation cannot sync {context.Account.Api} accounts with Orders API {context.Account.OrdersApiVersion ?? "(none)"}.");

    private async Task MoveWatermarkAsync(int accountId, DateTimeOffset watermark, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AmazonDbContext>().Accounts.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.LastSyncWatermark, watermark), cancellationToken);
    }

    private async Task<AmazonSyncRunEntity> FinishAsync(AmazonSyncRunEntity run, AmazonSyncRunState state, string? error, AmazonThrottleWaits waits, IProgress<AmazonSyncProgress>? progress)
    {
        run.State = state;
        run.Error = error is { Length: > 2000 } ? error[..2000] : error;
        run.EndedOn = time.GetUtcNow();
        run.ThrottleWaits = waits.Waits;
        run.ThrottleWaitMilliseconds = (long)waits.TimeWaited.TotalMilliseconds;
        if (state is AmazonSyncRunState.Succeeded or AmazonSyncRunState.PartiallyFailed)
        {
            run.Progress = 100;
        }

        // Saved whatever the caller's token says: a run is never left marked running.
        await runs.SaveAsync(run, CancellationToken.None);
        progress?.Report(AmazonSyncProgress.Of(run));
        return run;
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, value.Offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order sync of account {AccountId} stopped: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, int accountId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order sync of account {AccountId} stopped on an unexpected error.")]
    private static partial void LogRunCrashed(ILogger logger, Exception exception, int accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amazon order {AmazonOrderId} failed and is {What}: {Reason}")]
    private static partial void LogOrderFailed(ILogger logger, Exception? exception, string amazonOrderId, string what, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} failed orders could not be fetched again this time and stay due: {Reason}")]
    private static partial void LogRetrySkipped(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A page of account {AccountId}'s orders failed after the previous page; the window is read again from its start: {Reason}")]
    private static partial void LogWindowReread(ILogger logger, int accountId, string reason);
}
