using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace ErpAmazonModule.Host.Api;

/// <summary>The reference ERP's read-only OData model at <c>/odata/host</c>.</summary>
public static class HostEdmModel
{
    public const string RoutePrefix = "odata/host";
    public const int PageSize = 100;
    public const int MaxTop = 1000;

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = "ErpAmazonModule.Host", ContainerName = "Erp" };
        builder.EntitySet<SalesOrder>("SalesOrders");
        builder.EntitySet<Product>("Products");
        builder.EntitySet<Partner>("Partners");
        builder.EntitySet<Tax>("Taxes");
        builder.EntitySet<FiscalPosition>("FiscalPositions");
        builder.EntitySet<JournalEntry>("JournalEntries");
        builder.EntitySet<Delivery>("Deliveries");
        builder.EntitySet<Notification>("Notifications");
        return builder.GetEdmModel();
    }
}
