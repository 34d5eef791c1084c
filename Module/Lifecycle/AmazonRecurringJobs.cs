using ErpAmazonModule.Sync;
using Hangfire;
using Hangfire.Storage;

namespace ErpAmazonModule.Lifecycle;

/// <summary>Registers and removes the module's recurring jobs, always under explicit ids.</summary>
public sealed class AmazonRecurringJobs(IRecurringJobManager jobs, JobStorage storage)
{
    /// <summary>Ids of the module's recurring jobs.</summary>
    public static IReadOnlyList<string> Ids { get; } = [AmazonConnectorDefaults.Jobs.EnsureDefaultProducts, AmazonConnectorDefaults.Jobs.QueueDueSyncs, AmazonConnectorDefaults.Jobs.ImportPayments, AmazonConnectorDefaults.Jobs.AuthorizationWarnings, AmazonConnectorDefaults.Jobs.ConfirmShipments, AmazonConnectorDefaults.Jobs.DataProtection];

    /// <summary>Adds or updates every job.</summary>
    public void Register()
    {
        jobs.AddOrUpdate<AmazonDefaultProductsJob>(AmazonConnectorDefaults.Jobs.EnsureDefaultProducts, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        jobs.AddOrUpdate<AmazonOrderSyncJob>(AmazonConnectorDefaults.Jobs.QueueDueSyncs, job => job.QueueDueAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<ErpAmazonModule.Finance.AmazonPaymentsJob>(AmazonConnectorDefaults.Jobs.ImportPayments, job => job.RunAsync(CancellationToken.None), "0 */6 * * *");
        jobs.AddOrUpdate<ErpAmazonModule.Accounts.AmazonAuthorizationWarningsJob>(AmazonConnectorDefaults.Jobs.AuthorizationWarnings, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        jobs.AddOrUpdate<ErpAmazonModule.Shipments.AmazonShipmentsJob>(AmazonConnectorDefaults.Jobs.ConfirmShipments, job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
        jobs.AddOrUpdate<ErpAmazonModule.Compliance.AmazonDataProtectionJob>(AmazonConnectorDefaults.Jobs.DataProtection, job => job.RunAsync(CancellationToken.None), "17 3 * * *");
        RemoveLegacy();
    }

    /// <summary>Removes every job of the module.</summary>
    public void Remove()
    {
        foreach (var id in Ids)
        {
            jobs.RemoveIfExists(id);
        }

        RemoveLegacy();
    }

    // Before due-time scheduling every account had a cron job of its own (amazon:orders:{accountId}).
    private void RemoveLegacy()
    {
        using var connection = storage.GetConnection();
        foreach (var id in connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(AmazonConnectorDefaults.Jobs.LegacyOrdersPrefix, StringComparison.Ordinal)).ToList())
        {
            jobs.RemoveIfExists(id);
        }
    }
}
