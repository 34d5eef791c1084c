namespace ErpAmazonModule.Hosting;

/// <summary>A write-off of a small difference between what Amazon paid and what the order says.</summary>
/// <param name="Reference">What the entry is about (Amazon order id, settlement id).</param>
/// <param name="AccountCode">The host's ledger account for write-offs.</param>
/// <param name="Amount">Signed amount in <paramref name="CurrencyCode"/>.</param>
/// <param name="CurrencyCode">ISO 4217 currency of the amount.</param>
/// <param name="Date">Accounting date (UTC).</param>
/// <param name="SalesOrderId">The host sales order the difference belongs to, if any.</param>
public sealed record AmazonHostWriteOff(string Reference, string AccountCode, decimal Amount, string CurrencyCode, DateTimeOffset Date, string? SalesOrderId);

/// <summary>Accounting port.</summary>
public interface IAmazonHostAccounting
{
    /// <summary>Posts a write-off journal entry; returns its id.</summary>
    Task<string> PostWriteOffAsync(AmazonHostWriteOff writeOff, CancellationToken cancellationToken);
}
