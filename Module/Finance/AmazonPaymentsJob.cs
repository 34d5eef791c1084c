using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Finance;

/// <summary>
/// Recurring job (every six hours): imports and matches the payments of each active account that Amazon can be asked
/// about. An account that fails is logged and left for the next time; the others go on.
/// </summary>
public sealed partial class AmazonPaymentsJob(IAmazonHostSettings settings, AmazonDbContext db, AmazonFinanceService finance, TimeProvider time, ILogger<AmazonPaymentsJob> logger)
{
    /// <summary>Runs once; does nothing while the module is disabled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var accounts = await Lifecycle.AmazonScheduledAccounts.ListAsync(settings, db, time, cancellationToken);
        foreach (var accountId in accounts)
        {
            if ((await finance.ImportAsync(accountId, cancellationToken)).Problem is { } problem)
            {
                LogSkipped(logger, accountId, problem.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payments of account {AccountId} were not imported this time: {Reason}")]
    private static partial void LogSkipped(ILogger logger, int accountId, string reason);
}
