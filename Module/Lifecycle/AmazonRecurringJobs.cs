using Hangfire;

namespace ErpAmazonModule.Lifecycle;

/// <summary>Registers and removes the module's recurring jobs, always under explicit ids.</summary>
public sealed class AmazonRecurringJobs(IRecurringJobManager jobs)
{
    /// <summary>Ids of every recurring job the module registers.</summary>
    public static IReadOnlyList<string> Ids { get; } = [AmazonConnectorDefaults.Jobs.EnsureDefaultProducts];

    /// <summary>Adds or updates every job.</summary>
    public void Register() =>
        jobs.AddOrUpdate<AmazonDefaultProductsJob>(
            AmazonConnectorDefaults.Jobs.EnsureDefaultProducts,
            job => job.RunAsync(CancellationToken.None),
            Cron.Hourly());

    /// <summary>Removes every job.</summary>
    public void Remove()
    {
        foreach (var id in Ids)
        {
            jobs.RemoveIfExists(id);
        }
    }
}
