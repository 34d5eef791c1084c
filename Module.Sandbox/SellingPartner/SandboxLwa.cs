using System.Collections.Concurrent;
using ErpAmazonModule.Sandbox.Store;

namespace ErpAmazonModule.Sandbox.SellingPartner;

/// <summary>A seller's authorization of an application: the refresh token Login with Amazon issued for it.</summary>
public sealed record SandboxRefreshToken(string Token, string SellerId, string ClientId, DateTimeOffset GrantedOn)
{
    public bool Revoked { get; set; }
}

/// <summary>
/// An access token issued for a refresh token: an hour's use of the seller's data by the application. A Restricted Data
/// Token is one too, with the restricted data elements it opens per path (<c>buyerInfo</c>, <c>shippingAddress</c>).
/// </summary>
public sealed record SandboxAccessToken(string Token, string SellerId, string ClientId, DateTimeOffset ExpiresOn)
{
    /// <summary>Path (with <c>{orderId}</c> standing for any order) → data elements the token opens; empty for a plain access token.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Restricted { get; init; } = new Dictionary<string, IReadOnlySet<string>>();

    /// <summary>Whether the token opens <paramref name="element"/> on <paramref name="path"/> (an order's own path or the generic one).</summary>
    public bool Opens(string path, string orderId, string element) =>
        Restricted.Any(r => (r.Key == path || r.Key.Replace("{orderId}", orderId, StringComparison.Ordinal) == path) && r.Value.Contains(element));
}

/// <summary>
/// Login with Amazon as the sandbox plays it: the seeded application, the refresh tokens sellers gave it (the seeded
/// sellers' are listed in the README), the access tokens exchanged for them (valid an hour), and revocation.
/// </summary>
public sealed class SandboxLwa
{
    /// <summary>How long an access token works, as LWA's <c>expires_in</c> says (3,600 seconds).</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, SandboxApplication> _applications = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SandboxRefreshToken> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SandboxAccessToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public SandboxLwa(TimeProvider time)
    {
        _time = time;
        _applications[SandboxCatalog.Application.ClientId] = SandboxCatalog.Application;
        foreach (var seller in SandboxCatalog.Sellers)
        {
            Grant(seller.SellerId, SandboxCatalog.Application.ClientId, SandboxCatalog.RefreshToken(seller.SellerId));
        }
    }

    /// <summary>A seller authorizes the application: a refresh token (the given one, or a new one).</summary>
    public SandboxRefreshToken Grant(string sellerId, string clientId, string? token = null)
    {
        var grant = new SandboxRefreshToken(token ?? $"Atzr|IwEBI{Guid.NewGuid():N}", sellerId, clientId, _time.GetUtcNow());
        _refreshTokens[grant.Token] = grant;
        return grant;
    }

    /// <summary>The seller takes the authorization back: the refresh token and its access tokens stop working.</summary>
    public bool Revoke(string refreshToken)
    {
        if (!_refreshTokens.TryGetValue(refreshToken, out var grant))
        {
            return false;
        }

        grant.Revoked = true;
        foreach (var access in _accessTokens.Values.Where(a => a.SellerId == grant.SellerId && a.ClientId == grant.ClientId))
        {
            _accessTokens.TryRemove(access.Token, out _);
        }

        return true;
    }

    /// <summary>A Restricted Data Token for the holder of <paramref name="access"/>, opening these elements on these paths.</summary>
    public SandboxAccessToken IssueRestricted(SandboxAccessToken access, IReadOnlyDictionary<string, IReadOnlySet<string>> resources)
    {
        ArgumentNullException.ThrowIfNull(access);
        var restricted = new SandboxAccessToken($"Atz.sprdt|{Guid.NewGuid():N}", access.SellerId, access.ClientId, _time.GetUtcNow() + AccessTokenLifetime) { Restricted = resources };
        _accessTokens[restricted.Token] = restricted;
        return restricted;
    }

    /// <summary>Every access token issued so far ends now (as if an hour had passed).</summary>
    public void ExpireAccessTokens()
    {
        foreach (var access in _accessTokens.Values)
        {
            _accessTokens[access.Token] = access with { ExpiresOn = _time.GetUtcNow() };
        }
    }

    public IReadOnlyList<SandboxRefreshToken> RefreshTokens() => [.. _refreshTokens.Values];

    /// <summary>Exchanges a refresh token for an access token, or says why not in LWA's terms (error, description, status).</summary>
    public (SandboxAccessToken? Token, string? Error, string? Description, int Status) Exchange(string? grantType, string? refreshToken, string? clientId, string? clientSecret)
    {
        if (grantType != "refresh_token")
        {
            return (null, grantType is null ? "invalid_request" : "unsupported_grant_type",
                grantType is null ? "The request is missing a required parameter : grant_type" : $"The authorization grant type is not supported: {grantType}", 400);
        }

        if (string.IsNullOrEmpty(refreshToken) || string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
        {
            return (null, "invalid_request", "The request is missing a required parameter : " + (string.IsNullOrEmpty(refreshToken) ? "refresh_token" : string.IsNullOrEmpty(clientId) ? "client_id" : "client_secret"), 400);
        }

        if (!_applications.TryGetValue(clientId, out var application) || application.ClientSecret != clientSecret)
        {
            return (null, "invalid_client", "Client authentication failed", 401);
        }

        if (!_refreshTokens.TryGetValue(refreshToken, out var grant) || grant.Revoked || grant.ClientId != clientId)
        {
            return (null, "invalid_grant", "The request has an invalid grant parameter : refresh_token", 400);
        }

        var access = new SandboxAccessToken($"Atza|{Guid.NewGuid():N}", grant.SellerId, clientId, _time.GetUtcNow() + AccessTokenLifetime);
        _accessTokens[access.Token] = access;
        return (access, null, null, 200);
    }

    /// <summary>The access token's grant, or why it does not open the door (missing, unknown, expired).</summary>
    public (SandboxAccessToken? Token, string? Problem) Check(string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return (null, "The request has no x-amz-access-token header.");
        }

        if (!_accessTokens.TryGetValue(accessToken, out var access))
        {
            return (null, "The access token you provided is revoked, malformed or invalid.");
        }

        return access.ExpiresOn <= _time.GetUtcNow() ? (null, "The access token you provided has expired.") : (access, null);
    }
}
