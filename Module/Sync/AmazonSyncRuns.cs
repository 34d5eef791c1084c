using ErpAmazonModule.Persistence;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Sync;

/// <summary>A run's counts and state as it goes, for a progress bar or a page.</summary>
public sealed record AmazonSyncProgress(int RunId, AmazonSyncRunState State, int Progress, int OrdersSeen, int OrdersCreated, int OrdersUpdated, int OrdersSkipped, int OrdersFailed)
{
    internal static AmazonSyncProgress Of(AmazonSyncRunEntity run) =>
        new(run.Id, run.State, run.Progress, run.OrdersSeen, run.OrdersCreated, run.OrdersUpdated, run.OrdersSkipped, run.OrdersFailed);
}

/// <summary>
/// The <c>AmazonSyncRuns</c> rows. A run's row is written through a short-lived context of its own each time
/// (never the contexts that import orders), so it is saved whatever happens to an order.
/// </summary>
public sealed partial class AmazonSyncRuns(IDbContextFactory<AmazonDbContext> contexts, JobStorage jobStorage, AmazonAccountLocks locks, TimeProvider time, ILogger<AmazonSyncRuns> logger)
{
    /// <summary>Records a queued run.</summary>
    public async Task<AmazonSyncRunEntity> QueueAsync(int accountId, AmazonSyncTrigger trigger, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = new AmazonSyncRunEntity { AccountId = accountId, Trigger = trigger, State = AmazonSyncRunState.Queued, QueuedOn = time.GetUtcNow() };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>The account's queued or running run, if any (the oldest).</summary>
    public async Task<AmazonSyncRunEntity?> FindActiveAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SyncRuns.AsNoTracking()
            .Where(r => r.AccountId == accountId && (r.State == AmazonSyncRunState.Queued || r.State == AmazonSyncRunState.Running))
            .OrderBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The run, as stored.</summary>
    public async Task<AmazonSyncRunEntity?> FindAsync(int runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
    }

    /// <summary>Remembers which background job runs a queued run.</summary>
    public async Task SetJobAsync(int runId, string? jobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.SyncRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(u => u.SetProperty(r => r.JobId, jobId), cancellationToken);
    }

    /// <summary>Writes the run's current state and counts.</summary>
    public async Task SaveAsync(AmazonSyncRunEntity run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.SyncRuns.Update(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Marks the account's other running runs abandoned. Called with the account's lock held: no live process can be
    /// running them, so they belong to one that died.
    /// </summary>
    public async Task<int> AbandonOthersAsync(int accountId, int exceptRunId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var abandoned = await db.SyncRuns
            .Where(r => r.AccountId == accountId && r.Id != exceptRunId && r.State == AmazonSyncRunState.Running)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.State, AmazonSyncRunState.Abandoned)
                .SetProperty(r => r.EndedOn, now)
                .SetProperty(r => r.Error, AbandonedMessage(now)), cancellationToken);
        if (abandoned > 0)
        {
            LogAbandoned(logger, abandoned, accountId);
        }

        return abandoned;
    }

    /// <summary>
    /// Running runs whose account lock is free (their process is gone) and queued runs whose background job no longer
    /// exists are marked abandoned: at start-up, by the dispatcher every minute (a host that died while others go on
    /// is noticed without a restart) and by "Sync now" for its account. Runs a live host holds keep their lock and are
    /// left alone. <paramref name="accountId"/> limits the check to one account.
    /// </summary>
    public async Task<int> AbandonDeadAsync(int? accountId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.SyncRuns.AsNoTracking()
            .Where(r => r.State == AmazonSyncRunState.Queued || r.State == AmazonSyncRunState.Running)
            .Where(r => accountId == null || r.AccountId == accountId)
            .Select(r => new { r.Id, r.AccountId, r.State, r.JobId, r.QueuedOn }).ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return 0;
        }

        var dead = new List<int>();
        using (var connection = jobStorage.GetConnection())
        {
            foreach (var running in open.Where(r => r.State == AmazonSyncRunState.Running).GroupBy(r => r.AccountId))
            {
                if (locks.TryTake(running.Key, TimeSpan.Zero) is { } free)
                {
                    free.Dispose();
                    dead.AddRange(running.Select(r => r.Id));
                }
            }

            // A run is recorded a moment before its job: one without a job is only dead once that moment is long past.
            var orphanedBefore = time.GetUtcNow() - TimeSpan.FromMinutes(1);
            dead.AddRange(open.Where(r => r.State == AmazonSyncRunState.Queued && (r.JobId is null ? r.QueuedOn < orphanedBefore : connection.GetJobData(r.JobId) is null)).Select(r => r.Id));
        }

        var now = time.GetUtcNow();
        var count = await db.SyncRuns.Where(r => dead.Contains(r.Id) && (r.State == AmazonSyncRunState.Queued || r.State == AmazonSyncRunState.Running))
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.State, AmazonSyncRunState.Abandoned)
                .SetProperty(r => r.EndedOn, now)
                .SetProperty(r => r.Error, AbandonedMessage(now)), cancellationToken);
        if (count > 0)
        {
            LogAbandonedDead(logger, count);
        }

        return count;
    }

    /// <summary>
    /// Amazon refused the seller's authorization: the account is marked as needing a new token (shown on the account, its
    /// schedule paused) instead of failing a run every interval.
    /// </summary>
    public async Task MarkReauthorizationNeededAsync(int accountId, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var text = reason.Length > 1000 ? reason[..1000] : reason;
        var marked = await db.Accounts.Where(a => a.Id == accountId && a.ReauthorizationNeededSince == null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.ReauthorizationNeededSince, now).SetProperty(a => a.ReauthorizationReason, text), cancellationToken);
        if (marked > 0)
        {
            LogReauthorizationNeeded(logger, accountId);
        }
    }

    private static string AbandonedMessage(DateTimeOffset noticedOn) =>
        $"The process running this sync stopped before it finished (noticed {noticedOn:yyyy-MM-dd HH:mm:ss} UTC). Nothing it did is lost; the next run goes on from the last complete window.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} sync run(s) of account {AccountId} were left running by a process that stopped; marked abandoned.")]
    private static partial void LogAbandoned(ILogger logger, int count, int accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amazon refused the authorization of account {AccountId}; its syncs are paused until a new token is saved.")]
    private static partial void LogReauthorizationNeeded(ILogger logger, int accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} sync run(s) left queued or running by a process that stopped were marked abandoned.")]
    private static partial void LogAbandonedDead(ILogger logger, int count);
}

/// <summary>
/// One sync of an account at a time, across every process that shares the database. On PostgreSQL it is a session
/// advisory lock on a connection of its own: held as long as the run's connection lives, released by PostgreSQL when the
/// process dies (a lock row with a timeout would either outlive a dead process or be taken from a long run). Elsewhere it
/// is the job storage's distributed lock (SQL Server's session application lock; on SQLite the storage is in one process,
/// which is why SQLite serves one host).
/// </summary>
public sealed class AmazonAccountLocks(JobStorage storage, AmazonDatabaseProvider provider, string connectionString)
{
    // "AMZN" in the high half keeps the module's advisory locks apart from anyone else's.
    private const long KeySpace = 0x414D5A4EL << 32;

    /// <summary>The lock of <paramref name="accountId"/>, or null when another holder keeps it past <paramref name="wait"/>.</summary>
    public IDisposable? TryTake(int accountId, TimeSpan wait) =>
        provider == AmazonDatabaseProvider.PostgreSql ? TryTakeAdvisory(KeySpace | (uint)accountId, wait) : TryTakeFromStorage(AmazonConnectorDefaults.Jobs.OrdersLockPrefix + accountId, wait);

    /// <summary>The lock of <paramref name="accountId"/>'s shipment confirmations (one sender per account), or null when another holder keeps it.</summary>
    public IDisposable? TryTakeShipments(int accountId, TimeSpan wait) =>
        provider == AmazonDatabaseProvider.PostgreSql ? TryTakeAdvisory(ShipmentsKeySpace | (uint)accountId, wait) : TryTakeFromStorage(AmazonConnectorDefaults.Jobs.ShipmentsLockPrefix + accountId, wait);

    // "AMZS": the shipment senders' locks, apart from the order syncs'.
    private const long ShipmentsKeySpace = 0x414D5A53L << 32;

    private IDisposable? TryTakeFromStorage(string resource, TimeSpan wait)
    {
        var connection = storage.GetConnection();
        try
        {
            return new StorageHandle(connection.AcquireDistributedLock(resource, wait), connection);
        }
        catch (DistributedLockTimeoutException)
        {
            connection.Dispose();
            return null;
        }
    }

    private AdvisoryHandle? TryTakeAdvisory(long key, TimeSpan wait)
    {
        // Not pooled: a lock must never stay with a connection the pool hands to someone else.
        var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using (var take = new Npgsql.NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
            {
                take.Parameters.AddWithValue("key", key);
                if (take.ExecuteScalar() is true)
                {
                    return new AdvisoryHandle(connection, key);
                }
            }

            var left = wait - waited.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                connection.Dispose();
                return null;
            }

            Thread.Sleep(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    private sealed class StorageHandle(IDisposable accountLock, IDisposable connection) : IDisposable
    {
        public void Dispose()
        {
            accountLock.Dispose();
            connection.Dispose();
        }
    }

    private sealed class AdvisoryHandle(Npgsql.NpgsqlConnection connection, long key) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                using var release = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                release.Parameters.AddWithValue("key", key);
                release.ExecuteScalar();
            }
            catch (Npgsql.NpgsqlException)
            {
                // The session ends below, which releases the lock as well.
            }

            connection.Dispose();
        }
    }
}
