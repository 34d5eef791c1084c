using ErpAmazonModule.Accounts;
using ErpAmazonModule.DefaultProducts;
using ErpAmazonModule.Host.Data;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Offers;
using ErpAmazonModule.Persistence;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;

namespace ErpAmazonModule.Tests.Persistence;

/// <summary>One migration set per provider; each provider's model is proven on its own terms.</summary>
[TestClass]
public sealed class MigrationsTests
{
    private const string SqlServerConnection = "Server=unused;Database=erp;Trusted_Connection=True;TrustServerCertificate=True";
    private const string PostgreSqlConnection = "Host=unused;Database=erp";

    private static string OfflineConnection(AmazonDatabaseProvider provider) => provider switch
    {
        AmazonDatabaseProvider.Sqlite => "Data Source=:memory:",
        AmazonDatabaseProvider.SqlServer => SqlServerConnection,
        _ => PostgreSqlConnection,
    };

    private static readonly Dictionary<AmazonDatabaseProvider, string> ProviderNames = new()
    {
        [AmazonDatabaseProvider.Sqlite] = "Microsoft.EntityFrameworkCore.Sqlite",
        [AmazonDatabaseProvider.SqlServer] = "Microsoft.EntityFrameworkCore.SqlServer",
        [AmazonDatabaseProvider.PostgreSql] = "Npgsql.EntityFrameworkCore.PostgreSQL",
    };

    private static AmazonDbContext Context(AmazonDatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AmazonDbContext>();
        AmazonDatabase.Configure(options, provider, connectionString);
        return new AmazonDbContext(options.Options);
    }

    private static string NewSqliteFile() => Path.Combine(Path.GetTempPath(), "erp-amazon-tests", Guid.NewGuid().ToString("N") + ".db");

    [TestMethod]
    [DataRow(AmazonDatabaseProvider.Sqlite)]
    [DataRow(AmazonDatabaseProvider.SqlServer)]
    [DataRow(AmazonDatabaseProvider.PostgreSql)]
    public void Model_HasNoPendingChanges(AmazonDatabaseProvider provider)
    {
        using var db = Context(provider, OfflineConnection(provider));

        Assert.AreEqual(ProviderNames[provider], db.Database.ProviderName);
        Assert.IsFalse(db.Database.HasPendingModelChanges(), $"The {provider} model changed without a migration: dotnet ef migrations add <Name> --project migrations/{provider} --startup-project migrations/{provider} --output-dir Migrations");
    }

    [TestMethod]
    public void MigrationSets_HaveTheSameMigrationsUnderTheSameNames()
    {
        using var sqlite = Context(AmazonDatabaseProvider.Sqlite, "Data Source=:memory:");
        using var sqlServer = Context(AmazonDatabaseProvider.SqlServer, SqlServerConnection);
        using var postgreSql = Context(AmazonDatabaseProvider.PostgreSql, PostgreSqlConnection);

        var names = sqlite.Database.GetMigrations().ToList();
        Assert.IsTrue(names.Count > 0);
        CollectionAssert.AreEqual(names, sqlServer.Database.GetMigrations().ToList());
        CollectionAssert.AreEqual(names, postgreSql.Database.GetMigrations().ToList());
    }

    [TestMethod]
    [DataRow(AmazonDatabaseProvider.Sqlite)]
    [DataRow(AmazonDatabaseProvider.SqlServer)]
    [DataRow(AmazonDatabaseProvider.PostgreSql)]
    public void Model_EveryTableIsPrefixedAmazon(AmazonDatabaseProvider provider)
    {
        using var db = Context(provider, OfflineConnection(provider));
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Append(AmazonDatabase.MigrationsHistoryTable).ToList();

        Assert.IsTrue(tables.All(t => t.StartsWith("Amazon", StringComparison.Ordinal)), string.Join(", ", tables));
    }

    [TestMethod]
    public void Sqlite_MigrateEmptyDatabase_AppliesEveryMigrationAndCreatesTheTables()
    {
        var file = NewSqliteFile();
        using var db = Context(AmazonDatabaseProvider.Sqlite, $"Data Source={file}");

        db.Database.Migrate();

        CollectionAssert.AreEqual(db.Database.GetMigrations().ToList(), db.Database.GetAppliedMigrations().ToList());
        var tables = db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").ToList();
        // __EFMigrationsLock is EF Core's own lock, shared by every context that migrates this database.
        CollectionAssert.AreEquivalent(
            new[] { "AmazonAccounts", "AmazonAccountMarketplaces", "AmazonDefaultProducts", "AmazonMarketplaces", "AmazonMigrationsHistory", "AmazonOffers",
                "AmazonSyncRuns", "AmazonOrderLinks", "AmazonOrderItemLinks", "AmazonFinancialEvents", "AmazonFinancialEventAmounts", "AmazonReconciliations", "AmazonShipments", "AmazonShipmentLines", "AmazonShipmentFeeds", "AmazonAuditEntries", "AmazonDataPurges", "__EFMigrationsLock" },
            tables);
        SqliteConnection.ClearAllPools();
    }

    [TestMethod]
    public async Task Sqlite_RoundTripsEveryEntity()
    {
        var file = NewSqliteFile();
        var at = new DateTimeOffset(2026, 3, 27, 23, 59, 58, 123, TimeSpan.Zero).AddTicks(4567);
        await using (var db = Context(AmazonDatabaseProvider.Sqlite, $"Data Source={file}"))
        {
            await db.Database.MigrateAsync();
            var marketplace = new AmazonMarketplaceEntity { Name = "Amazon.se", CountryCode = "SE", Endpoint = "mws-eu.amazonservices.com", ApiIdentifier = "A2NODRKZP88ZB9", Region = AmazonRegion.EU, CurrencyCode = "SEK", PricesIncludeTax = true, IsBuiltIn = true };
            var account = new AmazonAccountEntity
            {
                Name = "Nordic shop",
                Api = AmazonApi.SellingPartner,
                Region = AmazonRegion.EU,
                SellerId = "A3SELLER0001",
                ProtectedAuthorizationToken = "CfDJ8-protected",
                AuthorizationTokenMask = "****abcd",
                CompanyId = "3",
                Salesperson = "Åsa Öberg",
                SalesTeam = "Nordics",
                SyncIntervalMinutes = 15,
                LastSyncWatermark = at,
                AuthorizedOn = at.AddYears(-1),
                AuthorizationExpiresOn = at,
                IsActive = false,
                CreatedOn = at,
                UpdatedOn = at,
                Version = Guid.NewGuid(),
                Marketplaces = [new AmazonAccountMarketplaceEntity { Marketplace = marketplace, IsActive = false }],
            };
            db.Accounts.Add(account);
            await db.SaveChangesAsync();
            db.Offers.Add(new AmazonOfferEntity { AccountId = account.Id, Sku = "SKU-ÅÄÖ-1", ProductId = "42", MarketplaceId = marketplace.Id, Origin = AmazonOfferOrigin.Automatic, CreatedOn = at, UpdatedOn = at, Version = Guid.NewGuid() });
            db.DefaultProducts.Add(new AmazonDefaultProductEntity { Kind = AmazonDefaultProductKind.GiftWrap, ProductId = null, UpdatedOn = at });
            await db.SaveChangesAsync();
        }

        await using (var db = Context(AmazonDatabaseProvider.Sqlite, $"Data Source={file}"))
        {
            var account = await db.Accounts.Include(a => a.Marketplaces).ThenInclude(am => am.Marketplace).SingleAsync();
            Assert.AreEqual(AmazonApi.SellingPartner, account.Api);
            Assert.AreEqual("Åsa Öberg", account.Salesperson);
            Assert.AreEqual(at, account.LastSyncWatermark);
            Assert.AreEqual(at.AddYears(-1), account.AuthorizedOn);
            Assert.IsFalse(account.IsActive);
            Assert.AreEqual("SEK", account.Marketplaces.Single().Marketplace!.CurrencyCode);
            Assert.IsFalse(account.Marketplaces.Single().IsActive);
            var offer = await db.Offers.SingleAsync();
            Assert.AreEqual("SKU-ÅÄÖ-1", offer.Sku);
            Assert.AreEqual(AmazonOfferOrigin.Automatic, offer.Origin);
            Assert.AreEqual(at, offer.CreatedOn);
            Assert.IsNull((await db.DefaultProducts.SingleAsync()).ProductId);
            Assert.AreEqual("42", offer.ProductId);
            Assert.AreEqual("3", account.CompanyId);
            Assert.AreEqual(1, await db.Offers.CountAsync(o => o.CreatedOn <= at && o.CreatedOn > at.AddTicks(-1)));
        }

        SqliteConnection.ClearAllPools();
    }

    [TestMethod]
    public async Task Sqlite_DuplicateSkuOnAnAccount_IsRejectedByTheDatabase()
    {
        var file = NewSqliteFile();
        await using var db = Context(AmazonDatabaseProvider.Sqlite, $"Data Source={file}");
        await db.Database.MigrateAsync();
        var account = new AmazonAccountEntity { Name = "a", SellerId = "A1B2C3D4E5", ProtectedAuthorizationToken = "p", AuthorizationTokenMask = "****" };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        db.Offers.Add(new AmazonOfferEntity { AccountId = account.Id, Sku = "S", ProductId = "1" });
        db.Offers.Add(new AmazonOfferEntity { AccountId = account.Id, Sku = "S", ProductId = "2" });

        await Assert.ThrowsExactlyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        SqliteConnection.ClearAllPools();
    }

    [TestMethod]
    [TestCategory("Contract")]
    public void SqlServer_IdempotentScript_MatchesTheCommittedCopy()
    {
        using var db = Context(AmazonDatabaseProvider.SqlServer, SqlServerConnection);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        StringAssert.Contains(script, "IF NOT EXISTS");
        StringAssert.Contains(script, "CREATE UNIQUE INDEX [IX_AmazonOffers_AccountId_Sku]");
        ContractFile.AssertText("migrations/SqlServer/migrations.sql", script);
    }

    [TestMethod]
    [TestCategory("Contract")]
    public void PostgreSql_IdempotentScript_MatchesTheCommittedCopy()
    {
        using var db = Context(AmazonDatabaseProvider.PostgreSql, PostgreSqlConnection);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        StringAssert.Contains(script, "CREATE UNIQUE INDEX \"IX_AmazonOffers_AccountId_Sku\"");
        ContractFile.AssertText("migrations/PostgreSql/migrations.sql", script);
    }

    [TestMethod]
    [TestCategory("PostgreSql")]
    public async Task PostgreSql_MigrateEmptyDatabase_ThenEveryEntityRoundTrips_AndASecondSkuIsRefused()
    {
        await using var db = Context(AmazonDatabaseProvider.PostgreSql, await PostgresCluster.NewDatabaseAsync());
        await db.Database.MigrateAsync();
        var at = new DateTimeOffset(2026, 11, 23, 9, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

        Assert.AreEqual(0, (await db.Database.GetPendingMigrationsAsync()).Count());
        var account = new AmazonAccountEntity
        {
            Name = "Nordic shop",
            SellerId = "A3SELLER0001",
            ProtectedAuthorizationToken = "p",
            AuthorizationTokenMask = "****",
            CompanyId = "company-7",
            Salesperson = "Åsa Öberg",
            LastSyncWatermark = at,
            CreatedOn = at,
            UpdatedOn = at,
            Version = Guid.NewGuid(),
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        db.Offers.Add(new AmazonOfferEntity { AccountId = account.Id, Sku = "SKU-ÅÄÖ-1", ProductId = "b3f9c0de-guid-like-key", CreatedOn = at, UpdatedOn = at, Version = Guid.NewGuid() });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var read = await db.Accounts.SingleAsync(a => a.Id == account.Id);
        Assert.AreEqual(("Åsa Öberg", "company-7"), (read.Salesperson, read.CompanyId));
        Assert.AreEqual(at.UtcTicks / 10 * 10, read.LastSyncWatermark!.Value.UtcTicks, "microseconds kept");
        Assert.AreEqual("b3f9c0de-guid-like-key", (await db.Offers.SingleAsync()).ProductId);
        db.Offers.Add(new AmazonOfferEntity { AccountId = account.Id, Sku = "SKU-ÅÄÖ-1", ProductId = "2" });
        await Assert.ThrowsExactlyAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [TestMethod]
    public void Host_EveryProviderModel_HasNoPendingChanges()
    {
        using var sqlite = new SqliteHostDbContext(new DbContextOptionsBuilder<SqliteHostDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var sqlServer = new SqlServerHostDbContext(new DbContextOptionsBuilder<SqlServerHostDbContext>().UseSqlServer(SqlServerConnection).Options);
        using var postgreSql = new PostgreSqlHostDbContext(new DbContextOptionsBuilder<PostgreSqlHostDbContext>().UseNpgsql(PostgreSqlConnection).Options);
        Assert.IsFalse(postgreSql.Database.HasPendingModelChanges(), "dotnet ef migrations add <Name> --project Module.Host --context PostgreSqlHostDbContext --output-dir Data/Migrations/PostgreSql");
        CollectionAssert.AreEqual(sqlite.Database.GetMigrations().ToList(), postgreSql.Database.GetMigrations().ToList());

        Assert.IsFalse(sqlite.Database.HasPendingModelChanges(), "dotnet ef migrations add <Name> --project Module.Host --context SqliteHostDbContext --output-dir Data/Migrations/Sqlite");
        Assert.IsFalse(sqlServer.Database.HasPendingModelChanges(), "dotnet ef migrations add <Name> --project Module.Host --context SqlServerHostDbContext --output-dir Data/Migrations/SqlServer");
    }

    [TestMethod]
    public void ReadProvider_UnknownValue_IsAnErrorNotAFallback()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [AmazonDatabase.ProviderKey] = "Postgres" }).Build();

        var error = Assert.ThrowsExactly<ErpAmazonModule.Amazon.AmazonConfigurationException>(() => AmazonDatabase.ReadProvider(configuration));
        StringAssert.Contains(error.Message, "'Postgres'; set it to one of Sqlite, SqlServer, PostgreSql");
    }
}
