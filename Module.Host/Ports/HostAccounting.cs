using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>
/// Accounting port: books balanced journal entries with lines; the receivable the module names
/// (<see cref="AmazonHostJournalEntry.Receivable"/>) is the demo company's trade receivables account.
/// </summary>
public sealed class HostAccounting(HostDbContext db) : IAmazonHostAccounting
{
    /// <inheritdoc />
    public Task<string> PostWriteOffAsync(AmazonHostWriteOff writeOff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeOff);
        var amount = HostCurrencies.Round(writeOff.Amount, writeOff.CurrencyCode);
        if (amount == 0)
        {
            throw new ArgumentException("A write-off of nothing books nothing.", nameof(writeOff));
        }

        // Amazon paid less than the order says: a loss on the write-off account, the receivable settled. Paid more: the reverse.
        var loss = amount > 0;
        return PostEntryAsync(new AmazonHostJournalEntry(writeOff.Reference, writeOff.CurrencyCode, writeOff.Date, writeOff.SalesOrderId,
        [
            new(writeOff.AccountCode, loss ? amount : 0, loss ? 0 : -amount, "Write-off of the difference Amazon paid"),
            new(AmazonHostJournalEntry.Receivable, loss ? 0 : -amount, loss ? amount : 0, "Receivable settled"),
        ]), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string> PostEntryAsync(AmazonHostJournalEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Lines is not { Count: >= 2 })
        {
            throw new ArgumentException("A journal entry needs at least two lines.", nameof(entry));
        }

        var lines = new List<JournalLine>();
        foreach (var line in entry.Lines)
        {
            var debit = HostCurrencies.Round(line.Debit, entry.CurrencyCode);
            var credit = HostCurrencies.Round(line.Credit, entry.CurrencyCode);
            if (debit < 0 || credit < 0 || (debit == 0) == (credit == 0) || string.IsNullOrWhiteSpace(line.AccountCode))
            {
                throw new ArgumentException($"Line '{line.Label}' on account '{line.AccountCode}' must have an account and either a debit or a credit above zero.", nameof(entry));
            }

            var account = line.AccountCode == AmazonHostJournalEntry.Receivable ? HostLedgerAccounts.Receivable : line.AccountCode.Trim();
            lines.Add(new JournalLine { AccountCode = account, Label = line.Label, Debit = debit, Credit = credit });
        }

        if (lines.Sum(l => l.Debit) != lines.Sum(l => l.Credit))
        {
            throw new ArgumentException($"The entry does not balance: debits {lines.Sum(l => l.Debit)}, credits {lines.Sum(l => l.Credit)} {entry.CurrencyCode}.", nameof(entry));
        }

        // Booked already (the module repeats a posting it could not record): the same entry, not a second one.
        if (await db.JournalEntries.Where(e => e.Reference == entry.Reference).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken) is { } booked)
        {
            return HostIds.Of(booked);
        }

        var journalEntry = new JournalEntry
        {
            Reference = entry.Reference,
            CurrencyCode = entry.CurrencyCode,
            Date = entry.Date.ToUniversalTime(),
            SalesOrderId = HostIds.Parse(entry.SalesOrderId),
            Lines = lines,
        };
        db.JournalEntries.Add(journalEntry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Booked at the same moment by another host (the reference is unique): that entry, not a second one.
            db.Entry(journalEntry).State = EntityState.Detached;
            var concurrent = await db.JournalEntries.AsNoTracking().Where(e => e.Reference == entry.Reference).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);
            if (concurrent is not { } other)
            {
                throw;
            }

            return HostIds.Of(other);
        }

        return HostIds.Of(journalEntry.Id);
    }
}
