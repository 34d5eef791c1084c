using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ErpAmazonModule.Accounts;
using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Amazon.SellingPartner;

/// <summary>
/// Login with Amazon: exchanges a seller's refresh token for an access token, keeps it (keyed by a hash of the refresh
/// token, never the token itself) and exchanges again a few minutes before it expires. An answer such as
/// <c>invalid_grant</c> (the seller took the authorization back) is an <see cref="AmazonApiException"/> carrying LWA's code.
/// </summary>
public sealed class AmazonLwaTokens(IHttpClientFactory clients, IOptionsMonitor<AmazonSpOptions> options, TimeProvider time)
{
    /// <summary>The operation name errors carry.</summary>
    public const string Operation = "LoginWithAmazon";

    /// <summary>How long before its expiry an access token is replaced.</summary>
    public static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (string AccessToken, DateTimeOffset ExpiresOn)> _tokens = new(StringComparer.Ordinal);

    /// <summary>A valid access token for <paramref name="refreshToken"/> in <paramref name="region"/> (cached, or exchanged now).</summary>
    public async Task<string> GetAsync(AmazonRegion region, string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        var key = new AmazonSpSeller(region, "", refreshToken).CacheKey();
        if (_tokens.TryGetValue(key, out var cached) && cached.ExpiresOn - RefreshAhead > time.GetUtcNow())
        {
            return cached.AccessToken;
        }

        var settings = options.CurrentValue;
        var client = settings.Resolve(region, out var problem)?.Client ?? throw new AmazonConfigurationException(problem!);
        using var http = clients.CreateClient(AmazonSpClient.HttpClientName);
        using var response = await http.PostAsync(settings.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = client.ClientId!,
            ["client_secret"] = client.ClientSecret!,
        }), cancellationToken).ConfigureAwait(false);
        var body = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var code = body?.TryGetProperty("error", out var error) == true ? error.GetString() ?? "LwaError" : $"Http{(int)response.StatusCode}";
            var message = body?.TryGetProperty("error_description", out var description) == true ? description.GetString() ?? code : $"Login with Amazon answered {(int)response.StatusCode}.";
            throw new AmazonApiException(response.StatusCode, code, message, null, Operation);
        }

        if (body?.TryGetProperty("access_token", out var access) != true || access.GetString() is not { Length: > 0 } accessToken)
        {
            throw new AmazonFormatException("Login with Amazon answered without an access_token.");
        }

        var lifetime = body.Value.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromHours(1);
        _tokens[key] = (accessToken, time.GetUtcNow() + lifetime);
        return accessToken;
    }

    /// <summary>Forgets the access token of <paramref name="refreshToken"/> (Amazon said it expired): the next call exchanges again.</summary>
    public void Forget(AmazonRegion region, string refreshToken) => _tokens.TryRemove(new AmazonSpSeller(region, "", refreshToken).CacheKey(), out _);

    private static async Task<JsonElement?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e) when (response.IsSuccessStatusCode)
        {
            throw new AmazonFormatException("Login with Amazon's answer is not JSON.", e);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            if (response.StatusCode == HttpStatusCode.OK)
            {
                throw new AmazonFormatException("Login with Amazon's answer is not JSON.");
            }

            return null;
        }
    }
}
