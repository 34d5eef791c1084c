using ErpAmazonModule.Amazon;
using ErpAmazonModule.Api;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Sync;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Routing.Attributes;
using Microsoft.EntityFrameworkCore;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Finance;

/// <summary>Imports an account's payments on demand and says what came of it.</summary>
public sealed class AmazonFinanceService(AmazonDbContext db, AmazonFinanceImport import)
{
    /// <summary>Imports the financial events of account <paramref name="accountIdValue"/> posted since its last import.</summary>
    public async Task<AmazonResult<AmazonFinanceImportResult>> ImportAsync(object? accountIdValue, CancellationToken cancellationToken)
    {
        const string field = "AccountId";
        if (accountIdValue is not int accountId || accountId <= 0)
        {
            return AmazonProblem.Invalid(field, "is required: the id of the account whose payments to import.");
        }

        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return AmazonProblem.NotFound($"No account has the id {accountId}.", field);
        }

        try
        {
            return await import.RunAsync(accountId, cancellationToken);
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

/// <summary><c>/odata/amazon/FinancialEvents</c>: the shipments and refunds Amazon posted (read-only), and the import of payments.</summary>
[ODataRouteComponent(AmazonConnectorDefaults.RoutePrefix)]
[Authorize(Policy = Permissions.Finance)]
public sealed class FinancialEventsController(AmazonDbContext db, AmazonApiMapper mapper, AmazonFinanceService finance) : AmazonODataController
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
            AccountId = r.AccountId,
            PostedAfter = r.PostedAfter,
            PostedBefore = r.PostedBefore,
            Pages = r.Pages,
            EventsSeen = r.EventsSeen,
            EventsAdded = r.EventsAdded,
        }));
}
