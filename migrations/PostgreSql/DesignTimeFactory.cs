using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ErpAmazonModule.Migrations.PostgreSql;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AmazonDbContext>
{
    public AmazonDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AmazonDbContext>();
        AmazonDatabase.Configure(options, AmazonDatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=design_time");
        return new AmazonDbContext(options.Options);
    }
}
