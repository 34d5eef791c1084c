using System.Diagnostics;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpAmazonModule.Tests.TestSupport;

namespace ErpAmazonModule.Tests.Docs;

/// <summary>
/// Every request the README and the API page show is run, as printed, with curl against the demo as it stands after
/// its first sync (the reference host on a real socket, the demo's sync on start, the sandbox's seeded sellers), and
/// each answer is checked against the claim printed under it (<c># → status text</c>). The documentation cannot drift.
/// </summary>
[TestClass]
public sealed partial class DocumentedRequestsTests
{
    private const string DemoAddress = "http://localhost:5080";

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task EveryRequestOfTheReadmeAndTheApiPage_AnswersAsDocumented()
    {
        using var demo = new ErpHostFactory(kestrel: true, realTimeScale: 60, orders: 120, settings: new Dictionary<string, string?>
        {
            ["Sandbox:Enabled"] = "true",
            ["Demo:SyncOnStart"] = "true",
            ["Hangfire:Server:Enabled"] = "true",
        });
        var admin = demo.Client();
        await WaitForTheDemoSyncAsync(admin);
        var address = demo.ServerAddress.ToString().TrimEnd('/');

        var failures = new List<string>();
        var executed = 0;
        foreach (var document in new[] { "README.md", "docs/api.md" })
        {
            var blocks = RequestBlocks(File.ReadAllText(Repository.PathOf(document.Split('/')))).ToList();
            Assert.IsNotEmpty(blocks, $"{document} shows no request");
            foreach (var block in blocks)
            {
                foreach (var (request, expected, answer) in await RunAsync(block, address))
                {
                    executed++;
                    if (answer is null)
                    {
                        failures.Add($"{document}: no answer to {request}");
                    }
                    else if (answer.Value.Status != expected.Status || !Readable(answer.Value.Body).Contains(expected.Text, StringComparison.Ordinal))
                    {
                        failures.Add($"{document}: {request}\n  claims {expected.Status} {expected.Text}\n  got    {answer.Value.Status} {Readable(answer.Value.Body)}");
                    }
                }
            }
        }

        Assert.IsEmpty(failures, string.Join("\n\n", failures));
        Assert.IsGreaterThan(10, executed);
    }

    private static async Task WaitForTheDemoSyncAsync(HttpClient admin)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var runs = await admin.GetAsync("/odata/amazon/SyncRuns?$filter=State eq 'Succeeded'").ExpectAsync(HttpStatusCode.OK);
            if (runs["value"]!.AsArray().Count > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The demo's first sync did not finish within a minute.");
    }

    /// <summary>A shell block with requests: its lines (continuations joined) and, for each request, the claim under it.</summary>
    private sealed record Block(IReadOnlyList<string> Lines);

    private static IEnumerable<Block> RequestBlocks(string markdown)
    {
        foreach (Match block in ShellBlock().Matches(markdown))
        {
            var text = block.Groups[1].Value.Replace("\\\n", " ", StringComparison.Ordinal);
            var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            if (lines.Any(l => l.StartsWith("curl ", StringComparison.Ordinal) && l.Contains(DemoAddress, StringComparison.Ordinal) || l.Contains("$B", StringComparison.Ordinal)))
            {
                yield return new Block(lines);
            }
        }
    }

    private static async Task<List<(string Request, (int Status, string Text) Expected, (int Status, string Body)? Answer)>> RunAsync(Block block, string address)
    {
        var script = new List<string> { "set -u" };
        var requests = new List<(string Request, (int, string) Expected)>();
        for (var i = 0; i < block.Lines.Count; i++)
        {
            var line = block.Lines[i];
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (!line.StartsWith("curl ", StringComparison.Ordinal))
            {
                script.Add(line.Replace(DemoAddress, address, StringComparison.Ordinal));
                continue;
            }

            var claim = i + 1 < block.Lines.Count ? Claim().Match(block.Lines[i + 1]) : Match.Empty;
            Assert.IsTrue(claim.Success, $"every request is followed by the answer it should get (# → status text): {line}");
            var n = requests.Count;
            requests.Add((line, (int.Parse(claim.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), claim.Groups[2].Value.Trim())));
            script.Add($"printf '\\n@@REQUEST {n}@@\\n'; curl -sS -w '\\n@@STATUS %{{http_code}}@@\\n' {line["curl ".Length..].Replace(DemoAddress, address, StringComparison.Ordinal)}");
        }

        var output = await BashAsync(string.Join('\n', script));
        var answers = Answer().Matches(output).ToDictionary(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            m => (int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value));
        return requests.Select((r, n) => (r.Request, r.Expected, answers.TryGetValue(n, out var a) ? a : ((int, string)?)null)).ToList();
    }

    private static async Task<string> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output + await errors;
    }

    // JSON written with escapes ("Amazon\u0027s") is compared as a reader sees it.
    private static string Readable(string body)
    {
        try
        {
            return JsonNode.Parse(body)?.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex("^# → (\\d{3})(.*)$")]
    private static partial Regex Claim();

    [GeneratedRegex("@@REQUEST (\\d+)@@\\n(.*?)\\n@@STATUS (\\d{3})@@", RegexOptions.Singleline)]
    private static partial Regex Answer();
}
