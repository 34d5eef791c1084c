using System.Diagnostics;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ErpAmazonModule.Tests.Persistence;

/// <summary>The module's SQL stops when the request it serves is gone (the caller's token fires), not minutes later.</summary>
[TestClass]
public sealed class QueryCancellationTests
{
    // Counts to 300 million in SQL: many seconds of a core, unless it is interrupted.
    private const string LongQuery = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) SELECT count(*) AS \"Value\" FROM c";

    [TestMethod]
    public void OnSqlite_AQueryRunningWhenItsRequestIsAborted_IsInterrupted_AndTheNextQueryRuns()
    {
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "erp-amazon-tests"));
        using var db = Context(AmazonDatabaseProvider.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N") + ".db")}");
        AssertInterrupted(db, LongQuery);
    }

    [TestMethod]
    [TestCategory("PostgreSql")]
    public async Task OnPostgreSql_AQueryRunningWhenItsRequestIsAborted_IsCancelled_AndTheNextQueryRuns()
    {
        using var db = Context(AmazonDatabaseProvider.PostgreSql, await PostgresCluster.NewDatabaseAsync());
        AssertInterrupted(db, "SELECT count(*) AS \"Value\" FROM generate_series(1, 20) AS s, LATERAL (SELECT pg_sleep(1)) AS p");
    }

    private static AmazonDbContext Context(AmazonDatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AmazonDbContext>();
        AmazonDatabase.Configure(options, provider, connectionString).AddInterceptors(new AmazonQueryCancellation());
        return new AmazonDbContext(options.Options);
    }

    private static void AssertInterrupted(AmazonDbContext db, string longQuery)
    {
        // Warm: the model is built and the connection open before the request's clock starts.
        Assert.AreEqual(1L, db.Database.SqlQueryRaw<long>("SELECT 1 AS \"Value\"").ToList().Single());
        using var aborted = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        using (AmazonQueryCancellation.For(aborted.Token))
        {
            aborted.CancelAfter(TimeSpan.FromMilliseconds(300));
            // Enumerated without a token of its own, as OData enumerates an entity set's query.
            var failure = Assert.Throws<Exception>(() => db.Database.SqlQueryRaw<long>(longQuery).ToList());
            // The provider says it its own way (SQLite "interrupted", PostgreSQL 57014 "canceling statement", or the
            // cancellation itself, possibly wrapped): what proves it is that the query did not run its course.
            var chain = new List<Exception>();
            for (var e = failure; e is not null; e = e.InnerException)
            {
                chain.Add(e);
            }

            Assert.IsTrue(chain.Any(e => e is OperationCanceledException or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 9 } or Npgsql.PostgresException { SqlState: "57014" }),
                failure.ToString());
        }

        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopped after {watch.Elapsed}");
        Assert.AreEqual(1L, db.Database.SqlQueryRaw<long>("SELECT 1 AS \"Value\"").ToList().Single(), "outside the request nothing is cancelled");
    }

    [TestMethod]
    public void AQueryOfARequestAlreadyGone_DoesNotStart()
    {
        using var db = Context(AmazonDatabaseProvider.Sqlite, "Data Source=:memory:");
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();
        using (AmazonQueryCancellation.For(aborted.Token))
        {
            Assert.ThrowsExactly<OperationCanceledException>(() => db.Database.SqlQueryRaw<long>(LongQuery).ToList());
        }
    }
}
