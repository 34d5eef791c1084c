namespace ErpAmazonModule.Security;

/// <summary>The module's permissions as a list (the names are in <see cref="AmazonConnectorDefaults.Permissions"/>).</summary>
public static class AmazonPermissions
{
    /// <summary>Every permission the module checks.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AmazonConnectorDefaults.Permissions.Read,
        AmazonConnectorDefaults.Permissions.ManageOffers,
        AmazonConnectorDefaults.Permissions.ManageAccounts,
        AmazonConnectorDefaults.Permissions.Finance,
        AmazonConnectorDefaults.Permissions.Shipments,
    ];
}
