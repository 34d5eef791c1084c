using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ErpAmazonModule.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without a host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AmazonDbContext>
{
    public AmazonDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AmazonDbContext>();
        AmazonDatabase.Configure(options, AmazonDatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new AmazonDbContext(options.Options);
    }
}
