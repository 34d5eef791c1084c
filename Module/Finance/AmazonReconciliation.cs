using ErpAmazonModule.Accounts;
using ErpAmazonModule.Amazon;
using ErpAmazonModule.Api;
using ErpAmazonModule.Hosting;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Finance;

/// <summary>Where an order's payment stands.</summary>
public enum AmazonReconciliationState
{
    /// <summary>Amazon paid what the ERP expects, to the cent.</summary>
    Matched,
    /// <summary>The difference was within the tolerance and written off.</summary>
    WrittenOff,
    /// <summary>For finance to look at: the difference is beyond the tolerance, or the order's tax looks wrong.</summary>
    NeedsReview,
    /// <summary>Amazon posted money for an order the ERP does not have.</summary>
    Unmatched,
}

/// <summary>An Amazon order's payment against what the ERP expects, as stored.</summary>
public sealed class AmazonReconciliationEntity
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public AmazonAccountEntity? Account { get; set; }
    public required string AmazonOrderId { get; set; }
    public string? SalesOrderId { get; set; }
    public required string CurrencyCode { get; set; }

    /// <summary>What the ERP expects: the sales order's total less what Amazon refunded.</summary>
    public decimal Expected { get; set; }

    /// <summary>What Amazon paid for the order: charges less promotions, refunds negative (fees apart).</summary>
    public decimal Paid { get; set; }

    /// <summary>Amazon's fees for the order (negative: kept from the payout).</summary>
    public decimal Fees { get; set; }

    /// <summary>Paid less expected.</summary>
    public decimal Difference { get; set; }
    public AmazonReconciliationState State { get; set; }

    /// <summary>Why the order needs review or is unmatched.</summary>
    public string? Reason { get; set; }

    /// <summary>The fees posted to the ERP so far (an expense amount), and the entries that posted them.</summary>
    public decimal FeesPosted { get; set; }
    public int FeeEntries { get; set; }
    public string? FeeEntryId { get; set; }

    /// <summary>What was written off so far (a loss positive), and the last entry that did.</summary>
    public decimal WrittenOff { get; set; }
    public int WriteOffEntries { get; set; }
    public string? WriteOffEntryId { get; set; }

    /// <summary>Who approved a write-off under review, when, and why.</summary>
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedOn { get; set; }
    public string? ApprovalComment { get; set; }
    public DateTimeOffset MatchedOn { get; set; }
}

internal sealed class AmazonReconciliationEntityConfiguration : IEntityTypeConfiguration<AmazonReconciliationEntity>
{
    public void Configure(EntityTypeBuilder<AmazonReconciliationEntity> builder)
    {
        builder.ToTable("AmazonReconciliations");
        builder.Property(r => r.AmazonOrderId).HasMaxLength(32);
        builder.Property(r => r.SalesOrderId).HasMaxLength(AmazonConnectorDefaults.HostIdMaxLength);
        builder.Property(r => r.CurrencyCode).HasMaxLength(3);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.FeeEntryId).HasMaxLength(AmazonConnectorDefaults.HostIdMaxLength);
        builder.Property(r => r.WriteOffEntryId).HasMaxLength(AmazonConnectorDefaults.HostIdMaxLength);
        builder.Property(r => r.ApprovedBy).HasMaxLength(128);
        builder.Property(r => r.ApprovalComment).HasMaxLength(1000);
        foreach (var amount in new[] { nameof(AmazonReconciliationEntity.Expected), nameof(AmazonReconciliationEntity.Paid), nameof(AmazonReconciliationEntity.Fees), nameof(AmazonReconciliationEntity.Difference), nameof(AmazonReconciliationEntity.FeesPosted), nameof(AmazonReconciliationEntity.WrittenOff) })
        {
            builder.Property(amount).HasPrecision(18, 4);
        }

        builder.HasIndex(r => new { r.AccountId, r.AmazonOrderId }).IsUnique();
        builder.HasIndex(r => new { r.State, r.AccountId });
        builder.HasOne(r => r.Account).WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>What a matching did.</summary>
public sealed record AmazonMatchingResult(int AccountId, int Orders, int Matched, int WrittenOff, int NeedsReview, int Unmatched);

/// <summary>
/// Matches an account's payments to its sales orders, one order at a time: what Amazon paid (charges less promotions,
/// refunds negative) against what the ERP expects (the sales order's total less the refunds); fees are posted apart
/// to the fees account; a difference within the tolerance is written off; beyond it, an order whose tax differs from
/// Amazon's by more than the threshold, or money for an order the ERP does not have, is listed with the reason.
/// Host postings carry a reference per order and step, so a matching repeated after a crash books nothing twice.
/// </summary>
public sealed partial class AmazonReconciliationService(IServiceScopeFactory scopes, TimeProvider time, ILogger<AmazonReconciliationService> logger)
{
    /// <summary>Matches every order of the account that has payments (again: an order refunded later is matched anew).</summary>
    public async Task<AmazonMatchingResult> MatchAsync(int accountId, CancellationToken cancellationToken)
    {
        List<string> orderIds;
        (decimal Tolerance, decimal Threshold, string WriteOffAccount, string FeesAccount) settings;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmazonDbContext>();
            orderIds = await db.FinancialEvents.Where(e => e.AccountId == accountId).Select(e => e.AmazonOrderId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
            var host = scope.ServiceProvider.GetRequiredService<IAmazonHostSettings>();
            settings = (await host.GetAsync(AmazonSettings.WriteOffTolerance, cancellationToken), await host.GetAsync(AmazonSettings.TaxDifferenceThreshold, cancellationToken),
                await host.GetAsync(AmazonSettings.WriteOffAccount, cancellationToken), await host.GetAsync(AmazonSettings.FeesAccount, cancellationToken));
        }

        var states = new List<AmazonReconciliationState>();
        foreach (var orderId in orderIds)
        {
            // One unit of work per order: a fresh scope, its own contexts.
            await using var scope = scopes.CreateAsyncScope();
            states.Add(await MatchOrderAsync(scope.ServiceProvider, accountId, orderId, settings, cancellationToken));
        }

        var result = new AmazonMatchingResult(accountId, states.Count, states.Count(s => s == AmazonReconciliationState.Matched), states.Count(s => s == AmazonReconciliationState.WrittenOff),
            states.Count(s => s == AmazonReconciliationState.NeedsReview), states.Count(s => s == AmazonReconciliationState.Unmatched));
        LogMatched(logger, accountId, result.Orders, result.Matched, result.WrittenOff, result.NeedsReview, result.Unmatched);
        return result;
    }

    private async Task<AmazonReconciliationState> MatchOrderAsync(IServiceProvider services, int accountId, string orderId,
        (decimal Tolerance, decimal Threshold, string WriteOffAccount, string FeesAccount) settings, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AmazonDbContext>();
        var accounting = services.GetRequiredService<IAmazonHostAccounting>();
        var events = await db.FinancialEvents.AsNoTracking().Where(e => e.AccountId == accountId && e.AmazonOrderId == orderId).ToListAsync(cancellationToken);
        var link = await db.OrderLinks.AsNoTracking().SingleOrDefaultAsync(l => l.AccountId == accountId && l.AmazonOrderId == orderId, cancellationToken);
        var reconciliation = await db.Reconciliations.SingleOrDefaultAsync(r => r.AccountId == accountId && r.AmazonOrderId == orderId, cancellationToken);
        if (reconciliation is null)
        {
            reconciliation = new AmazonReconciliationEntity { AccountId = accountId, AmazonOrderId = orderId, CurrencyCode = events[0].CurrencyCode };
            db.Reconciliations.Add(reconciliation);
        }

        var now = time.GetUtcNow();
        var refunded = events.Where(e => e.Kind == AmazonFinancialEventKind.Refund).Sum(e => e.Charges + e.Promotions);
        reconciliation.Paid = events.Sum(e => e.Charges + e.Promotions);
        reconciliation.Fees = events.Sum(e => e.Fees);
        reconciliation.SalesOrderId = link?.SalesOrderId;
        reconciliation.MatchedOn = now;
        if (link?.SalesOrderId is null)
        {
            reconciliation.Expected = 0;
            reconciliation.Difference = reconciliation.Paid;
            reconciliation.State = AmazonReconciliationState.Unmatched;
            reconciliation.Reason = $"Amazon posted payments for order {orderId}, which the ERP does not have (not synced yet, or not imported).";
            await db.SaveChangesAsync(cancellationToken);
            return reconciliation.State;
        }

        reconciliation.CurrencyCode = link.CurrencyCode ?? reconciliation.CurrencyCode;
        reconciliation.Expected = (link.ErpTotal ?? 0) + refunded;
        reconciliation.Difference = reconciliation.Paid - reconciliation.Expected;

        // Amazon's fees are an expense of their own: what is not posted yet is posted now (a refund gives some back).
        var feesToPost = -reconciliation.Fees - reconciliation.FeesPosted;
        if (feesToPost != 0)
        {
            var expense = feesToPost > 0;
            var amount = Math.Abs(feesToPost);
            reconciliation.FeeEntryId = await accounting.PostEntryAsync(new AmazonHostJournalEntry($"AMZ-FEES:{orderId}:{reconciliation.FeeEntries + 1}", reconciliation.CurrencyCode, now, link.SalesOrderId,
            [
                new(settings.FeesAccount, expense ? amount : 0, expense ? 0 : amount, "Amazon fees"),
                new(AmazonHostJournalEntry.Receivable, expense ? 0 : amount, expense ? amount : 0, "Kept by Amazon from the payout"),
            ]), cancellationToken);
            reconciliation.FeesPosted += feesToPost;
            reconciliation.FeeEntries++;
        }

        // What is left once earlier write-offs are counted (an order refunded later brings new money to match).
        var open = reconciliation.Difference + reconciliation.WrittenOff;
        var tax = Math.Abs(link.TaxDifference);
        (reconciliation.State, reconciliation.Reason) = open switch
        {
            _ when tax > settings.Threshold && reconciliation.ApprovedOn is null => (AmazonReconciliationState.NeedsReview,
                $"The ERP's tax differs from Amazon's by {link.TaxDifference} {reconciliation.CurrencyCode} (above {settings.Threshold}): check the order's fiscal position and product taxes."),
            0 => (reconciliation.WrittenOff == 0 ? AmazonReconciliationState.Matched : AmazonReconciliationState.WrittenOff, null),
            _ when Math.Abs(open) <= settings.Tolerance => (AmazonReconciliationState.WrittenOff, null),
            _ => (AmazonReconciliationState.NeedsReview,
                $"Amazon paid {reconciliation.Paid} {reconciliation.CurrencyCode}, the ERP expects {reconciliation.Expected}: {open} is left, above the tolerance of {settings.Tolerance}."),
        };
        if (reconciliation.State == AmazonReconciliationState.WrittenOff && open != 0)
        {
            await WriteOffAsync(accounting, reconciliation, open, settings.WriteOffAccount, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return reconciliation.State;
    }

    /// <summary>Writes <paramref name="open"/> off (a loss when Amazon paid less), under a reference of its own so a repeat books it once.</summary>
    internal static async Task WriteOffAsync(IAmazonHostAccounting accounting, AmazonReconciliationEntity reconciliation, decimal open, string account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        reconciliation.WriteOffEntryId = await accounting.PostWriteOffAsync(new AmazonHostWriteOff($"AMZ-WRITEOFF:{reconciliation.AmazonOrderId}:{reconciliation.WriteOffEntries + 1}",
            account, -open, reconciliation.CurrencyCode, now, reconciliation.SalesOrderId), cancellationToken);
        reconciliation.WrittenOff -= open;
        reconciliation.WriteOffEntries++;
    }

    /// <summary>
    /// Writes off what is left of an order under review, approved by <paramref name="user"/> with a comment (kept with
    /// the reconciliation); refused for an order that is not under review or the ERP does not have.
    /// </summary>
    public async Task<AmazonResult<AmazonReconciliationEntity>> ApproveAsync(int key, object? commentValue, string user, CancellationToken cancellationToken)
    {
        const string field = "Comment";
        if (commentValue is not string comment || string.IsNullOrWhiteSpace(comment) || comment.Length > 1000)
        {
            return AmazonProblem.Invalid(field, "is required: why the difference is written off (at most 1000 characters).");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AmazonDbContext>();
        var reconciliation = await db.Reconciliations.SingleOrDefaultAsync(r => r.Id == key, cancellationToken);
        if (reconciliation is null)
        {
            return AmazonProblem.NotFound("Reconciliations", key);
        }

        if (reconciliation.State != AmazonReconciliationState.NeedsReview || reconciliation.SalesOrderId is null)
        {
            return AmazonProblem.NotPossible($"Only an order under review that the ERP has can be approved; this one is {reconciliation.State}.");
        }

        var now = time.GetUtcNow();
        var open = reconciliation.Difference + reconciliation.WrittenOff;
        if (open != 0)
        {
            var account = await scope.ServiceProvider.GetRequiredService<IAmazonHostSettings>().GetAsync(AmazonSettings.WriteOffAccount, cancellationToken);
            await WriteOffAsync(scope.ServiceProvider.GetRequiredService<IAmazonHostAccounting>(), reconciliation, open, account, now, cancellationToken);
        }

        reconciliation.State = AmazonReconciliationState.WrittenOff;
        reconciliation.Reason = null;
        reconciliation.ApprovedBy = user;
        reconciliation.ApprovedOn = now;
        reconciliation.ApprovalComment = comment.Trim();
        await db.SaveChangesAsync(cancellationToken);
        LogApproved(logger, reconciliation.AccountId, reconciliation.AmazonOrderId, open, user);
        return reconciliation;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Write-off of {Amount} approved for account {AccountId}, order {AmazonOrderId}, by {User}.")]
    private static partial void LogApproved(ILogger logger, int accountId, string amazonOrderId, decimal amount, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payments of account {AccountId} matched: {Orders} orders, {Matched} matched, {WrittenOff} written off, {NeedsReview} for review, {Unmatched} unmatched.")]
    private static partial void LogMatched(ILogger logger, int accountId, int orders, int matched, int writtenOff, int needsReview, int unmatched);
}
