using System.Security.Claims;

namespace ErpAmazonModule.Hosting;

/// <summary>Permissions port: what the current user may do, as the host decides it.</summary>
public interface IAmazonHostPermissions
{
    /// <summary>True when <paramref name="user"/> holds <paramref name="permission"/> (one the module's manifest declares).</summary>
    bool HasPermission(ClaimsPrincipal user, string permission);

    /// <summary>The roles that hold <paramref name="permission"/> (added in contract 1.4, for the developer profile); null when the host does not say.</summary>
    IReadOnlyList<string>? RolesHolding(string permission) => null;
}
