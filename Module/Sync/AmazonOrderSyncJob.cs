using Hangfire;

namespace ErpAmazonModule.Sync;

/// <summary>
/// Hangfire entry points of the order sync (thin: the work is in <see cref="AmazonOrderSync"/> and
/// <see cref="AmazonOrderSyncScheduler"/>). Never retried by Hangfire: a run records its own failures, and the
/// schedule brings the next one.
/// </summary>
public sealed class AmazonOrderSyncJob(AmazonOrderSync sync, AmazonOrderSyncScheduler scheduler, AmazonSyncRuns runs, IBackgroundJobClient jobs)
{
    /// <summary>How long a queued run waits when another sync of its account holds the lock before it tries again.</summary>
    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Runs a queued run; when another sync of the account is running, it stays queued and runs right after.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunQueuedAsync(int runId, CancellationToken cancellationToken)
    {
        var run = await sync.RunQueuedAsync(runId, null, cancellationToken);
        if (run is { State: AmazonSyncRunState.Queued })
        {
            var jobId = jobs.Schedule<AmazonOrderSyncJob>(job => job.RunQueuedAsync(runId, CancellationToken.None), BusyRetryDelay);
            await runs.SetJobAsync(runId, jobId, cancellationToken);
        }
    }

    /// <summary>The recurring dispatcher: queues the accounts whose sync is due.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(60)]
    public Task QueueDueAsync(CancellationToken cancellationToken) => scheduler.QueueDueAsync(cancellationToken);
}
