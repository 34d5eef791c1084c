using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Settings;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Sync;

/// <summary>
/// Queues order syncs: an account's scheduled run when its due time has come (every <c>SyncIntervalMinutes</c> after the
/// previous due time, whatever the interval: cron expressions cannot say "every 59 or 1,000 minutes"), and a run on
/// demand. An account never gets a second run while one is queued or running.
/// </summary>
public sealed class AmazonOrderSyncScheduler(AmazonDbContext db, AmazonSyncRuns runs, IBackgroundJobClient jobs, IAmazonHostSettings settings, TimeProvider time)
{
    /// <summary>The due time after <paramref name="due"/>: one interval later, or one interval from now when the host was down past it.</summary>
    public static DateTimeOffset NextDue(DateTimeOffset? due, int intervalMinutes, DateTimeOffset now)
    {
        var interval = TimeSpan.FromMinutes(intervalMinutes);
        var next = (due ?? now) + interval;
        return next > now ? next : now + interval;
    }

    /// <summary>Queues a scheduled run of every active account that is due and idle; returns the runs queued.</summary>
    public async Task<IReadOnlyList<AmazonSyncRunEntity>> QueueDueAsync(CancellationToken cancellationToken)
    {
        if (!await settings.GetAsync(AmazonSettings.Enabled, cancellationToken))
        {
            return [];
        }

        // Runs a stopped host left behind would keep their accounts from ever being due again.
        await runs.AbandonDeadAsync(null, cancellationToken);
        var now = time.GetUtcNow();
        var due = await db.Accounts.AsNoTracking()
            .Where(Accounts.AmazonAccountEntity.Scheduled(now))
            .Where(a => a.NextSyncOn == null || a.NextSyncOn <= now)
            .Where(a => !db.SyncRuns.Any(r => r.AccountId == a.Id && (r.State == AmazonSyncRunState.Queued || r.State == AmazonSyncRunState.Running)))
            .Select(a => new { a.Id, a.NextSyncOn, a.SyncIntervalMinutes }).ToListAsync(cancellationToken);
        var queued = new List<AmazonSyncRunEntity>();
        foreach (var account in due)
        {
            // Claimed by moving the due time: two hosts dispatching at once never queue one due time twice.
            var next = NextDue(account.NextSyncOn, account.SyncIntervalMinutes, now);
            var claimed = await db.Accounts.Where(a => a.Id == account.Id && a.NextSyncOn == account.NextSyncOn)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.NextSyncOn, next), cancellationToken);
            if (claimed == 1)
            {
                queued.Add(await QueueAsync(account.Id, AmazonSyncTrigger.Schedule, cancellationToken));
            }
        }

        return queued;
    }

    /// <summary>Sync now: the account's run already queued or running when there is one (unless the process running it is gone), else a new queued run.</summary>
    public async Task<(AmazonSyncRunEntity Run, bool AlreadyActive)> QueueNowAsync(int accountId, CancellationToken cancellationToken)
    {
        var active = await runs.FindActiveAsync(accountId, cancellationToken);
        if (active is not null && await runs.AbandonDeadAsync(accountId, cancellationToken) > 0)
        {
            active = await runs.FindActiveAsync(accountId, cancellationToken);
        }

        return active is not null ? (active, true) : (await QueueAsync(accountId, AmazonSyncTrigger.Manual, cancellationToken), false);
    }

    private async Task<AmazonSyncRunEntity> QueueAsync(int accountId, AmazonSyncTrigger trigger, CancellationToken cancellationToken)
    {
        var run = await runs.QueueAsync(accountId, trigger, cancellationToken);
        run.JobId = jobs.Enqueue<AmazonOrderSyncJob>(job => job.RunQueuedAsync(run.Id, CancellationToken.None));
        await runs.SetJobAsync(run.Id, run.JobId, cancellationToken);
        return run;
    }
}
