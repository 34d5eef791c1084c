using ErpAmazonModule.Accounts;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Settings;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Lifecycle;

/// <summary>The accounts a recurring per-account job (payments, shipments) works on now.</summary>
public static class AmazonScheduledAccounts
{
    /// <summary>The ids of the accounts whose schedules run (<see cref="AmazonAccountEntity.Scheduled"/>); none while the module is disabled.</summary>
    public static async Task<IReadOnlyList<int>> ListAsync(IAmazonHostSettings settings, AmazonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        return await settings.GetAsync(AmazonSettings.Enabled, cancellationToken).ConfigureAwait(false)
            ? await db.Accounts.AsNoTracking().Where(AmazonAccountEntity.Scheduled(time.GetUtcNow())).Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false)
            : [];
    }
}
