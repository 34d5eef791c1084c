using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Amazon connector's endpoints.</summary>
public static class AmazonConnectorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the module's OData controllers at <c>/odata/amazon</c>. Controllers are mapped once per application:
    /// when the host already called <c>MapControllers</c> this adds nothing, so the two calls can come in any order.
    /// </summary>
    public static IEndpointRouteBuilder MapAmazonConnector(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.DataSources.Any(source => source.GetType().Name == "ControllerActionEndpointDataSource"))
        {
            endpoints.MapControllers();
        }

        return endpoints;
    }
}
