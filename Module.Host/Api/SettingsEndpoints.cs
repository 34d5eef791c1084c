using System.Text.Json;
using ErpAmazonModule.Host.Ports;
using ErpAmazonModule.Host.Web;

namespace ErpAmazonModule.Host.Api;

/// <summary>The host's settings API: every running module's settings with value, default, range and who may change them.</summary>
public static class SettingsEndpoints
{
    private static readonly JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Body of <c>PUT /api/settings/{key}</c>.</summary>
    public sealed record SettingValue(string? Value);

    public static void MapSettingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Reading needs the host's settings permission; changing one needs the permission the setting names.
        var group = endpoints.MapGroup("/api/settings").RequireAuthorization().WithTags("Settings");
        group.MapGet("/", (HostSettings settings, CancellationToken ct) => settings.ListAsync(ct)).RequireAuthorization(HostPermissions.ManageSettings);
        group.MapPut("/{key}", ChangeAsync).Accepts<SettingValue>("application/json")
            .Produces(StatusCodes.Status204NoContent).Produces(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status403Forbidden).Produces(StatusCodes.Status404NotFound);
    }

    private static async Task ChangeAsync(string key, HttpContext context, HostSettings settings, CancellationToken ct)
    {
        // Who may change the setting is decided before the body is read: a caller without the permission learns nothing from it.
        var result = settings.Refusal(key, context.User);
        if (result is null)
        {
            var value = await ReadValueAsync(context.Request, ct);
            if (value is null)
            {
                await HostErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "BadRequest", """Send the new value as JSON: {"Value":"..."} (text, even for numbers and true/false).""");
                return;
            }

            result = await settings.ChangeAsync(key, value, context.User, context.Connection.RemoteIpAddress?.ToString(), ct);
        }

        switch (result.Outcome)
        {
            case SettingChangeOutcome.Changed:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case SettingChangeOutcome.UnknownKey:
                await HostErrors.WriteAsync(context, StatusCodes.Status404NotFound, "NotFound", result.Reason!);
                break;
            case SettingChangeOutcome.Forbidden:
                await HostErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", result.Reason!);
                break;
            default:
                await HostErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "InvalidValue", result.Reason!);
                break;
        }
    }

    // An empty or malformed body is a 400 with the expected shape, never an exception page.
    private static async Task<string?> ReadValueAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<SettingValue>(request.Body, CaseInsensitive, ct);
            return body?.Value;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
