namespace ErpAmazonModule.Hosting;

/// <summary>Version of the host contract (the ports in this namespace) the module is written against.</summary>
public static class AmazonHostContract
{
    /// <summary>Declared as <c>hostContractVersion</c> in <c>module.manifest.json</c>; a host refuses a module whose major differs.</summary>
    public const string Version = "1.0";
}
