using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>Notification port: the reference ERP keeps notifications (one per key) and shows them at <c>/odata/host/Notifications</c>.</summary>
public sealed class HostNotifications(HostDbContext db, TimeProvider time) : IAmazonHostNotifications
{
    /// <inheritdoc />
    public async Task NotifyAsync(AmazonHostNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (await db.Notifications.AnyAsync(n => n.Key == notification.Key, cancellationToken))
        {
            return;
        }

        var row = new Notification
        {
            Key = notification.Key,
            Severity = notification.Severity,
            Title = notification.Title,
            Message = notification.Message,
            Permission = notification.Permission,
            CreatedOn = time.GetUtcNow(),
        };
        db.Notifications.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Shown at the same moment by another host: once is enough.
            db.Entry(row).State = EntityState.Detached;
        }
    }
}
