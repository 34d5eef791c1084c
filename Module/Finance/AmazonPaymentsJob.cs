using ErpAmazonModule.Amazon;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Settings;
using ErpAmazonModule.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Finance;

/// <summary>
/// Recurring job (every six hours): imports and matches the payments of each active account that Amazon can be asked
/// about. An account that fails is logged and left for the next time; the others go on.
/// </summary>
public sealed partial class AmazonPaymentsJob(IAmazonHostSettings settings, AmazonDbContext db, AmazonFinanceImport import, AmazonReconciliationService matching, TimeProvider time, ILogger<AmazonPaymentsJob> logger)
{
    /// <summary>Runs once; does nothing while the module is disabled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!await settings.GetAsync(AmazonSettings.Enabled, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.IsActive && a.ReauthorizationNeededSince == null && (a.AuthorizationExpiresOn == null || a.AuthorizationExpiresOn > now))
            .Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var accountId in accounts)
        {
            try
            {
                await import.RunAsync(accountId, cancellationToken);
                await matching.MatchAsync(accountId, cancellationToken);
            }
            catch (Exception e) when (e is AmazonSyncNotPossibleException || AmazonErrors.Classify(e) is not null)
            {
                LogSkipped(logger, accountId, e is AmazonSyncNotPossibleException ? e.Message : AmazonErrors.Describe(e));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payments of account {AccountId} were not imported this time: {Reason}")]
    private static partial void LogSkipped(ILogger logger, int accountId, string reason);
}
