using ErpAmazonModule.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ErpAmazonModule.Migrations.SqlServer;

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model without a host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AmazonDbContext>
{
    public AmazonDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AmazonDbContext>();
        AmazonDatabase.Configure(options, AmazonDatabaseProvider.SqlServer, "Server=design-time;Database=erp;Trusted_Connection=True;TrustServerCertificate=True");
        return new AmazonDbContext(options.Options);
    }
}
