using System.Security.Claims;
using ErpAmazonModule.Host.Plugins;
using ErpAmazonModule.Hosting;

namespace ErpAmazonModule.Host.Ports;

/// <summary>
/// Grants permissions to roles: the manifests' default roles, plus extra grants from configuration
/// (<c>Auth:RolePermissions:{role}</c> = list of permission names).
/// </summary>
public sealed class HostPermissions : IAmazonHostPermissions
{
    /// <summary>The host's own permission to read its data at <c>/odata/host</c>.</summary>
    public const string ReadHostData = "host.data.read";

    /// <summary>The host's own permission to change settings.</summary>
    public const string ManageSettings = "host.settings.manage";

    /// <summary>The host's own permission to validate deliveries (the warehouse).</summary>
    public const string ValidateDeliveries = "host.deliveries.validate";

    private readonly Dictionary<string, HashSet<string>> _byRole = new(StringComparer.OrdinalIgnoreCase);

    public HostPermissions(ModuleCatalog catalog, IConfiguration configuration)
    {
        Grant("admin", ReadHostData);
        Grant("admin", ManageSettings);
        Grant("manager", ReadHostData);
        Grant("admin", ValidateDeliveries);
        Grant("manager", ValidateDeliveries);
        Grant("warehouse", ValidateDeliveries);
        Grant("warehouse", ReadHostData);
        foreach (var permission in catalog.Modules.SelectMany(m => m.Manifest.Permissions))
        {
            foreach (var role in permission.DefaultRoles)
            {
                Grant(role, permission.Name);
            }
        }

        foreach (var role in configuration.GetSection("Auth:RolePermissions").GetChildren())
        {
            foreach (var permission in role.GetChildren().Select(c => c.Value).OfType<string>())
            {
                Grant(role.Key, permission);
            }
        }
    }

    /// <inheritdoc />
    public bool HasPermission(ClaimsPrincipal user, string permission)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll(ClaimTypes.Role).Any(r => _byRole.TryGetValue(r.Value, out var granted) && granted.Contains(permission));
    }

    /// <inheritdoc />
    public IReadOnlyList<string>? RolesHolding(string permission) =>
        [.. _byRole.Where(r => r.Value.Contains(permission)).Select(r => r.Key).Order(StringComparer.Ordinal)];

    private void Grant(string role, string permission)
    {
        if (!_byRole.TryGetValue(role, out var granted))
        {
            _byRole[role] = granted = new HashSet<string>(StringComparer.Ordinal);
        }

        granted.Add(permission);
    }
}
