using System.Text.Json;
using ErpAmazonModule.Bench;

namespace ErpAmazonModule.Tests.Bench;

/// <summary>The benchmark runs every scenario at a tiny size (so it cannot rot) and each measures what it promises.</summary>
[TestClass]
public sealed class BenchProgramTests
{
    [TestMethod]
    public async Task EveryScenario_AtATinySize_MeasuresWhatItPromises()
    {
        var work = Path.Combine(Path.GetTempPath(), "erp-amazon-tests", "bench-" + Guid.NewGuid().ToString("N"));
        var options = BenchOptions.Parse(["--tiny", "--work", work]);

        var report = await BenchProgram.RunAsync(options, _ => { });

        var import = report.Import!;
        Assert.AreEqual(options.Orders, import.OrdersSeen, "every generated order is read");
        Assert.IsTrue(import.Created > 0 && import.Failed == 0, $"{import.Created} created, {import.Failed} failed");
        Assert.IsTrue(import.SqlPerOrder > 1 && import.SaveChangesPerOrder >= 1, $"{import.SqlPerOrder} SQL, {import.SaveChangesPerOrder} SaveChanges per order");
        Assert.IsTrue(import.RequestsPerOrder is > 0.3 and < 2, $"{import.RequestsPerOrder} requests per order");
        Assert.IsTrue(import.PeakWorkingSetBytes > 0 && import.BytesAllocatedPerOrder > 0 && import.CpuMsPerOrder > 0 && import.P95Ms >= import.P50Ms);
        Assert.IsTrue(report.Floor!.Rows > import.Created && report.Floor.ImportOverFloor > 1, $"floor {report.Floor}");
        Assert.IsTrue(report.Payments!.Events > 0 && report.Payments.Orders > 0 && report.Payments.Matched > 0, $"payments {report.Payments}");
        Assert.IsTrue(report.Resync!.UnchangedRequests <= 1, $"an unchanged window is one ListOrders call at most (none within the same second): {report.Resync.UnchangedRequests}");
        Assert.IsTrue(report.Resync.FullRequestsPerOrder < 0.2, $"a full re-read fetches no items: {report.Resync.FullRequestsPerOrder}");
        Assert.AreEqual(0, report.Quota!.Throttled, "inside Amazon's quotas nothing is throttled");
        Assert.IsTrue(report.Quota.Requests > 0 && report.Quota.ShareOfMaximum is > 0 and <= 1);
        Assert.AreEqual(16, report.OData!.Queries.Count, "eight queries at one and at eight clients");
        Assert.IsTrue(report.OData.Queries.All(q => q.UsesIndexes), string.Join("\n", report.OData.Queries.Where(q => !q.UsesIndexes).Select(q => $"{q.Name}: {q.Plan}")));
        CollectionAssert.AreEqual(options.ScaleOrders, report.Scale!.Select(s => s.OrdersSeen).ToList(), "each size imported in its own process");

        var json = JsonSerializer.Serialize(report, BenchReport.Json);
        var read = JsonSerializer.Deserialize<BenchReport>(json, BenchReport.Json)!;
        Assert.AreEqual(Environment.ProcessorCount, read.Machine.Cores);
        Assert.IsTrue(read.Machine.MemoryBytes > 0 && read.Commit.Length > 0);
        StringAssert.Contains(report.ToTable(), "orders/s");
    }
}
