using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>Accounting port: write-offs become journal entries.</summary>
public sealed class HostAccounting(HostDbContext db) : IAmazonHostAccounting
{
    /// <inheritdoc />
    public async Task<string> PostWriteOffAsync(AmazonHostWriteOff writeOff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeOff);
        var entry = new JournalEntry
        {
            Reference = writeOff.Reference,
            AccountCode = writeOff.AccountCode,
            Amount = HostCurrencies.Round(writeOff.Amount, writeOff.CurrencyCode),
            CurrencyCode = writeOff.CurrencyCode,
            Date = writeOff.Date.ToUniversalTime(),
            SalesOrderId = HostIds.Parse(writeOff.SalesOrderId),
        };
        db.JournalEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return HostIds.Of(entry.Id);
    }
}
