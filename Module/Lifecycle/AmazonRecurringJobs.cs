using ErpAmazonModule.Persistence;
using ErpAmazonModule.Sync;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Lifecycle;

/// <summary>Registers and removes the module's recurring jobs, always under explicit ids.</summary>
public sealed class AmazonRecurringJobs(IRecurringJobManager jobs, JobStorage storage)
{
    /// <summary>Ids of the module's fixed recurring jobs (per-account order jobs come on top).</summary>
    public static IReadOnlyList<string> Ids { get; } = [AmazonConnectorDefaults.Jobs.EnsureDefaultProducts];

    /// <summary>How the manifest names the per-account order jobs.</summary>
    public const string OrdersJobIdTemplate = AmazonConnectorDefaults.Jobs.OrdersPrefix + "{accountId}";

    /// <summary>The recurring job id of an account's order sync.</summary>
    public static string OrdersJobId(int accountId) => AmazonConnectorDefaults.Jobs.OrdersPrefix + accountId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A cron expression for an interval in minutes (5 to 1440): every N minutes, every N hours, or daily.</summary>
    public static string Cron(int minutes) => minutes switch
    {
        < 60 => $"*/{minutes} * * * *",
        >= 1440 => "0 0 * * *",
        _ => $"0 */{Math.Max(1, minutes / 60)} * * *",
    };

    /// <summary>Adds or updates every job: the fixed ones and one per active account.</summary>
    public async Task RegisterAsync(AmazonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        jobs.AddOrUpdate<AmazonDefaultProductsJob>(
            AmazonConnectorDefaults.Jobs.EnsureDefaultProducts,
            job => job.RunAsync(CancellationToken.None),
            Hangfire.Cron.Hourly());
        var accounts = await db.Accounts.AsNoTracking().Select(a => new { a.Id, a.IsActive, a.SyncIntervalMinutes }).ToListAsync(cancellationToken);
        foreach (var account in accounts)
        {
            SetAccount(account.Id, account.IsActive, account.SyncIntervalMinutes);
        }
    }

    /// <summary>Keeps an account's order job in line with the account (removed when inactive or deleted).</summary>
    public void SetAccount(int accountId, bool active, int syncIntervalMinutes)
    {
        if (active)
        {
            jobs.AddOrUpdate<AmazonOrderSyncJob>(OrdersJobId(accountId), job => job.RunScheduledAsync(accountId, CancellationToken.None), Cron(syncIntervalMinutes));
        }
        else
        {
            jobs.RemoveIfExists(OrdersJobId(accountId));
        }
    }

    /// <summary>Removes every job of the module, the per-account ones included.</summary>
    public void Remove()
    {
        using var connection = storage.GetConnection();
        var ids = connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(AmazonConnectorDefaults.Jobs.OrdersPrefix, StringComparison.Ordinal)).Concat(Ids);
        foreach (var id in ids)
        {
            jobs.RemoveIfExists(id);
        }
    }
}
