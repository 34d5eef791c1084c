using ErpAmazonModule.Amazon;
using ErpAmazonModule.Api;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Sync;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Finance;

/// <summary>Imports an account's payments on demand and says what came of it.</summary>
public sealed class AmazonFinanceService(AmazonDbContext db, AmazonFinanceImport import, AmazonReconciliationService matching)
{
    /// <summary>Imports the financial events of account <paramref name="accountIdValue"/> posted since its last import.</summary>
    public async Task<AmazonResult<(AmazonFinanceImportResult Import, AmazonMatchingResult Matching)>> ImportAsync(object? accountIdValue, CancellationToken cancellationToken)
    {
        if (await Accounts.AmazonAccountsService.AccountIdProblemAsync(db, accountIdValue, cancellationToken) is { } wrong)
        {
            return wrong;
        }

        var accountId = (int)accountIdValue!;

        try
        {
            var imported = await import.RunAsync(accountId, cancellationToken);
            return (imported, await matching.MatchAsync(accountId, cancellationToken));
        }
        catch (AmazonSyncNotPossibleException e)
        {
            return AmazonProblem.NotPossible(e.Message);
        }
        catch (Exception e) when (AmazonErrors.Classify(e) is AmazonErrorKind.Transient)
        {
            return new AmazonProblem(AmazonOutcome.AmazonUnavailable, "AmazonUnavailable", $"{AmazonErrors.Describe(e)} What was imported is kept; import again later.", []);
        }
        catch (Exception e) when (AmazonErrors.Classify(e) is { } kind)
        {
            return AmazonProblem.NotPossible($"{AmazonErrors.Describe(e)}{(kind == AmazonErrorKind.Unauthorized ? " The seller's authorization was refused; save a new token on the account." : "")}");
        }
    }
}

/// <summary>Imports settlement report files, whole or not at all.</summary>
public sealed class AmazonSettlementService(AmazonDbContext db, AmazonFinanceImport import, AmazonReconciliationService matching)
{
    /// <summary>The largest report accepted through the API (the module's request limit is 1 MiB).</summary>
    public const int MaxContentLength = 1_000_000;

    /// <summary>Imports <paramref name="contentValue"/> (a settlement report, flat file V2) for account <paramref name="accountIdValue"/>, then matches.</summary>
    public async Task<AmazonResult<(int Seen, int Added, AmazonMatchingResult Matching)>> ImportAsync(object? accountIdValue, object? contentValue, CancellationToken cancellationToken)
    {
        if (await Accounts.AmazonAccountsService.AccountIdProblemAsync(db, accountIdValue, cancellationToken) is { } wrong)
        {
            return wrong;
        }

        var accountId = (int)accountIdValue!;
        if (contentValue is not string content || string.IsNullOrWhiteSpace(content) || content.Length > MaxContentLength)
        {
            return AmazonProblem.Invalid("Content", $"is required: the settlement report's text (tab-separated, flat file V2), at most {MaxContentLength} characters.");
        }

        var (seen, added, problems) = await import.ImportSettlementAsync(accountId, content, cancellationToken);
        if (problems.Count > 0)
        {
            // Whole or not at all: nothing was stored; every bad row is named.
            return AmazonProblem.Invalid([.. problems.Take(100).Select(p => new AmazonFieldError("Content", $"line {p.Line}: {p.Reason}"))]);
        }

        return (seen, added, await matching.MatchAsync(accountId, cancellationToken));
    }
}

/// <summary><c>/odata/amazon/FinancialEvents</c>: the shipments and refunds Amazon posted (read-only), and the import of payments.</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Finance)]
public sealed class FinancialEventsController(AmazonDbContext db, AmazonApiMapper mapper, AmazonFinanceService finance, AmazonSettlementService settlements) : AmazonODataController
{
    /// <summary>Lists events.</summary>
    [AmazonEnableQuery]
    public IQueryable<AmazonFinancialEvent> Get() => db.FinancialEvents.Project<AmazonFinancialEvent>(mapper, Request);

    /// <summary>One event.</summary>
    [AmazonEnableQuery]
    [ProducesResponseType<AmazonFinancialEvent>(StatusCodes.Status200OK)]
    public Task<IActionResult> Get(int key, CancellationToken cancellationToken) =>
        SingleOrNotFoundAsync(db.FinancialEvents.Where(e => e.Id == key).Project<AmazonFinancialEvent>(mapper, Request), "FinancialEvents", key, cancellationToken);

    /// <summary>Imports the account's events posted since its last import (<c>{"AccountId": 1}</c>); an event already stored is not stored again.</summary>
    [HttpPost]
    [ProducesResponseType<AmazonPaymentsImport>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Import(ODataActionParameters parameters, CancellationToken cancellationToken) =>
        Answer(await finance.ImportAsync(parameters?.GetValueOrDefault("AccountId"), cancellationToken), r => Ok(new AmazonPaymentsImport
        {
            AccountId = r.Import.AccountId,
            PostedAfter = r.Import.PostedAfter,
            PostedBefore = r.Import.PostedBefore,
            Pages = r.Import.Pages,
            EventsSeen = r.Import.EventsSeen,
            EventsAdded = r.Import.EventsAdded,
            Matching = Matching(r.Matching),
        }));

    /// <summary>
    /// Imports a settlement report (<c>{"AccountId": 1, "Content": "settlement-id\tsettlement-start-date..."}</c>) whole
    /// or not at all: a bad row is a 400 naming its line, and nothing is stored; events already stored are not stored again.
    /// </summary>
    [HttpPost]
    [ProducesResponseType<AmazonPaymentsImport>(StatusCodes.Status200OK)]
    public async Task<IActionResult> ImportSettlement(ODataActionParameters parameters, CancellationToken cancellationToken) =>
        Answer(await settlements.ImportAsync(parameters?.GetValueOrDefault("AccountId"), parameters?.GetValueOrDefault("Content"), cancellationToken), r => Ok(new AmazonPaymentsImport
        {
            AccountId = r.Matching.AccountId,
            EventsSeen = r.Seen,
            EventsAdded = r.Added,
            Matching = Matching(r.Matching),
        }));

    internal static AmazonPaymentsMatching Matching(AmazonMatchingResult m) => new()
    {
        AccountId = m.AccountId,
        Orders = m.Orders,
        Matched = m.Matched,
        WrittenOff = m.WrittenOff,
        NeedsReview = m.NeedsReview,
        Unmatched = m.Unmatched,
    };
}

/// <summary><c>/odata/amazon/Reconciliations</c>: each Amazon order's payment against the ERP (read-only), matching again, and approving a write-off.</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Finance)]
public sealed class ReconciliationsController(AmazonDbContext db, AmazonApiMapper mapper, AmazonReconciliationService matching) : AmazonODataController
{
    /// <summary>Lists reconciliations.</summary>
    [AmazonEnableQuery]
    public IQueryable<AmazonReconciliation> Get() => db.Reconciliations.Project<AmazonReconciliation>(mapper, Request);

    /// <summary>One reconciliation.</summary>
    [AmazonEnableQuery]
    [ProducesResponseType<AmazonReconciliation>(StatusCodes.Status200OK)]
    public Task<IActionResult> Get(int key, CancellationToken cancellationToken) =>
        SingleOrNotFoundAsync(db.Reconciliations.Where(r => r.Id == key).Project<AmazonReconciliation>(mapper, Request), "Reconciliations", key, cancellationToken);

    /// <summary>Matches the account's payments again (<c>{"AccountId": 1}</c>).</summary>
    [HttpPost]
    [ProducesResponseType<AmazonPaymentsMatching>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Match(ODataActionParameters parameters, CancellationToken cancellationToken)
    {
        var accountId = parameters?.GetValueOrDefault("AccountId");
        return await Accounts.AmazonAccountsService.AccountIdProblemAsync(db, accountId, cancellationToken) is { } wrong
            ? Error(wrong)
            : Ok(FinancialEventsController.Matching(await matching.MatchAsync((int)accountId!, cancellationToken)));
    }

    /// <summary>Approves writing off what is left of an order under review (<c>{"Comment": "..."}</c>); the approver and comment are kept.</summary>
    [HttpPost]
    [ProducesResponseType<AmazonReconciliation>(StatusCodes.Status200OK)]
    public async Task<IActionResult> ApproveWriteOff(int key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        Answer(await matching.ApproveAsync(key, parameters?.GetValueOrDefault("Comment"), User.Identity?.Name ?? "unknown", cancellationToken), r => Ok(mapper.Map<AmazonReconciliation>(r)));
}
