namespace ErpAmazonModule.Sandbox.Mws;

/// <summary>An error the sandbox answers the way Amazon does: status, <c>ErrorResponse</c> with type, code, message.</summary>
public sealed class SandboxMwsError(int status, string code, string message, string type = "Sender") : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Type { get; } = type;

    public static SandboxMwsError InvalidParameter(string message) => new(400, "InvalidParameterValue", message);

    /// <summary>A NextToken Amazon did not issue, was already used or belongs to another seller.</summary>
    public static SandboxMwsError NextTokenCorrupted() => new(400, "NextTokenCorrupted", "The NextToken is corrupted or was already used; list again from the start.");
}
