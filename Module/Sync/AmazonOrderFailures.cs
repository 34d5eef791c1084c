using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Sync;

/// <summary>
/// Records an order that could not be read or imported: its link says why, and when it is tried again. Attempts back off
/// (5 minutes, then twice as long each time, at most 12 hours); after the configured number of attempts in a row at the
/// same version the order is given up, until it changes at Amazon or is recovered by hand.
/// </summary>
public sealed class AmazonOrderFailures(AmazonDbContext db, TimeProvider time)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromHours(12);

    /// <summary>Delay before attempt <paramref name="failedAttempts"/> + 1.</summary>
    public static TimeSpan Backoff(int failedAttempts)
    {
        var delay = FirstDelay * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 16));
        return delay < LongestDelay ? delay : LongestDelay;
    }

    /// <summary>Records the failure; returns the link's new state (<see cref="AmazonOrderLinkState.Failed"/> or <see cref="AmazonOrderLinkState.GivenUp"/>).</summary>
    public async Task<AmazonOrderLinkState> RecordAsync(int accountId, string amazonOrderId, DateTimeOffset? lastUpdateDate, string reason, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var now = time.GetUtcNow();
        var link = await db.OrderLinks.SingleOrDefaultAsync(l => l.AccountId == accountId && l.AmazonOrderId == amazonOrderId, cancellationToken);
        if (link is null)
        {
            link = db.OrderLinks.Add(new AmazonOrderLinkEntity { AccountId = accountId, AmazonOrderId = amazonOrderId, LastUpdateDate = lastUpdateDate }).Entity;
        }

        // A new version at Amazon starts the count again.
        var attempts = link.State is AmazonOrderLinkState.Failed or AmazonOrderLinkState.GivenUp && link.FailedUpdateDate == (lastUpdateDate ?? link.FailedUpdateDate)
            ? link.FailedAttempts + 1
            : 1;
        link.FailedAttempts = attempts;
        link.FailedUpdateDate = lastUpdateDate ?? link.FailedUpdateDate;
        link.State = attempts >= maxAttempts ? AmazonOrderLinkState.GivenUp : AmazonOrderLinkState.Failed;
        link.NextAttemptOn = link.State == AmazonOrderLinkState.Failed ? now + Backoff(attempts) : null;
        link.LastError = reason.Length > 2000 ? reason[..2000] : reason;
        link.UpdatedOn = now;
        await db.SaveChangesAsync(cancellationToken);
        return link.State;
    }

    /// <summary>Clears the attempt count of a given-up or failed order before it is recovered by hand.</summary>
    public Task ResetAsync(int accountId, string amazonOrderId, CancellationToken cancellationToken) =>
        db.OrderLinks.Where(l => l.AccountId == accountId && l.AmazonOrderId == amazonOrderId)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.FailedAttempts, 0), cancellationToken);
}
