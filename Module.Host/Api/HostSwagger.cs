using ErpAmazonModule.Host.Security;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ErpAmazonModule.Host.Api;

/// <summary>The OpenAPI document: the module's and the host's endpoints, with the API key scheme.</summary>
public static class HostSwagger
{
    /// <summary>The module's contract: only <c>/odata/amazon</c>.</summary>
    public const string ModuleDocument = "amazon-connector.v1";

    /// <summary>The reference ERP's own endpoints.</summary>
    public const string HostDocument = "host.v1";

    private const string ModulePathPrefix = "odata/amazon";

    public static void Configure(SwaggerGenOptions options)
    {
        options.SwaggerDoc(ModuleDocument, new OpenApiInfo
        {
            Title = "Amazon connector",
            Version = "v1",
            Description = "The Amazon connector's OData API at /odata/amazon: seller accounts, marketplaces, offers and default products. Send an API key in X-Api-Key.",
        });
        options.SwaggerDoc(HostDocument, new OpenApiInfo
        {
            Title = "Reference ERP",
            Version = "v1",
            Description = "The reference host's own endpoints: settings and its read-only data at /odata/host.",
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
        options.DocInclusionPredicate((document, description) =>
        {
            if (description.ActionDescriptor is Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor { ControllerTypeInfo: var type }
                && type.AsType() == typeof(MetadataController))
            {
                return false;
            }

            // OData answers each route in several spellings (Accounts(1) and Accounts/1, qualified and
            // unqualified actions); the document shows the canonical one.
            var path = description.RelativePath ?? "";
            if (path.StartsWith("odata/", StringComparison.OrdinalIgnoreCase) && (path.Contains("/{key}", StringComparison.Ordinal) || path.Contains("/ErpAmazonModule.", StringComparison.Ordinal)))
            {
                return false;
            }

            // The local Amazon (Development only) is not part of the ERP's API: its admin routes are described in docs/sandbox.md.
            if (path.StartsWith("sandbox", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var isModule = path.StartsWith(ModulePathPrefix, StringComparison.OrdinalIgnoreCase);
            return document == ModuleDocument ? isModule : !isModule;
        });
        options.CustomSchemaIds(type => type.FullName?.Replace('+', '.'));
        options.OperationFilter<ODataBodyOperationFilter>();
        options.OperationFilter<ODataDocumentFilter>();
        options.DocumentFilter<ODataDocumentFilter>();
    }
}
