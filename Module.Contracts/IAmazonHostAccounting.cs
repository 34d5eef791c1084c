namespace ErpAmazonModule.Hosting;

/// <summary>A write-off of a small difference between what Amazon paid and what the order says.</summary>
/// <param name="Reference">What the entry is about (Amazon order id, settlement id).</param>
/// <param name="AccountCode">The host's ledger account for write-offs.</param>
/// <param name="Amount">Signed amount in <paramref name="CurrencyCode"/>: positive when Amazon paid less than the order says (a loss), negative when it paid more (a gain).</param>
/// <param name="CurrencyCode">ISO 4217 currency of the amount.</param>
/// <param name="Date">Accounting date (UTC).</param>
/// <param name="SalesOrderId">The host sales order the difference belongs to, if any.</param>
public sealed record AmazonHostWriteOff(string Reference, string AccountCode, decimal Amount, string CurrencyCode, DateTimeOffset Date, string? SalesOrderId);

/// <summary>A line of a journal entry: one side only (a debit or a credit, not negative).</summary>
/// <param name="AccountCode">The host's ledger account, or <see cref="AmazonHostJournalEntry.Receivable"/> for the customer's receivable of the entry's sales order (the host knows which account that is).</param>
/// <param name="Debit">Debit amount, or 0.</param>
/// <param name="Credit">Credit amount, or 0.</param>
/// <param name="Label">What the line is (shown in the ledger).</param>
public sealed record AmazonHostJournalLine(string AccountCode, decimal Debit, decimal Credit, string? Label);

/// <summary>A balanced journal entry the module asks the host to book (Amazon's fees, a write-off).</summary>
/// <param name="Reference">What the entry is about (Amazon order id, settlement id).</param>
/// <param name="CurrencyCode">ISO 4217 currency of every line.</param>
/// <param name="Date">Accounting date (UTC).</param>
/// <param name="SalesOrderId">The host sales order the entry belongs to, if any.</param>
/// <param name="Lines">At least two lines whose debits equal their credits in the currency's precision.</param>
public sealed record AmazonHostJournalEntry(string Reference, string CurrencyCode, DateTimeOffset Date, string? SalesOrderId, IReadOnlyList<AmazonHostJournalLine> Lines)
{
    /// <summary>The account code that stands for the host's receivable account (the one the sales order's invoice is booked on).</summary>
    public const string Receivable = "receivable";
}

/// <summary>Accounting port.</summary>
public interface IAmazonHostAccounting
{
    /// <summary>Posts a write-off journal entry (the write-off account against the receivable); returns its id.</summary>
    Task<string> PostWriteOffAsync(AmazonHostWriteOff writeOff, CancellationToken cancellationToken);

    /// <summary>
    /// Posts a balanced journal entry; returns its id. An entry whose <see cref="AmazonHostJournalEntry.Reference"/> was
    /// booked already is not booked again: its id is returned (the module repeats a posting after a crash). An entry that
    /// does not balance, or a line with both sides or a negative amount, is an <see cref="ArgumentException"/> and nothing
    /// is booked. Added in contract 1.1; a host that does not implement it refuses with <see cref="NotSupportedException"/>.
    /// </summary>
    Task<string> PostEntryAsync(AmazonHostJournalEntry entry, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This host does not book journal entries with lines (host contract 1.1).");
}
