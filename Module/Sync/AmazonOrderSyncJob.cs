namespace ErpAmazonModule.Sync;

/// <summary>Hangfire entry points of the order sync (thin: the work is in <see cref="AmazonOrderSync"/>).</summary>
public sealed class AmazonOrderSyncJob(AmazonOrderSync sync)
{
    /// <summary>The recurring job of an account.</summary>
    public Task RunScheduledAsync(int accountId, CancellationToken cancellationToken) =>
        sync.RunAsync(accountId, AmazonSyncTrigger.Schedule, null, null, cancellationToken);

    /// <summary>A run queued by <c>SyncOrders</c>.</summary>
    public Task RunQueuedAsync(int accountId, int runId, CancellationToken cancellationToken) =>
        sync.RunAsync(accountId, AmazonSyncTrigger.Manual, runId, null, cancellationToken);
}
