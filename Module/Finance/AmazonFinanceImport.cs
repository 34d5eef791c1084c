using System.Security.Cryptography;
using System.Text;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Settings;
using ErpAmazonModule.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Finance;

/// <summary>What an import of financial events did.</summary>
public sealed record AmazonFinanceImportResult(int AccountId, DateTimeOffset PostedAfter, DateTimeOffset PostedBefore, int Pages, int EventsSeen, int EventsAdded);

/// <summary>
/// Imports an account's financial events posted since its finances watermark (a first import: the sync's look-back) to
/// two minutes ago, page by page: each page in a unit of work of its own, an event stored once however often it is read
/// (its key is unique per account), the watermark moved only after the last page. A run stopped anywhere is read again
/// from the watermark and adds only what it had not stored.
/// </summary>
public sealed partial class AmazonFinanceImport(IServiceScopeFactory scopes, TimeProvider time, ILogger<AmazonFinanceImport> logger)
{
    private static readonly TimeSpan AmazonLag = TimeSpan.FromMinutes(2);

    /// <summary>Imports the events of <paramref name="accountId"/>; <see cref="AmazonSyncNotPossibleException"/> when Amazon cannot be asked for it.</summary>
    public async Task<AmazonFinanceImportResult> RunAsync(int accountId, CancellationToken cancellationToken)
    {
        AmazonSellerContext seller;
        DateTimeOffset after;
        var before = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() - AmazonLag).ToUnixTimeSeconds());
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmazonDbContext>();
            var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
                ?? throw new AmazonSyncNotPossibleException("The account no longer exists.");
            seller = scope.ServiceProvider.GetRequiredService<AmazonSyncRunContextLoader>().Seller(account);
            after = account.FinancesWatermark
                ?? before.AddDays(-await scope.ServiceProvider.GetRequiredService<IAmazonHostSettings>().GetAsync(AmazonSettings.FirstSyncLookbackDays, cancellationToken));
        }

        if (after >= before)
        {
            return new AmazonFinanceImportResult(accountId, after, before, 0, 0, 0);
        }

        int pages = 0, seen = 0, added = 0;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var source = scope.ServiceProvider.GetServices<IAmazonFinanceSource>().FirstOrDefault(s => s.Api == seller.Api)
                ?? throw new AmazonConfigurationException($"This installation cannot import financial events of {seller.Api} accounts.");
            var page = await source.ListPostedAsync(seller, after, before, cancellationToken);
            while (true)
            {
                pages++;
                seen += page.Events.Count;
                added += await StoreAsync(accountId, page.Events, cancellationToken);
                if (page.NextToken is not { } next)
                {
                    break;
                }

                page = await source.ListNextAsync(seller, next, cancellationToken);
            }
        }

        // Every page is stored: only now does the watermark move, so a stopped import reads the whole window again.
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AmazonDbContext>().Accounts.Where(a => a.Id == accountId)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.FinancesWatermark, before), cancellationToken);
        }

        LogImported(logger, accountId, seen, added, pages);
        return new AmazonFinanceImportResult(accountId, after, before, pages, seen, added);
    }

    /// <summary>
    /// Imports a settlement report (flat file V2) whole or not at all: every bad row is reported with its line number and
    /// nothing is stored; else its events not stored yet (from an earlier file or the Finances API) are stored together.
    /// </summary>
    public async Task<(int EventsSeen, int EventsAdded, IReadOnlyList<AmazonSettlementProblem> Problems)> ImportSettlementAsync(int accountId, string content, CancellationToken cancellationToken)
    {
        var (events, problems) = AmazonSettlementReport.Parse(content);
        if (problems.Count > 0)
        {
            return (0, 0, problems);
        }

        var added = await StoreOnceAsync(accountId, events, AmazonFinancialEventSource.Settlement, cancellationToken);
        LogSettlement(logger, accountId, events.Count, added);
        return (events.Count, added, []);
    }

    /// <summary>
    /// The key that identifies <paramref name="e"/> wherever it is read from (the Finances API or a settlement report):
    /// its kind, order, posting time to the second (what a settlement report keeps) and its items' SKUs (what both name).
    /// </summary>
    public static string KeyOf(AmazonFinanceEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var items = string.Join(',', e.Items.Select(i => i.SellerSku ?? i.OrderItemId ?? i.OrderAdjustmentItemId ?? "").Order(StringComparer.Ordinal));
        var text = $"{e.Kind}|{e.AmazonOrderId}|{e.PostedDate.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z|{items}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Stores the events of a page not stored yet, in one unit of work; returns how many it added.</summary>
    private async Task<int> StoreAsync(int accountId, IReadOnlyList<AmazonFinanceEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return 0;
        }

        try
        {
            return await StoreOnceAsync(accountId, events, AmazonFinancialEventSource.Api, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another import of the account stored some of these meanwhile: what it stored is known now.
            return await StoreOnceAsync(accountId, events, AmazonFinancialEventSource.Api, cancellationToken);
        }
    }

    /// <summary>Stores the events not stored yet, all in one SaveChanges (one transaction); returns how many it added.</summary>
    private async Task<int> StoreOnceAsync(int accountId, IReadOnlyList<AmazonFinanceEvent> events, AmazonFinancialEventSource source, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AmazonDbContext>();
        var keyed = events.Select(e => (Key: KeyOf(e), Event: e)).DistinctBy(e => e.Key).ToList();
        var keys = keyed.Select(e => e.Key).ToList();
        var known = await db.FinancialEvents.Where(e => e.AccountId == accountId && keys.Contains(e.EventKey)).Select(e => e.EventKey).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var fresh = keyed.Where(e => !known.Contains(e.Key)).Select(e => ToEntity(accountId, e.Key, e.Event, now, source)).ToList();
        db.FinancialEvents.AddRange(fresh);
        await db.SaveChangesAsync(cancellationToken);
        return fresh.Count;
    }

    /// <summary>An event as stored, its sums by kind; an event without a currency is unreadable.</summary>
    public static AmazonFinancialEventEntity ToEntity(int accountId, string key, AmazonFinanceEvent e, DateTimeOffset importedOn, AmazonFinancialEventSource source = AmazonFinancialEventSource.Api)
    {
        ArgumentNullException.ThrowIfNull(e);
        var amounts = e.Items.SelectMany(i => i.Amounts.Select(a => (Item: i, Amount: a))).ToList();
        var currency = amounts.Select(a => a.Amount.Amount.CurrencyCode).Distinct(StringComparer.Ordinal).ToList() switch
        {
            [var only] => only,
            [] => throw new AmazonFormatException($"The {e.Kind} event of order {e.AmazonOrderId} has no amounts."),
            var several => throw new AmazonFormatException($"The {e.Kind} event of order {e.AmazonOrderId} mixes currencies ({string.Join(", ", several)})."),
        };
        decimal Sum(AmazonFinancialAmountKind kind) => amounts.Where(a => a.Amount.Kind == kind).Sum(a => a.Amount.Amount.Amount);
        return new AmazonFinancialEventEntity
        {
            AccountId = accountId,
            Kind = e.Kind,
            AmazonOrderId = e.AmazonOrderId,
            PostedDate = e.PostedDate,
            CurrencyCode = currency,
            Charges = Sum(AmazonFinancialAmountKind.Charge),
            Fees = Sum(AmazonFinancialAmountKind.Fee),
            Promotions = Sum(AmazonFinancialAmountKind.Promotion),
            TaxWithheld = Sum(AmazonFinancialAmountKind.TaxWithheld),
            Total = amounts.Sum(a => a.Amount.Amount.Amount),
            EventKey = key,
            Source = source,
            ImportedOn = importedOn,
            Amounts = [.. amounts.Select(a => new AmazonFinancialEventAmountEntity
            {
                OrderItemId = a.Item.OrderItemId ?? a.Item.OrderAdjustmentItemId,
                SellerSku = a.Item.SellerSku,
                Kind = a.Amount.Kind,
                Type = a.Amount.Type,
                Amount = a.Amount.Amount.Amount,
            })],
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement report for account {AccountId}: {Seen} events, {Added} new.")]
    private static partial void LogSettlement(ILogger logger, int accountId, int seen, int added);

    [LoggerMessage(Level = LogLevel.Information, Message = "Financial events of account {AccountId}: {Seen} read, {Added} new, {Pages} pages.")]
    private static partial void LogImported(ILogger logger, int accountId, int seen, int added, int pages);
}
