using System.Diagnostics;
using ErpAmazonModule.Finance;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Bench;

/// <summary>
/// After an import: the account's payments imported from the sandbox (every shipment and refund of the imported
/// orders) and matched to the sales orders, each phase timed, with the SQL statements per event and per order.
/// </summary>
public static class PaymentsScenario
{
    public static async Task<PaymentsResult> RunAsync(ImportScenario import, EfDiagnostics ef)
    {
        var services = import.Host.Services;
        var commands = ef.Commands;
        var clock = Stopwatch.StartNew();
        var imported = await services.GetRequiredService<AmazonFinanceImport>().RunAsync(import.AccountId, CancellationToken.None);
        var importSeconds = clock.Elapsed.TotalSeconds;
        var importCommands = ef.Commands - commands;

        commands = ef.Commands;
        clock.Restart();
        var matched = await services.GetRequiredService<AmazonReconciliationService>().MatchAsync(import.AccountId, CancellationToken.None);
        var matchSeconds = clock.Elapsed.TotalSeconds;
        var matchCommands = ef.Commands - commands;
        return new PaymentsResult(imported.EventsAdded, importSeconds, imported.EventsAdded / Math.Max(importSeconds, 1e-9), importCommands / (double)Math.Max(imported.EventsAdded, 1),
            matched.Orders, matchSeconds, matched.Orders / Math.Max(matchSeconds, 1e-9), matchCommands / (double)Math.Max(matched.Orders, 1),
            matched.Matched, matched.WrittenOff, matched.NeedsReview, matched.Unmatched);
    }
}
