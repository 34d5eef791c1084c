namespace ErpAmazonModule.Hosting;

/// <summary>
/// The version of this contract: the module entry point and the ports in this assembly. A module declares the version it
/// was built against as <c>hostContractVersion</c> in its manifest; a host compiled against this assembly loads modules of
/// the same major version only (ADR 0008: a minor version adds, a major version changes or removes).
/// </summary>
public static class AmazonHostContract
{
    /// <summary>This contract's version.</summary>
    public const string Version = "1.5";
}
