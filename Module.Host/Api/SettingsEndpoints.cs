using ErpAmazonModule.Host.Ports;

namespace ErpAmazonModule.Host.Api;

/// <summary>The host's settings API: every module setting with its value and default.</summary>
public static class SettingsEndpoints
{
    /// <summary>Body of <c>PUT /api/settings/{key}</c>.</summary>
    public sealed record SettingValue(string? Value);

    public static void MapSettingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/settings").RequireAuthorization(HostPermissions.ManageSettings).WithTags("Settings");
        group.MapGet("/", (HostSettings settings, CancellationToken ct) => settings.ListAsync(ct));
        group.MapPut("/{key}", async (string key, SettingValue body, HostSettings settings, CancellationToken ct) =>
        {
            if (body.Value is null)
            {
                return Results.Problem(statusCode: 400, title: "value is required.");
            }

            try
            {
                await settings.ChangeAsync(key, body.Value, ct);
                return Results.NoContent();
            }
            catch (SettingRejectedException e)
            {
                return Results.Problem(statusCode: 400, title: e.Message);
            }
        });
    }
}
