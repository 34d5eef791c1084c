using System.Xml.Linq;

namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>One MWS API section (path, version, operations).</summary>
public interface ISandboxSection
{
    string Path { get; }
    string Version { get; }
    XNamespace Namespace { get; }
    IReadOnlyCollection<string> Actions { get; }

    /// <summary>The operation's whole answer (usually <c>{Action}Response</c>), or a <see cref="SandboxMwsError"/>.</summary>
    XDocument Handle(SandboxRequest request, string requestId);
}
