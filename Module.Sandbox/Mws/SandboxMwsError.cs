namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>An error the sandbox answers the way Amazon does: status, <c>ErrorResponse</c> with type, code, message.</summary>
public sealed class SandboxMwsError(int status, string code, string message, string type = "Sender") : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Type { get; } = type;

    public static SandboxMwsError InvalidParameter(string message) => new(400, "InvalidParameterValue", message);
}
