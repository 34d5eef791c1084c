using ErpAmazonModule.Host.Ports;
using Microsoft.AspNetCore.Authorization;

namespace ErpAmazonModule.Host.Security;

/// <summary>Requires one of the host's own permissions.</summary>
public sealed class HostPermissionRequirement(string permission) : IAuthorizationRequirement
{
    /// <summary>The permission name (also the policy name).</summary>
    public string Permission { get; } = permission;
}

/// <summary>Grants a <see cref="HostPermissionRequirement"/> to authenticated users whose roles hold the permission.</summary>
public sealed class HostPermissionHandler(HostPermissions permissions) : AuthorizationHandler<HostPermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, HostPermissionRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.User.Identity?.IsAuthenticated == true && permissions.HasPermission(context.User, requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
