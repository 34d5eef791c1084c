using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Shipments;

/// <summary>
/// Recurring job (every five minutes): confirms each scheduled account's validated deliveries to Amazon. An account that
/// cannot be served this time is logged and left for the next; the others go on.
/// </summary>
public sealed partial class AmazonShipmentsJob(IAmazonHostSettings settings, AmazonDbContext db, AmazonShipmentService shipments, TimeProvider time, ILogger<AmazonShipmentsJob> logger)
{
    /// <summary>Runs once; does nothing while the module is disabled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var accounts = await Lifecycle.AmazonScheduledAccounts.ListAsync(settings, db, time, cancellationToken);
        foreach (var accountId in accounts)
        {
            if ((await shipments.RunAsync(accountId, cancellationToken)).Problem is { } problem)
            {
                LogSkipped(logger, accountId, problem.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shipments of account {AccountId} were not all confirmed this time: {Reason}")]
    private static partial void LogSkipped(ILogger logger, int accountId, string reason);
}
