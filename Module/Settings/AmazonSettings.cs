using ErpAmazonModule.Hosting;
using Permissions = ErpAmazonModule.AmazonConnectorDefaults.Permissions;

namespace ErpAmazonModule.Settings;

/// <summary>Every setting of the module. <c>module.manifest.json</c>'s settings are generated from this list (a test holds them equal).</summary>
public static class AmazonSettings
{
    public static readonly AmazonBoolSetting Enabled = new("erp.amazon.enabled", true,
        "Switches the module on or off without a restart: off, its endpoints answer 404 and its recurring jobs are removed.");

    public static readonly AmazonIntSetting SyncIntervalMinutes = new("erp.amazon.sync_interval_minutes", 30, 5, 1440,
        "Minutes between two scheduled order syncs of an account that does not set its own interval.", Permissions.ManageAccounts);

    public static readonly AmazonTextSetting SaleProductReference = new("erp.amazon.default_products.sale_reference", "AMAZON-SALE", 64,
        "Internal reference of the 'Amazon Sale' product used for SKUs without a matching product; created when missing.", Permissions.ManageOffers);

    public static readonly AmazonTextSetting ShippingProductReference = new("erp.amazon.default_products.shipping_reference", "AMAZON-SHIPPING", 64,
        "Internal reference of the 'Amazon Shipping' product used for shipping services without a matching product; created when missing.", Permissions.ManageOffers);

    // MWS keeps order history; a first sync further back than a year and a bit is not useful.
    public static readonly AmazonIntSetting FirstSyncLookbackDays = new("erp.amazon.sync.first_lookback_days", 30, 1, 400,
        "How far back the first sync of an account reads orders, in days.", Permissions.ManageAccounts);

    public static readonly AmazonIntSetting SyncWindowHours = new("erp.amazon.sync.window_hours", 168, 1, 24 * 31,
        "A long sync is cut into windows of this many hours; the account's watermark moves after each complete window. A week keeps a 30-day first sync within Amazon's ListOrders burst.",
        Permissions.ManageAccounts);

    public static readonly AmazonIntSetting MaxOrderAttempts = new("erp.amazon.sync.max_order_attempts", 10, 1, 100,
        "Attempts at an order that keeps failing before it is given up; retries back off from 5 minutes to 12 hours. A given-up order comes back when it changes at Amazon or is recovered by hand.",
        Permissions.ManageAccounts);

    public static readonly AmazonIntSetting AuthorizationWarningDays = new("erp.amazon.authorization_warning_days", 30, 1, 90,
        "Days before a seller authorization expires that the account is flagged (sellers renew every 12 months).", Permissions.ManageAccounts);

    public static readonly AmazonDecimalSetting WriteOffTolerance = new("erp.amazon.finance.write_off_tolerance", 0.05m, 0m, 10m,
        "The largest difference between what Amazon paid for an order and what the ERP expects that is written off by itself, in the order's currency; a larger one is left for finance to review.",
        Permissions.Finance);

    public static readonly AmazonTextSetting WriteOffAccount = new("erp.amazon.finance.write_off_account", "4900", 32,
        "The ERP ledger account small differences are written off to.", Permissions.Finance);

    public static readonly AmazonTextSetting FeesAccount = new("erp.amazon.finance.fees_account", "4970", 32,
        "The ERP ledger account Amazon's fees (commission, FBA fees, refund commission) are posted to as expenses.", Permissions.Finance);

    public static readonly AmazonDecimalSetting TaxDifferenceThreshold = new("erp.amazon.finance.tax_difference_threshold", 0.05m, 0m, 100m,
        "An order whose ERP tax differs from Amazon's by more than this (in its currency) is left for review: its fiscal position or product tax is likely wrong.",
        Permissions.Finance);

    public static readonly AmazonIntSetting BuyerDataRetentionDays = new("erp.amazon.data_protection.buyer_data_retention_days", 30, 1, 3650,
        "Days after an Amazon order shipped (or was canceled) that its buyer's name, e-mail, phone and street address are erased from the ERP. Amazon's Data Protection Policy allows at most 30; more applies only with a tax reason (erp.amazon.data_protection.tax_retention_reason), else 30 is used.",
        Permissions.ManageAccounts);

    public static readonly AmazonTextSetting TaxRetentionReason = new("erp.amazon.data_protection.tax_retention_reason", "", 200,
        "Why buyer data must be kept longer than 30 days after shipment (the tax law that requires it); empty: 30 days at most.", Permissions.ManageAccounts, optional: true);

    public static readonly AmazonIntSetting AuditRetentionDays = new("erp.amazon.data_protection.audit_retention_days", 365, 90, 3650,
        "Days the audit trail (who changed accounts, marketplaces, offers, default products, settings, approved write-offs, recovered orders or retried shipments) is kept; Amazon asks for at least 90.",
        Permissions.ManageAccounts);

    /// <summary>All of them, in the manifest's order.</summary>
    public static readonly IReadOnlyList<AmazonSetting> All =
        [Enabled, SyncIntervalMinutes, SaleProductReference, ShippingProductReference, FirstSyncLookbackDays, SyncWindowHours, MaxOrderAttempts, AuthorizationWarningDays,
            WriteOffTolerance, WriteOffAccount, FeesAccount, TaxDifferenceThreshold, BuyerDataRetentionDays, TaxRetentionReason, AuditRetentionDays];


    /// <summary>Why <paramref name="value"/> is not valid for <paramref name="key"/>, or null when it is.</summary>
    public static string? Validate(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return All.FirstOrDefault(s => s.Key == key)?.Check(value) ?? (All.Any(s => s.Key == key) ? null : $"'{key}' is not a setting of {AmazonConnectorDefaults.ModuleId}.");
    }

    /// <summary>A bool setting's value (its default when nothing is stored).</summary>
    public static async Task<bool> GetAsync(this IAmazonHostSettings settings, AmazonBoolSetting setting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Parse(await ReadAsync(settings, setting, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A decimal setting's value.</summary>
    public static async Task<decimal> GetAsync(this IAmazonHostSettings settings, AmazonDecimalSetting setting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Parse(await ReadAsync(settings, setting, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A whole-number setting's value.</summary>
    public static async Task<int> GetAsync(this IAmazonHostSettings settings, AmazonIntSetting setting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Parse(await ReadAsync(settings, setting, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A text setting's value.</summary>
    public static async Task<string> GetAsync(this IAmazonHostSettings settings, AmazonTextSetting setting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Parse(await ReadAsync(settings, setting, cancellationToken).ConfigureAwait(false));
    }

    // A value the host hands back is checked again: a database edited by hand is a configuration error naming the key.
    private static async Task<string> ReadAsync(IAmazonHostSettings settings, AmazonSetting setting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var value = await settings.GetAsync(setting.Key, cancellationToken).ConfigureAwait(false) ?? setting.DefaultText;
        return setting.Check(value) is { } problem
            ? throw new Amazon.AmazonConfigurationException($"The setting '{setting.Key}' holds '{value}', which {problem.TrimEnd('.')}; change it in the ERP's settings.")
            : value;
    }
}
