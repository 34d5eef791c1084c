using System.Globalization;

namespace ErpAmazonModule.Bench;

/// <summary>What to run and how big; every scenario can run alone and be sized.</summary>
public sealed class BenchOptions
{
    public static readonly string[] AllScenarios = ["import", "floor", "payments", "resync", "quota", "odata", "scale"];

    public List<string> Scenarios { get; private set; } = [.. AllScenarios];
    public int Orders { get; private set; } = 20_000;
    public int QuotaOrders { get; private set; } = 2_000;

    /// <summary>The Selling Partner API with Orders API 2026-01-01 (what new accounts use).</summary>
    public const string SellingPartner2026 = "SellingPartner";

    /// <summary>The Selling Partner API with Orders v0.</summary>
    public const string SellingPartnerV0 = "SellingPartnerV0";

    /// <summary>The transport the import, floor, resync, quota and scale scenarios sync through: <c>Mws</c>, <c>SellingPartner</c> (Orders API 2026-01-01) or <c>SellingPartnerV0</c>.</summary>
    public string Api { get; private set; } = "Mws";
    public double QuotaTimeScale { get; private set; } = 100;
    public int Offers { get; private set; } = 200_000;
    public int Accounts { get; private set; } = 1_000;
    public int Links { get; private set; } = 100_000;
    public int Requests { get; private set; } = 200;
    public List<int> ScaleOrders { get; private set; } = [20_000, 100_000];
    public string? JsonPath { get; private set; }
    public string WorkDirectory { get; private set; } = Path.Combine(Path.GetTempPath(), "erp-amazon-bench");

    /// <summary>Every scenario at a size that takes seconds (what CI runs so the benchmark cannot rot).</summary>
    public bool Tiny { get; private set; }

    public static string Usage => """
        dotnet run -c Release --project Module.Bench -- [options]
          --scenario a,b,...   import, floor, payments, resync, quota, odata, scale (default: all; floor, payments and resync follow an import)
          --orders N           orders imported by import/floor/resync (default 20000)
          --quota-orders N     orders of the quota-bound run (default 2000)
          --api A              Mws, SellingPartner (Orders API 2026-01-01) or SellingPartnerV0: the transport the imports use (default Mws)
          --quota-scale X      the sandbox's and the client's quota time scale (default 100)
          --offers N           offers for the OData scenario (default 200000)
          --accounts N         accounts the offers belong to (default 1000)
          --links N            order links for the OData scenario (default 100000)
          --requests N         requests per OData query and concurrency (default 200)
          --scale a,b          import sizes measured in fresh processes (default 20000,100000)
          --json PATH          where the JSON goes (default artifacts/bench/bench-<time>.json)
          --work DIR           databases and logs (default the temp folder)
          --tiny               every scenario at a tiny size
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a whole number above 0.");
            switch (args[i])
            {
                case "--scenario":
                    options.Scenarios = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    if (options.Scenarios.FirstOrDefault(s => !AllScenarios.Contains(s)) is { } unknown)
                    {
                        throw new ArgumentException($"Unknown scenario '{unknown}'; expected {string.Join(", ", AllScenarios)}.");
                    }

                    break;
                case "--orders": options.Orders = Int(); break;
                case "--quota-orders": options.QuotaOrders = Int(); break;
                case "--api":
                    options.Api = Value();
                    if (options.Api is not ("Mws" or SellingPartner2026 or SellingPartnerV0))
                    {
                        throw new ArgumentException($"--api is Mws, {SellingPartner2026} or {SellingPartnerV0}.");
                    }

                    break;
                case "--quota-scale": options.QuotaTimeScale = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= 1 ? x : throw new ArgumentException("--quota-scale needs a number of at least 1."); break;
                case "--offers": options.Offers = Int(); break;
                case "--accounts": options.Accounts = Int(); break;
                case "--links": options.Links = Int(); break;
                case "--requests": options.Requests = Int(); break;
                case "--scale": options.ScaleOrders = Value().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList(); break;
                case "--json": options.JsonPath = Value(); break;
                case "--work": options.WorkDirectory = Value(); break;
                case "--tiny":
                    options.Tiny = true;
                    (options.Orders, options.QuotaOrders, options.QuotaTimeScale, options.Offers, options.Accounts, options.Links, options.Requests, options.ScaleOrders) =
                        (80, 40, 2000, 2_000, 20, 1_000, 20, [60, 120]);
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }

        return options;
    }
}
