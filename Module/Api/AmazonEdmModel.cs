using ErpAmazonModule.Accounts;
using ErpAmazonModule.DefaultProducts;
using ErpAmazonModule.Marketplaces;
using ErpAmazonModule.Offers;
using ErpAmazonModule.Sync;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace ErpAmazonModule.Api;

/// <summary>The EDM served at <c>/odata/amazon</c>.</summary>
public static class AmazonEdmModel
{
    /// <summary>Largest <c>$top</c> accepted.</summary>
    public const int MaxTop = 1000;

    /// <summary>Server-side page size; larger results carry <c>@odata.nextLink</c>.</summary>
    public const int PageSize = 100;

    /// <summary>Builds the model.</summary>
    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = "ErpAmazonModule", ContainerName = "AmazonConnector" };

        var accounts = builder.EntitySet<AmazonAccount>("Accounts");
        accounts.EntityType.Property(a => a.Version).IsConcurrencyToken();
        var changeMarketplace = new[]
        {
            accounts.EntityType.Action("ActivateMarketplace"),
            accounts.EntityType.Action("DeactivateMarketplace"),
        };
        foreach (var action in changeMarketplace)
        {
            action.Parameter<int>("MarketplaceId").Required();
            action.ReturnsCollectionFromEntitySet<AmazonMarketplace>("Marketplaces");
        }

        accounts.EntityType.Action("UpdateMarketplaces").ReturnsCollectionFromEntitySet<AmazonMarketplace>("Marketplaces");
        accounts.EntityType.Action("SyncOrders").ReturnsFromEntitySet<AmazonSyncRun>("SyncRuns");
        var recover = accounts.EntityType.Action("RecoverOrder");
        recover.Parameter<string>("AmazonOrderId").Required();
        recover.ReturnsFromEntitySet<AmazonOrderLink>("OrderLinks");
        var runs = builder.EntitySet<AmazonSyncRun>("SyncRuns");
        runs.HasOptionalBinding(r => r.Account, "Accounts");
        var links = builder.EntitySet<AmazonOrderLink>("OrderLinks");
        links.HasOptionalBinding(l => l.Account, "Accounts");
        var marketplaces = builder.EntitySet<AmazonMarketplace>("Marketplaces");

        var offers = builder.EntitySet<AmazonOffer>("Offers");
        offers.EntityType.Property(o => o.Version).IsConcurrencyToken();

        var financialEvents = builder.EntitySet<ErpAmazonModule.Finance.AmazonFinancialEvent>("FinancialEvents");
        builder.ComplexType<ErpAmazonModule.Finance.AmazonFinancialEventAmount>();
        var import = financialEvents.EntityType.Collection.Action("Import");
        import.Parameter<int>("AccountId").Required();
        import.Returns<ErpAmazonModule.Finance.AmazonPaymentsImport>();
        var settlement = financialEvents.EntityType.Collection.Action("ImportSettlement");
        settlement.Parameter<int>("AccountId").Required();
        settlement.Parameter<string>("Content").Required();
        settlement.Returns<ErpAmazonModule.Finance.AmazonPaymentsImport>();
        var reconciliations = builder.EntitySet<ErpAmazonModule.Finance.AmazonReconciliation>("Reconciliations");
        var match = reconciliations.EntityType.Collection.Action("Match");
        match.Parameter<int>("AccountId").Required();
        match.Returns<ErpAmazonModule.Finance.AmazonPaymentsMatching>();
        var approve = reconciliations.EntityType.Action("ApproveWriteOff");
        approve.Parameter<string>("Comment").Required();
        approve.ReturnsFromEntitySet<ErpAmazonModule.Finance.AmazonReconciliation>("Reconciliations");

        var shipments = builder.EntitySet<ErpAmazonModule.Shipments.AmazonShipment>("Shipments");
        builder.ComplexType<ErpAmazonModule.Shipments.AmazonShipmentLine>();
        var send = shipments.EntityType.Collection.Action("Send");
        send.Parameter<int>("AccountId").Required();
        send.Returns<ErpAmazonModule.Shipments.AmazonShipmentsSent>();
        var retry = shipments.EntityType.Action("Retry");
        retry.Parameter<string>("Carrier").Optional();
        retry.Parameter<string>("ShippingMethod").Optional();
        retry.Parameter<string>("TrackingNumber").Optional();
        retry.ReturnsFromEntitySet<ErpAmazonModule.Shipments.AmazonShipment>("Shipments");

        var audit = builder.EntitySet<ErpAmazonModule.Compliance.AmazonAuditEntry>("AuditEntries");
        var profile = builder.Singleton<ErpAmazonModule.Compliance.AmazonDeveloperProfile>("DeveloperProfile");
        profile.EntityType.HasKey(p => p.Id);
        builder.ComplexType<ErpAmazonModule.Compliance.AmazonProfileAnswer>();

        var defaultProducts = builder.EntitySet<AmazonDefaultProduct>("DefaultProducts");
        defaultProducts.EntityType.HasKey(d => d.Kind);

        // The query options every entity set allows live in the model, so they hold whatever the host's global OData settings.
        AllowQueries(accounts.EntityType);
        AllowQueries(runs.EntityType);
        AllowQueries(links.EntityType);
        AllowQueries(marketplaces.EntityType);
        AllowQueries(offers.EntityType);
        AllowQueries(defaultProducts.EntityType);
        AllowQueries(financialEvents.EntityType);
        AllowQueries(reconciliations.EntityType);
        AllowQueries(shipments.EntityType);
        AllowQueries(audit.EntityType);

        // Collections navigations are served from the same sets, so $expand and entity ids resolve.
        accounts.HasManyBinding(a => a.AvailableMarketplaces, "Marketplaces");
        accounts.HasManyBinding(a => a.ActiveMarketplaces, "Marketplaces");
        offers.HasOptionalBinding(o => o.Account, "Accounts");
        offers.HasOptionalBinding(o => o.Marketplace, "Marketplaces");

        return builder.GetEdmModel();
    }

    private static void AllowQueries<T>(EntityTypeConfiguration<T> type) where T : class =>
        type.Filter().OrderBy().Select().Expand(SelectExpandType.Allowed, 1).Count().Page(MaxTop, PageSize);
}
