namespace ErpAmazonModule;

/// <summary>The module's identity: ids, routes, job ids, permission and setting names in one place.</summary>
public static class AmazonConnectorDefaults
{
    /// <summary>The module id declared in <c>module.manifest.json</c>.</summary>
    public const string ModuleId = "erp.amazon";

    /// <summary>Route prefix of the module's OData API.</summary>
    public const string RoutePrefix = "odata/amazon";

    /// <summary>Configuration section the module's options are bound from.</summary>
    public const string ConfigurationSection = "AmazonConnector";

    /// <summary>Prefix of every database table the module owns (it shares the host's database).</summary>
    public const string TablePrefix = "Amazon";

    /// <summary>Longest id of a host record (product, sales order, company) the module stores: ids are the host's, opaque strings.</summary>
    public const int HostIdMaxLength = 64;

    /// <summary>Longest Amazon endpoint URL an account remembers.</summary>
    public const int EndpointMaxLength = 256;

    /// <summary>Data Protection purpose for secrets stored on accounts.</summary>
    public const string SecretProtectionPurpose = "ErpAmazonModule.AccountSecrets.v1";

    /// <summary>Permission names; each is also the name of an authorization policy.</summary>
    public static class Permissions
    {
        /// <summary>Read the module's data: accounts (masked), marketplaces, offers, default products.</summary>
        public const string Read = "amazon.data.read";

        /// <summary>Create, re-pair and delete offers; choose default products.</summary>
        public const string ManageOffers = "amazon.offers.manage";

        /// <summary>Administer seller accounts and marketplaces.</summary>
        public const string ManageAccounts = "amazon.accounts.manage";

        /// <summary>Finance: read and import Amazon's payments, match them to the orders, approve write-offs.</summary>
        public const string Finance = "amazon.finance";

        /// <summary>Shipments: read the confirmations sent to Amazon, send them now, retry failed or incomplete ones.</summary>
        public const string Shipments = "amazon.shipments";
    }

    /// <summary>Ids of the recurring jobs the module registers with the host's Hangfire.</summary>
    public static class Jobs
    {
        /// <summary>Restores default products that disappeared from the host.</summary>
        public const string EnsureDefaultProducts = "amazon:default-products";

        /// <summary>Every minute: queues the order sync of each account whose interval has elapsed.</summary>
        public const string QueueDueSyncs = "amazon:orders-due";

        /// <summary>Every hour: warns when a seller's authorization ends within 30 or 7 days.</summary>
        public const string AuthorizationWarnings = "amazon:authorization-warnings";

        /// <summary>Every six hours: imports and matches the payments of each active account.</summary>
        public const string ImportPayments = "amazon:payments";

        /// <summary>Prefix of the per-account cron jobs of earlier versions, removed at install.</summary>
        public const string LegacyOrdersPrefix = "amazon:orders:";

        /// <summary>Every five minutes: reads the ERP's validated deliveries and confirms them to Amazon.</summary>
        public const string ConfirmShipments = "amazon:shipments";

        /// <summary>Daily: erases the buyer data of orders shipped longer ago than the retention, deletes old audit entries.</summary>
        public const string DataProtection = "amazon:data-protection";

        /// <summary>Prefix of the per-account shipment sender locks.</summary>
        public const string ShipmentsLockPrefix = "amazon:shipments-lock:";

        /// <summary>Prefix of the per-account sync locks.</summary>
        public const string OrdersLockPrefix = "amazon:orders-lock:";
    }
}
