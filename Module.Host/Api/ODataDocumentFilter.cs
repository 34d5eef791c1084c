using Microsoft.AspNetCore.OData.Query;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ErpAmazonModule.Host.Api;

/// <summary>
/// Makes the generated document describe OData as clients see it: JSON only, collections in a <c>value</c>
/// envelope with <c>@odata.nextLink</c> and <c>@odata.count</c>, the system query options on queryable actions,
/// and none of the framework types the raw signatures drag in.
/// </summary>
public sealed class ODataDocumentFilter : IOperationFilter, IDocumentFilter
{
    private const string Json = "application/json";

    private static readonly (string Name, string Description, JsonSchemaType Type)[] QueryOptions =
    [
        ("$filter", "Filter expression, e.g. Region eq 'EU'.", JsonSchemaType.String),
        ("$select", "Comma-separated properties to return.", JsonSchemaType.String),
        ("$orderby", "Sort, e.g. Name desc.", JsonSchemaType.String),
        ("$top", "Number of rows to return (at most 1000).", JsonSchemaType.Integer),
        ("$skip", "Number of rows to skip.", JsonSchemaType.Integer),
        ("$count", "Include @odata.count.", JsonSchemaType.Boolean),
        ("$expand", "Navigations to include, with nested options.", JsonSchemaType.String),
    ];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        KeepJsonOnly(operation.RequestBody?.Content);
        foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
        {
            KeepJsonOnly(response.Content);
        }

        // OData wraps every collection it returns, queryable or not.
        foreach (var content in operation.Responses?.Values.SelectMany(r => r.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()) ?? [])
        {
            if (content.Schema is OpenApiSchema { Type: JsonSchemaType.Array } array)
            {
                content.Schema = Envelope(array);
            }
        }

        var queryable = context.MethodInfo.GetCustomAttributes(typeof(EnableQueryAttribute), inherit: true).Length > 0;
        if (queryable && context.ApiDescription.HttpMethod == "GET")
        {
            operation.Parameters ??= [];
            foreach (var (name, description, type) in QueryOptions)
            {
                operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Description = description, Schema = new OpenApiSchema { Type = type } });
            }
        }
    }

    private static OpenApiSchema Envelope(OpenApiSchema array) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["@odata.context"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["@odata.count"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "With $count=true." },
            ["@odata.nextLink"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Present when more rows remain: GET it for the next page." },
            ["value"] = array,
        },
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        foreach (var key in schemas.Keys.Where(k => k.StartsWith("Microsoft.", StringComparison.Ordinal) || k.StartsWith("System.", StringComparison.Ordinal)).ToList())
        {
            schemas.Remove(key);
        }
    }

    private static void KeepJsonOnly(IDictionary<string, OpenApiMediaType>? content)
    {
        if (content is null || !content.ContainsKey(Json))
        {
            return;
        }

        foreach (var key in content.Keys.Where(k => k != Json).ToList())
        {
            content.Remove(key);
        }
    }
}
