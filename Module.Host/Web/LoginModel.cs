using System.Security.Claims;
using ErpAmazonModule.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ErpAmazonModule.Host.Web;

/// <summary>The browser's sign-in: a user name and that user's API key make a session cookie for the admin pages.</summary>
public sealed class LoginModel(IOptionsMonitor<ApiKeyOptions> keys) : PageModel
{
    /// <summary>The cookie scheme of the admin pages.</summary>
    public const string Scheme = "HostCookie";

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? ApiKey { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = ApiKeyAuthenticationHandler.Find(keys.Get(ApiKeyAuthenticationHandler.SchemeName), ApiKey ?? "");
        if (user is null || !string.Equals(user.UserName, UserName?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            Error = "The user name and API key do not match.";
            return Page();
        }

        await HttpContext.SignInAsync(Scheme, new ClaimsPrincipal(ApiKeyAuthenticationHandler.Identity(user, Scheme)));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin");
    }
}
