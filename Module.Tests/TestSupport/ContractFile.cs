using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ErpAmazonModule.Tests.TestSupport;

/// <summary>
/// Compares generated contracts (OpenAPI, $metadata, SQL) with their committed copies after normalising
/// what carries no meaning (line endings, indentation, a BOM, JSON property order). With UPDATE_CONTRACTS=1 it
/// rewrites the committed copy instead, so a reviewer sees the change as a diff.
/// </summary>
public static class ContractFile
{
    public const string UpdateVariable = "UPDATE_CONTRACTS";
    private const string UpdateCommand = "UPDATE_CONTRACTS=1 dotnet test Module.Tests --filter TestCategory=Contract";

    public static void AssertJson(string relativePath, string generated) => AssertSame(relativePath, generated, NormalizeJson);

    /// <summary>Like <see cref="AssertJson"/>, but an update writes the generated text as it is (its property order kept for readers).</summary>
    public static void AssertJsonAsWritten(string relativePath, string generated) => AssertSame(relativePath, generated, NormalizeJson, writeAsGenerated: true);

    public static void AssertXml(string relativePath, string generated) => AssertSame(relativePath, generated, text => XDocument.Parse(text).ToString(SaveOptions.None));

    public static void AssertText(string relativePath, string generated) => AssertSame(relativePath, generated, NormalizeText);

    private static void AssertSame(string relativePath, string generated, Func<string, string> normalize, bool writeAsGenerated = false)
    {
        var path = Repository.PathOf(relativePath.Split('/'));
        var expected = normalize(generated);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, (writeAsGenerated ? generated : expected) + "\n");
            return;
        }

        Assert.IsTrue(File.Exists(path), $"{relativePath} is missing. Create it with: {UpdateCommand}");
        var committed = normalize(File.ReadAllText(path));
        if (committed != expected)
        {
            var line = FirstDifferentLine(committed, expected);
            Assert.Fail($"{relativePath} no longer matches what the code generates (first difference at line {line.Number}:\n  committed: {line.Committed}\n  generated: {line.Generated}).\nIf the change is intended, update it with: {UpdateCommand}");
        }
    }

    private static string NormalizeText(string text) =>
        string.Join("\n", text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim();

    private static string NormalizeJson(string text) =>
        Sort(JsonNode.Parse(text.TrimStart('\uFEFF')))?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(i => Sort(i?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };

    private static (int Number, string Committed, string Generated) FirstDifferentLine(string committed, string generated)
    {
        var left = committed.Split('\n');
        var right = generated.Split('\n');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var l = i < left.Length ? left[i] : "<end>";
            var r = i < right.Length ? right[i] : "<end>";
            if (l != r)
            {
                return (i + 1, l.Trim(), r.Trim());
            }
        }

        return (0, "", "");
    }
}
