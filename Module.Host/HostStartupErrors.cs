using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Host;

/// <summary>Turns the failures a person can fix by configuration into one sentence; anything else keeps its stack trace.</summary>
public static class HostStartupErrors
{
    /// <summary>The sentence for <paramref name="error"/>, or null when it is not a configuration problem.</summary>
    public static string? Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            HostConfigurationException e => e.Message,
            OptionsValidationException e => string.Join(" ", e.Failures),
            // A port taken between the check and Kestrel binding it.
            IOException { InnerException: AddressInUseException } e =>
                $"{e.Message.TrimEnd('.')}. Another process listens there: stop it, or choose another port with dotnet run --project Module.Host -- --urls http://localhost:5081",
            AggregateException { InnerExceptions.Count: 1 } e => Describe(e.InnerException!),
            _ => null,
        };
    }
}
