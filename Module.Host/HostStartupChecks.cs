using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Host;

/// <summary>
/// What is checked before the host starts listening, so that a wrong option or a taken port ends in one sentence
/// rather than in the host's start-up failure log with its stack trace.
/// </summary>
public static class HostStartupChecks
{
    /// <summary>Validates options registered with <c>ValidateOnStart</c> and checks that the ports to listen on are free.</summary>
    public static void Run(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetService<IStartupValidator>()?.Validate();
        foreach (var url in (app.Configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            EnsureFree(url);
        }
    }

    private static void EnsureFree(string url)
    {
        // http://+:5080 and http://*:5080 are not URIs .NET parses; they listen on every address.
        var parsable = url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || uri.Port == 0)
        {
            return;
        }

        var address = uri.IsLoopback || uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var parsed) ? parsed : IPAddress.Any;
        using var probe = new TcpListener(address, uri.Port);
        try
        {
            probe.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new HostConfigurationException(
                $"Port {uri.Port} ({url}) is already in use by another process: stop it, or choose another port, e.g. dotnet run --project Module.Host -- --urls http://localhost:{uri.Port + 1}");
        }
        finally
        {
            probe.Stop();
        }
    }
}
