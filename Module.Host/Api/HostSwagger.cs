using ErpAmazonModule.Host.Security;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ErpAmazonModule.Host.Api;

/// <summary>The OpenAPI document: the module's and the host's endpoints, with the API key scheme.</summary>
public static class HostSwagger
{
    public const string DocumentName = "v1";

    public static void Configure(SwaggerGenOptions options)
    {
        options.SwaggerDoc(DocumentName, new OpenApiInfo
        {
            Title = "ERP with Amazon connector",
            Version = "v1",
            Description = "The Amazon connector's OData API at /odata/amazon and the reference ERP's own endpoints. Send an API key in X-Api-Key.",
        });
        options.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
        });
        options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
        });
        // OData's own $metadata and service document controllers describe themselves in $metadata, not here.
        options.DocInclusionPredicate((_, description) =>
            description.ActionDescriptor is not Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor { ControllerTypeInfo: var type }
            || type.AsType() != typeof(MetadataController));
        options.CustomSchemaIds(type => type.FullName?.Replace('+', '.'));
    }
}
