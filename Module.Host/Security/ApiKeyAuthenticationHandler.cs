using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Host.Security;

/// <summary>One configured API key (<c>Auth:ApiKeys</c>).</summary>
public sealed class ApiKeyUser
{
    public string Key { get; set; } = "";
    public string UserName { get; set; } = "";
    public List<string> Roles { get; set; } = [];
}

/// <summary>Options of the API key scheme.</summary>
public sealed class ApiKeyOptions : AuthenticationSchemeOptions
{
    public List<ApiKeyUser> ApiKeys { get; set; } = [];
}

/// <summary>
/// Authenticates <c>X-Api-Key</c>; also accepts the key as the password of HTTP Basic so a browser can open
/// <c>/hangfire</c> and <c>/swagger</c>. Keys are compared in constant time and never logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].FirstOrDefault() ?? BasicPassword();
        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = Find(Options, presented);
        if (user is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(Identity(user, SchemeName)), SchemeName)));
    }

    /// <summary>The configured user whose key is <paramref name="presented"/> (compared in constant time), or null.</summary>
    public static ApiKeyUser? Find(ApiKeyOptions options, string presented)
    {
        ArgumentNullException.ThrowIfNull(options);
        var presentedBytes = Encoding.UTF8.GetBytes(presented ?? "");
        return options.ApiKeys.FirstOrDefault(u => u.Key.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(u.Key), presentedBytes));
    }

    /// <summary>The identity of <paramref name="user"/>: its name and roles, authenticated by <paramref name="scheme"/>.</summary>
    public static ClaimsIdentity Identity(ApiKeyUser user, string scheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ClaimsIdentity([new Claim(ClaimTypes.Name, user.UserName), .. user.Roles.Select(r => new Claim(ClaimTypes.Role, r))], scheme);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // One challenge per header: browsers read a header holding two challenges as one unknown scheme and never ask
        // for a password.
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate, "Basic realm=\"ERP\", charset=\"UTF-8\"");
        Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate, $"{SchemeName} header=\"{HeaderName}\"");
        return Task.CompletedTask;
    }

    private string? BasicPassword()
    {
        var header = Request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
