using ErpAmazonModule.Hosting;
using Microsoft.AspNetCore.Authorization;

namespace ErpAmazonModule.Security;

/// <summary>Requires one of the module's permissions, as the host grants it.</summary>
public sealed class AmazonPermissionRequirement(string permission) : IAuthorizationRequirement
{
    /// <summary>The permission name (also the policy name).</summary>
    public string Permission { get; } = permission;
}

/// <summary>Asks the host's permissions port.</summary>
internal sealed class AmazonPermissionHandler(IAmazonHostPermissions permissions) : AuthorizationHandler<AmazonPermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AmazonPermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && permissions.HasPermission(context.User, requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
