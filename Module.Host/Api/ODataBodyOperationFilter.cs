using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.OData.Edm;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ErpAmazonModule.Host.Api;

/// <summary>
/// Describes OData bodies as what is sent on the wire: a PATCH <c>Delta&lt;T&gt;</c> is a partial <c>T</c>, and a bound
/// action's <c>ODataActionParameters</c> is an object of the action's parameters (from the EDM).
/// </summary>
public sealed class ODataBodyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var body = context.ApiDescription.ParameterDescriptions.FirstOrDefault(p => p.Source.Id == "Body");
        if (body?.Type is null || operation.RequestBody?.Content is null)
        {
            return;
        }

        IOpenApiSchema? schema = null;
        if (body.Type.IsGenericType && body.Type.GetGenericTypeDefinition() == typeof(Delta<>))
        {
            schema = context.SchemaGenerator.GenerateSchema(body.Type.GetGenericArguments()[0], context.SchemaRepository);
        }
        else if (body.Type == typeof(ODataActionParameters))
        {
            schema = ActionParameters(context);
        }

        if (schema is null)
        {
            return;
        }

        foreach (var content in operation.RequestBody.Content.Values)
        {
            content.Schema = schema;
        }
    }

    private static OpenApiSchema? ActionParameters(OperationFilterContext context)
    {
        var actionName = context.MethodInfo.Name;
        var model = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.OData.Routing.IODataRoutingMetadata>().FirstOrDefault()?.Model;
        var action = model?.SchemaElements.OfType<IEdmAction>().FirstOrDefault(a => a.Name == actionName);
        if (action is null)
        {
            return null;
        }

        var schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>(), Required = new HashSet<string>() };
        foreach (var parameter in action.Parameters.Skip(action.IsBound ? 1 : 0))
        {
            schema.Properties[parameter.Name] = parameter.Type.IsInt32()
                ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" }
                : new OpenApiSchema { Type = JsonSchemaType.String };
            if (!parameter.Type.IsNullable)
            {
                schema.Required.Add(parameter.Name);
            }
        }

        return schema;
    }
}
