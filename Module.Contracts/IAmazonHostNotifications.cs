namespace ErpAmazonModule.Hosting;

/// <summary>Something the module wants people to know: a warning on an account, shown by the host where its users look.</summary>
/// <param name="Key">Identifies the notification: the same key is shown once, however often it is sent.</param>
/// <param name="Severity"><c>Info</c>, <c>Warning</c> or <c>Error</c>.</param>
/// <param name="Title">One line.</param>
/// <param name="Message">What happened and what to do.</param>
/// <param name="Permission">Who should see it: users holding this permission (null: administrators).</param>
public sealed record AmazonHostNotification(string Key, string Severity, string Title, string Message, string? Permission);

/// <summary>
/// Notification port (optional, added in contract 1.2): the host shows the module's notifications to its users (a bell,
/// an e-mail, a chat message: the host decides). A host without it simply does not get them.
/// </summary>
public interface IAmazonHostNotifications
{
    /// <summary>Shows <paramref name="notification"/>; a key already shown is not shown again.</summary>
    Task NotifyAsync(AmazonHostNotification notification, CancellationToken cancellationToken);
}
