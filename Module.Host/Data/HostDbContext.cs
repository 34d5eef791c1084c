using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ErpAmazonModule.Host.Data;

/// <summary>The reference ERP's own tables.</summary>
public abstract class HostDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Tax> Taxes => Set<Tax>();
    public DbSet<FiscalPosition> FiscalPositions => Set<FiscalPosition>();
    public DbSet<FiscalPositionTaxMap> FiscalPositionTaxMaps => Set<FiscalPositionTaxMap>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<SalesOrder> SalesOrders => Set<SalesOrder>();
    public DbSet<SalesOrderLine> SalesOrderLines => Set<SalesOrderLine>();
    public DbSet<StockLocation> StockLocations => Set<StockLocation>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<StockMove> StockMoves => Set<StockMove>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Setting> Settings => Set<Setting>();

    /// <summary>The host's Data Protection key ring (the module's account tokens are protected with it too).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Table EF records the host's applied migrations in.</summary>
    public const string MigrationsHistoryTable = "HostMigrationsHistory";

    /// <summary>Configures the provider the configuration names, with the matching context type's migrations.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        var provider = HostDatabase.ReadProvider(configuration);
        var connectionString = HostDatabase.ReadConnectionString(configuration);
        if (provider == HostDatabaseProvider.SqlServer)
        {
            services.AddDbContextPool<HostDbContext, SqlServerHostDbContext>(o => o.UseSqlServer(connectionString, s => s.MigrationsHistoryTable(MigrationsHistoryTable)));
        }
        else if (provider == HostDatabaseProvider.PostgreSql)
        {
            services.AddDbContextPool<HostDbContext, PostgreSqlHostDbContext>(o => o.UseNpgsql(connectionString, s => s.MigrationsHistoryTable(MigrationsHistoryTable)));
        }
        else
        {
            // Registered as an EF Core interceptor, the policy applies to the module's context as well.
            services.AddSingleton<HostSqliteConnections>();
            services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<HostSqliteConnections>());
            services.AddDbContextPool<HostDbContext, SqliteHostDbContext>((sp, o) => o
                .UseSqlite(connectionString, s => s.MigrationsHistoryTable(MigrationsHistoryTable))
                .AddInterceptors(sp.GetRequiredService<HostSqliteConnections>()));
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<HostUtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>(b =>
        {
            b.HasIndex(p => p.InternalReference).IsUnique();
            b.Property(p => p.InternalReference).HasMaxLength(64);
            b.Property(p => p.Name).HasMaxLength(256);
            b.HasMany(p => p.Taxes).WithMany().UsingEntity(j => j.ToTable("ProductTaxes"));
        });
        modelBuilder.Entity<Tax>(b =>
        {
            b.Property(t => t.Name).HasMaxLength(128);
            b.Property(t => t.CountryCode).HasMaxLength(2);
        });
        modelBuilder.Entity<FiscalPosition>(b =>
        {
            b.Property(f => f.Name).HasMaxLength(128);
            b.Property(f => f.Scope).HasConversion<string>().HasMaxLength(16);
            b.HasMany(f => f.TaxMaps).WithOne().HasForeignKey(m => m.FiscalPositionId);
        });
        modelBuilder.Entity<Partner>(b =>
        {
            b.HasMany(p => p.Children).WithOne().HasForeignKey(p => p.ParentId);
            // Customers are found by e-mail, or (Amazon gives no e-mail for some orders) by name among those without one,
            // always among partners without a parent or an anonymous scope: every column the lookups compare for
            // equality is in the key, so SQLite takes this index rather than the parent's (without statistics it rates
            // "ParentId IS NULL" as selective, and scanned every customer per order).
            b.HasIndex(p => new { p.Email, p.ParentId, p.AnonymousScope, p.Name });
            // Bounded so the index fits SQL Server's key size (e-mail addresses end at 320 characters).
            b.Property(p => p.Email).HasMaxLength(320);
            b.Property(p => p.Name).HasMaxLength(256);
            b.Property(p => p.AnonymousScope).HasMaxLength(128);
            b.HasIndex(p => p.AnonymousScope);
        });
        modelBuilder.Entity<JournalEntry>(b =>
        {
            b.Property(e => e.Reference).HasMaxLength(128);
            b.Property(e => e.CurrencyCode).HasMaxLength(3);
            // A reference is booked once (the module repeats a posting it could not record after a crash).
            b.HasIndex(e => e.Reference).IsUnique();
        });
        modelBuilder.Entity<Notification>(b =>
        {
            b.Property(n => n.Key).HasMaxLength(200);
            b.HasIndex(n => n.Key).IsUnique();
            b.Property(n => n.Severity).HasMaxLength(16);
            b.Property(n => n.Title).HasMaxLength(200);
            b.Property(n => n.Message).HasMaxLength(2000);
            b.Property(n => n.Permission).HasMaxLength(64);
        });
        modelBuilder.Entity<JournalLine>(b =>
        {
            b.ToTable("JournalLines");
            b.Property(l => l.AccountCode).HasMaxLength(32);
            b.Property(l => l.Label).HasMaxLength(256);
        });
        modelBuilder.Entity<SalesOrder>(b =>
        {
            b.HasIndex(o => o.Name).IsUnique();
            // An origin and a client reference identify one order: a second one cannot be created, even by a race.
            b.HasIndex(o => new { o.Origin, o.ClientReference }).IsUnique();
            b.Property(o => o.Origin).HasMaxLength(64);
            b.Property(o => o.ClientReference).HasMaxLength(64);
            b.Property(o => o.State).HasConversion<string>().HasMaxLength(16);
            b.Property(o => o.CurrencyCode).HasMaxLength(3);
            b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.SalesOrderId);
        });
        modelBuilder.Entity<SalesOrderLine>().HasIndex(l => new { l.SalesOrderId, l.ExternalLineId }).IsUnique();
        modelBuilder.Entity<StockLocation>().HasIndex(l => l.Code).IsUnique();
        modelBuilder.Entity<Delivery>(b =>
        {
            b.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
            // A sales order's deliveries are looked up by it (no foreign key: SQLite could only add one by rebuilding the table).
            b.HasIndex(d => d.SalesOrderId);
            // Validated deliveries are read in the order they were validated (the connector's shipment confirmations).
            b.HasIndex(d => d.ValidatedOn);
            b.Property(d => d.Carrier).HasMaxLength(64);
            b.Property(d => d.ShippingMethod).HasMaxLength(64);
            b.Property(d => d.TrackingNumber).HasMaxLength(64);
            b.HasMany(d => d.Moves).WithOne().HasForeignKey(m => m.DeliveryId);
        });
        modelBuilder.Entity<Setting>().HasKey(s => s.Key);
    }
}

/// <summary>The host's context on SQLite (its own migrations set).</summary>
public sealed class SqliteHostDbContext(DbContextOptions<SqliteHostDbContext> options) : HostDbContext(options);

/// <summary>The host's context on SQL Server (its own migrations set).</summary>
public sealed class SqlServerHostDbContext(DbContextOptions<SqlServerHostDbContext> options) : HostDbContext(options);

/// <summary>The host's context on PostgreSQL (its own migrations set).</summary>
public sealed class PostgreSqlHostDbContext(DbContextOptions<PostgreSqlHostDbContext> options) : HostDbContext(options);

internal sealed class SqliteHostDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHostDbContext>
{
    public SqliteHostDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHostDbContext>().UseSqlite("Data Source=design-time.db", s => s.MigrationsHistoryTable(MigrationsHistoryTable)).Options);

    private const string MigrationsHistoryTable = HostDbContext.MigrationsHistoryTable;
}

internal sealed class SqlServerHostDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerHostDbContext>
{
    public SqlServerHostDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerHostDbContext>().UseSqlServer("Server=design-time;Database=erp;Trusted_Connection=True;TrustServerCertificate=True", s => s.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable)).Options);
}

internal sealed class PostgreSqlHostDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlHostDbContext>
{
    public PostgreSqlHostDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlHostDbContext>().UseNpgsql("Host=127.0.0.1;Database=design_time", s => s.MigrationsHistoryTable(HostDbContext.MigrationsHistoryTable)).Options);
}
