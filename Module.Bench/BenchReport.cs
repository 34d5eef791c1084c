using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ErpAmazonModule.Bench;

/// <summary>Everything one benchmark run measured, with the machine and the commit it ran on.</summary>
public sealed class BenchReport
{
    public required MachineInfo Machine { get; init; }
    public required string Commit { get; init; }
    public required DateTimeOffset RanAt { get; init; }
    public required bool Tiny { get; init; }
    public ImportResult? Import { get; set; }
    public FloorResult? Floor { get; set; }
    public ResyncResult? Resync { get; set; }
    public QuotaResult? Quota { get; set; }
    public PaymentsResult? Payments { get; set; }
    public ODataResult? OData { get; set; }
    public List<ImportResult>? Scale { get; set; }

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static BenchReport Start(bool tiny) => new() { Machine = MachineInfo.Read(), Commit = ReadCommit(), RanAt = DateTimeOffset.UtcNow, Tiny = tiny };

    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Cores} cores, {Machine.MemoryBytes / (1L << 30)} GiB, {Machine.Cpu}, {Machine.Os}, {Machine.Runtime}; commit {Commit}");
        if (Import is { } i)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"import   {i.OrdersSeen,7} orders ({i.Created} created, {i.Failed} failed) in {i.Seconds,6:0.0} s: {i.OrdersPerSecond,7:0} orders/s, {i.LinesPerSecond,7:0} lines/s, per order p50 {i.P50Ms:0.00} ms p95 {i.P95Ms:0.00} ms");
            text.AppendLine(CultureInfo.InvariantCulture, $"         {i.SqlPerOrder:0.00} SQL statements/order, {i.SaveChangesPerOrder:0.00} SaveChanges/order, {i.RequestsPerOrder:0.00} HTTP requests/order, {i.CpuMsPerOrder:0.00} ms CPU/order (module and host process)");
            text.AppendLine(CultureInfo.InvariantCulture, $"         peak working set {i.PeakWorkingSetBytes / 1048576.0:0} MiB, {i.BytesAllocatedPerOrder / 1024.0:0.0} KiB allocated/order");
        }

        if (Floor is { } f)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"floor    the same {f.Rows} rows with batched prepared INSERTs, a transaction per page: {f.Seconds:0.000} s ({f.OrdersPerSecond:0} orders/s); import/floor = {f.ImportOverFloor:0.0}x");
        }

        if (Resync is { } r)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"resync   unchanged window: {r.UnchangedRequests} requests in {r.UnchangedSeconds:0.000} s; full re-read of {r.FullOrdersSeen} orders: {r.FullRequestsPerOrder:0.000} requests/order, {r.FullOrdersPerSecond:0} orders/s");
        }

        if (Payments is { } p)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"payments {p.Events} financial events imported in {p.ImportSeconds:0.0} s ({p.EventsPerSecond:0} events/s, {p.SqlPerEvent:0.00} SQL/event); {p.Orders} orders matched in {p.MatchSeconds:0.0} s ({p.OrdersPerSecond:0} orders/s, {p.SqlPerOrder:0.00} SQL/order): {p.Matched} matched, {p.WrittenOff} written off, {p.NeedsReview} for review, {p.Unmatched} unmatched");
        }

        if (Quota is { } q)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"quota    {q.OrdersSeen} orders in {q.Seconds:0.0} s at time scale {q.TimeScale}: {q.Requests} {q.Operation} requests of {q.MaxRequests:0} possible ({q.ShareOfMaximum:P0} of the quota), {q.Throttled} throttled answers");
        }

        if (OData is { } o)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"odata    {o.Offers} offers over {o.Accounts} accounts, {o.Links} order links; {o.RequestsPerQuery} requests per query and concurrency");
            foreach (var query in o.Queries)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"         {query.Name,-22} x{query.Concurrency}: p50 {query.P50Ms,6:0.00} ms  p95 {query.P95Ms,6:0.00} ms  {query.BytesPerRequest / 1024.0,7:0.0} KiB/request  {(query.UsesIndexes ? "indexed" : "NOT INDEXED: " + query.Plan)}");
            }
        }

        foreach (var s in Scale ?? [])
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"scale    {s.OrdersSeen,7} orders (fresh process): {s.OrdersPerSecond,7:0} orders/s, {s.CpuMsPerOrder:0.00} ms CPU/order, {s.SqlPerOrder:0.00} SQL/order, peak working set {s.PeakWorkingSetBytes / 1048576.0:0} MiB, {s.BytesAllocatedPerOrder / 1024.0:0.0} KiB allocated/order");
        }

        return text.ToString();
    }

    private static string ReadCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "describe --always --dirty") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}

public sealed record MachineInfo(int Cores, long MemoryBytes, string Cpu, string Os, string Runtime)
{
    public static MachineInfo Read()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : RuntimeInformation.ProcessArchitecture.ToString();
        return new MachineInfo(Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, cpu, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
    }
}

public sealed record ImportResult(
    int OrdersSeen, int Created, int Failed, int Lines, double Seconds, double OrdersPerSecond, double LinesPerSecond, double P50Ms, double P95Ms,
    double SqlPerOrder, double SaveChangesPerOrder, double RequestsPerOrder, long PeakWorkingSetBytes, double BytesAllocatedPerOrder, double CpuMsPerOrder);

public sealed record FloorResult(long Rows, double Seconds, double OrdersPerSecond, double ImportOverFloor);

public sealed record ResyncResult(long UnchangedRequests, double UnchangedSeconds, int FullOrdersSeen, double FullRequestsPerOrder, double FullOrdersPerSecond);

/// <summary>Payments imported and matched after an import.</summary>
public sealed record PaymentsResult(int Events, double ImportSeconds, double EventsPerSecond, double SqlPerEvent, int Orders, double MatchSeconds, double OrdersPerSecond, double SqlPerOrder,
    int Matched, int WrittenOff, int NeedsReview, int Unmatched);

/// <summary>The quota-bound run: requests of the binding operation against what its usage plan allowed in the time.</summary>
public sealed record QuotaResult(int OrdersSeen, double Seconds, double TimeScale, string Operation, long Requests, double MaxRequests, double ShareOfMaximum, long Throttled);

public sealed record ODataResult(int Offers, int Accounts, int Links, int RequestsPerQuery, List<QueryResult> Queries);

public sealed record QueryResult(string Name, string Example, int Concurrency, double P50Ms, double P95Ms, double BytesPerRequest, bool UsesIndexes, string Plan, string Sql);

/// <summary>Percentiles of a sample (nearest rank).</summary>
public static class Percentile
{
    public static double Of(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
