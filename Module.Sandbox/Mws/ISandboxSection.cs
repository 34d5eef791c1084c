using System.Xml.Linq;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>One MWS API section (path, version, operations).</summary>
public interface ISandboxSection
{
    string Path { get; }
    string Version { get; }
    XNamespace Namespace { get; }
    IReadOnlyCollection<string> Actions { get; }

    /// <summary>The operation's result element, or a <see cref="SandboxMwsError"/>.</summary>
    XElement Handle(SandboxRequest request);
}
