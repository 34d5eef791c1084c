using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using ErpAmazonModule.Accounts;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Offers;
using ErpAmazonModule.Security;
using ErpAmazonModule.Sync;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ErpAmazonModule.Bench;

/// <summary>
/// Integrators' queries over HTTP against a large database: offers over many accounts and order links, at 1 and 8
/// concurrent clients; each query's SQL is checked against SQLite's query plan for a table scan or a sort without an index.
/// </summary>
public static partial class ODataScenario
{
    public static async Task<ODataResult> RunAsync(string workDirectory, int offers, int accounts, int links, int requests, EfDiagnostics ef)
    {
        var folder = Path.Combine(workDirectory, $"odata-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");
        await using var host = new BenchHost(Path.Combine(folder, "erp.db"), null, clientThrottling: false, 1);
        host.StartServer();
        var data = await SeedAsync(host, offers, accounts, links);
        using var api = host.Api();
        var random = new Random(20261130);
        var queries = new (string Name, Func<string> Url)[]
        {
            ("offer by key", () => $"/odata/amazon/Offers({data.OfferIds[random.Next(data.OfferIds.Count)]})"),
            ("offer by SKU", () => $"/odata/amazon/Offers?$filter=Sku eq '{data.Skus[random.Next(data.Skus.Count)]}'"),
            ("SKU prefix, 100", () => $"/odata/amazon/Offers?$filter=startswith(Sku,'{data.Skus[random.Next(data.Skus.Count)][..2]}')&$orderby=Sku&$top=100"),
            ("page of 100 by SKU", () => $"/odata/amazon/Offers?$orderby=Sku&$top=100&$skip={random.Next(0, 10) * 100}"),
            ("$count=true, 100", () => "/odata/amazon/Offers?$count=true&$top=100"),
            ("deep $skip", () => $"/odata/amazon/Offers?$orderby=Sku&$top=100&$skip={Math.Max(0, offers * 3 / 4)}"),
            ("account marketplaces", () => $"/odata/amazon/Accounts({data.AccountIds[random.Next(data.AccountIds.Count)]})?$expand=AvailableMarketplaces,ActiveMarketplaces"),
            ("link by order id", () => $"/odata/amazon/OrderLinks?$filter=AmazonOrderId eq '{data.OrderIds[random.Next(data.OrderIds.Count)]}'"),
        };

        var results = new List<QueryResult>();
        foreach (var (name, url) in queries)
        {
            for (var i = 0; i < 5; i++)
            {
                await GetAsync(api, url());
            }

            ef.StartCapture();
            var example = url();
            await GetAsync(api, example);
            var captured = ef.StopCapture();
            var (indexed, plan) = await PlanAsync(host.DatabasePath, captured);
            var sql = string.Join(";\n", captured.Select(c => c.Sql));
            foreach (var concurrency in new[] { 1, 8 })
            {
                var latencies = new ConcurrentBag<double>();
                var urls = Enumerable.Range(0, requests).Select(_ => url()).ToList();
                GC.Collect();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (u, _) =>
                {
                    var clock = Stopwatch.StartNew();
                    await GetAsync(api, u);
                    latencies.Add(clock.Elapsed.TotalMilliseconds);
                });
                var bytes = (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / requests;
                results.Add(new QueryResult(name, example, concurrency, Percentile.Of([.. latencies], 50), Percentile.Of([.. latencies], 95), bytes, indexed, plan, sql));
            }
        }

        return new ODataResult(offers, accounts, links, requests, results);
    }

    private static async Task GetAsync(HttpClient api, string url)
    {
        using var response = await api.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>Every table the query reads is searched through an index (a scan of a whole table, or a sort SQLite has to do itself, is reported).</summary>
    private static async Task<(bool Indexed, string Plan)> PlanAsync(string database, IReadOnlyList<CapturedCommand> commands)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        var problems = new List<string>();
        var details = new List<string>();
        foreach (var command in commands.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)))
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
            foreach (var (name, value) in command.Parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            await using var reader = await explain.ExecuteReaderAsync();
            var plan = new List<string>();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }

            details.AddRange(plan);
            // Two scans are what an index would do anyway: counting a whole table, and walking the table (its rowid key
            // is its index) in key order up to a LIMIT. A sort is a problem only on top of a scan: sorting the few rows
            // an index found is not.
            var scans = plan.Where(d => !d.Contains("USING", StringComparison.Ordinal)).Select(d => FullScan().Match(d)).Where(m => m.Success).Select(m => m.Groups[1].Value)
                .Where(alias => !CountAll().IsMatch(command.Sql)
                    && !(command.Sql.Contains($"ORDER BY \"{alias}\".\"Id\"", StringComparison.Ordinal) && command.Sql.Contains("LIMIT", StringComparison.Ordinal)))
                .ToList();
            problems.AddRange(plan.Where(d => scans.Any(alias => d.StartsWith("SCAN " + alias, StringComparison.Ordinal))));
            if (scans.Count > 0)
            {
                problems.AddRange(plan.Where(d => d.Contains("TEMP B-TREE", StringComparison.Ordinal)));
            }
        }

        return problems.Count == 0 ? (true, string.Join("; ", details)) : (false, string.Join("; ", problems));
    }

    [GeneratedRegex(@"^\s*SELECT COUNT\(\*\)\s+FROM ""\w+"" AS ""\w+""\s*$")]
    private static partial Regex CountAll();

    // A scan of a table (not of a constant row or a json_each virtual table of parameters).
    [GeneratedRegex(@"^SCAN (?!CONSTANT ROW)(?!json_each)(\w+)")]
    private static partial Regex FullScan();

    /// <summary>Writes <paramref name="count"/> rows made by <paramref name="row"/>, 10,000 to a context.</summary>
    private static async Task InsertAsync<T>(BenchHost host, int count, Func<int, T> row) where T : class
    {
        for (var start = 0; start < count; start += 10_000)
        {
            var chunk = Enumerable.Range(start, Math.Min(10_000, count - start)).Select(row).ToList();
            await host.WithModuleDbAsync(async db =>
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.Set<T>().AddRange(chunk);
                return await db.SaveChangesAsync();
            });
        }
    }

    private sealed record Seeded(List<int> AccountIds, List<int> OfferIds, List<string> Skus, List<string> OrderIds);

    private static async Task<Seeded> SeedAsync(BenchHost host, int offers, int accounts, int links)
    {
        var protector = host.Services.GetRequiredService<AmazonSecretProtector>();
        var token = protector.Protect("amzn.mws.00000000-0000-4000-8000-00000000b001");
        var random = new Random(20261123);
        var now = DateTimeOffset.UtcNow;
        var marketplaces = await host.WithModuleDbAsync(db => db.Marketplaces.Where(m => m.Region == AmazonRegion.EU && !m.SpApiOnly).OrderBy(m => m.Id).Select(m => m.Id).Take(6).ToListAsync());
        var accountIds = new List<int>();
        await host.WithModuleDbAsync(async db =>
        {
            var rows = Enumerable.Range(0, accounts).Select(a => new AmazonAccountEntity
            {
                Name = $"Seller {a:D5}",
                Api = AmazonApi.Mws,
                Region = AmazonRegion.EU,
                SellerId = $"A{a:D12}X",
                ProtectedAuthorizationToken = token,
                AuthorizationTokenMask = "****b001",
                SyncIntervalMinutes = 30,
                IsActive = false,
                CreatedOn = now,
                UpdatedOn = now,
                Version = Guid.NewGuid(),
                Marketplaces = marketplaces.Select((m, i) => new AmazonAccountMarketplaceEntity { MarketplaceId = m, IsActive = i % 3 != 2 }).ToList(),
            }).ToList();
            db.Accounts.AddRange(rows);
            await db.SaveChangesAsync();
            accountIds.AddRange(rows.Select(r => r.Id));
            return 0;
        });

        var skus = new List<string>(offers);
        await InsertAsync(host, offers, n =>
        {
            var sku = $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}-{random.Next(100_000, 999_999)}-{n:D6}";
            skus.Add(sku);
            return new AmazonOfferEntity
            {
                AccountId = accountIds[n % accountIds.Count],
                Sku = sku,
                ProductId = (1 + random.Next(10)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Origin = n % 4 == 0 ? AmazonOfferOrigin.Manual : AmazonOfferOrigin.Automatic,
                CreatedOn = now.AddMinutes(-n),
                UpdatedOn = now,
                Version = Guid.NewGuid(),
            };
        });

        var orderIds = new List<string>(links);
        await InsertAsync(host, links, n =>
        {
            var id = $"3{n % 10}{random.Next(10)}-{random.Next(1_000_000, 9_999_999)}-{n:D7}";
            orderIds.Add(id);
            return new AmazonOrderLinkEntity
            {
                AccountId = accountIds[n % accountIds.Count],
                AmazonOrderId = id,
                MarketplaceId = "A1PA6795UKMFR9",
                State = AmazonOrderLinkState.Imported,
                AmazonTotal = 10 + n % 500,
                ErpTotal = 10 + n % 500,
                CurrencyCode = "EUR",
                PurchaseDate = now.AddMinutes(-n),
                LastUpdateDate = now.AddMinutes(-n),
                UpdatedOn = now,
            };
        });

        var offerIds = await host.WithModuleDbAsync(db => db.Offers.Select(o => o.Id).ToListAsync());
        return new Seeded(accountIds, offerIds, skus, orderIds);
    }
}
