using System.Text.Json;
using ErpAmazonModule.Host.Ports;
using ErpAmazonModule.Host.Web;

namespace ErpAmazonModule.Host.Api;

/// <summary>The warehouse's API: validating a delivery with its carrier and tracking (<c>POST /api/deliveries/{id}/validate</c>).</summary>
public static class DeliveryEndpoints
{
    private static readonly JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    /// <summary>A validated delivery as the API answers it.</summary>
    public sealed record ValidatedDelivery(int Id, string Name, int SalesOrderId, DateTimeOffset? ValidatedOn, DateTimeOffset? ShipDate, string? Carrier, string? ShippingMethod, string? TrackingNumber);

    public static void MapDeliveryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/deliveries/{id:int}/validate", ValidateAsync).WithTags("Deliveries")
            .RequireAuthorization(HostPermissions.ValidateDeliveries)
            .Accepts<DeliveryValidation>("application/json")
            .Produces<ValidatedDelivery>().Produces(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status404NotFound).Produces(StatusCodes.Status409Conflict);
    }

    private static async Task ValidateAsync(int id, HttpContext context, HostShipments shipments, CancellationToken ct)
    {
        DeliveryValidation? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<DeliveryValidation>(context.Request.Body, CaseInsensitive, ct);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            await HostErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "BadRequest",
                """Send JSON: {"Carrier":"DHL","ShippingMethod":"Paket","TrackingNumber":"...","Lines":[{"ExternalLineId":"...","Quantity":1}]} (Lines only to ship part of the delivery).""");
            return;
        }

        var (outcome, reason, delivery) = await shipments.ValidateAsync(id, body, ct);
        switch (outcome)
        {
            case DeliveryValidationOutcome.Validated:
                await context.Response.WriteAsJsonAsync(new ValidatedDelivery(delivery!.Id, delivery.Name, delivery.SalesOrderId, delivery.ValidatedOn, delivery.ShipDate, delivery.Carrier, delivery.ShippingMethod, delivery.TrackingNumber), ct);
                break;
            case DeliveryValidationOutcome.NotFound:
                await HostErrors.WriteAsync(context, StatusCodes.Status404NotFound, "NotFound", reason!);
                break;
            case DeliveryValidationOutcome.NotReady:
                await HostErrors.WriteAsync(context, StatusCodes.Status409Conflict, "NotReady", reason!);
                break;
            default:
                await HostErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "InvalidValue", reason!);
                break;
        }
    }
}
