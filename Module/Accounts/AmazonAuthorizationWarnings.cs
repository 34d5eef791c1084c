using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ErpAmazonModule.Accounts;

/// <summary>
/// Recurring job (hourly): warns, through the host's notification port when it has one, when a seller's authorization
/// ends within 30 days and again within 7 (and once it has ended), one notification per account, threshold and expiry,
/// so a renewal arms the warnings again.
/// </summary>
public sealed class AmazonAuthorizationWarningsJob(IAmazonHostSettings settings, AmazonDbContext db, TimeProvider time, IServiceProvider services)
{
    /// <summary>The days before the end at which a warning is given.</summary>
    public static readonly IReadOnlyList<int> WarningDays = [30, 7];

    /// <summary>Runs once; returns how many notifications were sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!await settings.GetAsync(AmazonSettings.Enabled, cancellationToken) || services.GetService(typeof(IAmazonHostNotifications)) is not IAmazonHostNotifications notifications)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var horizon = now.AddDays(WarningDays.Max());
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.IsActive && a.AuthorizationExpiresOn != null && a.AuthorizationExpiresOn <= horizon)
            .Select(a => new { a.Id, a.Name, a.SellerId, Expires = a.AuthorizationExpiresOn!.Value }).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var account in accounts)
        {
            var ended = account.Expires <= now;
            var threshold = ended ? 0 : WarningDays.Where(d => account.Expires <= now.AddDays(d)).Min();
            var what = ended ? "has ended: the account is not synced" : $"ends within {threshold} days";
            await notifications.NotifyAsync(new AmazonHostNotification(
                $"amazon:authorization:{account.Id}:{account.Expires:yyyyMMdd}:{threshold}",
                ended || threshold <= 7 ? "Error" : "Warning",
                $"Amazon authorization of '{account.Name}' {(ended ? "expired" : "expires soon")}",
                $"The authorization seller {account.SellerId} gave this ERP {what} ({account.Expires:yyyy-MM-dd}). The seller authorizes again in Seller Central; then save the new AuthorizationExpiresOn (and AuthorizationToken if Amazon gave a new one) on account {account.Id}.",
                AmazonConnectorDefaults.Permissions.ManageAccounts), cancellationToken);
            sent++;
        }

        return sent;
    }
}

/// <summary>Health: degraded while an active account's authorization has ended or ends within seven days, naming the accounts.</summary>
public sealed class AmazonAuthorizationHealthCheck(IServiceScopeFactory scopes, TimeProvider time) : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "amazon-authorizations";

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var soon = time.GetUtcNow().AddDays(AmazonAuthorizationWarningsJob.WarningDays.Min());
        var accounts = await scope.ServiceProvider.GetRequiredService<AmazonDbContext>().Accounts.AsNoTracking()
            .Where(a => a.IsActive && a.AuthorizationExpiresOn != null && a.AuthorizationExpiresOn <= soon)
            .OrderBy(a => a.Id).Select(a => a.Name).ToListAsync(cancellationToken);
        return accounts.Count == 0
            ? HealthCheckResult.Healthy("Every seller authorization runs for more than seven days.")
            : HealthCheckResult.Degraded($"Seller authorizations ended or ending within seven days: {string.Join(", ", accounts)}.");
    }
}
