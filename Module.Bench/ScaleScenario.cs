using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ErpAmazonModule.Bench;

/// <summary>Imports of growing size, each in a fresh process (so peak working set is the import's own).</summary>
public static class ScaleScenario
{
    public static async Task<List<ImportResult>> RunAsync(IEnumerable<int> sizes, string workDirectory, string api)
    {
        var results = new List<ImportResult>();
        foreach (var size in sizes)
        {
            var json = Path.Combine(workDirectory, $"scale-{size}-{Guid.NewGuid():N}.json");
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Environment.CurrentDirectory };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ErpAmazonModule.Bench.dll"), "--scenario", "import", "--orders", size.ToString(CultureInfo.InvariantCulture), "--json", json, "--work", workDirectory, "--api", api })
            {
                start.ArgumentList.Add(arg);
            }

            using var child = Process.Start(start) ?? throw new InvalidOperationException("The scale run did not start.");
            await child.WaitForExitAsync();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException($"The scale run of {size} orders failed (exit code {child.ExitCode}).");
            }

            var report = JsonSerializer.Deserialize<BenchReport>(await File.ReadAllTextAsync(json), BenchReport.Json)!;
            results.Add(report.Import!);
        }

        return results;
    }
}
