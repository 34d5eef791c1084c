using ErpAmazonModule.Host.Security;

namespace ErpAmazonModule.Host;

/// <summary>
/// What keeps an environment from hurting another: each environment has its own default database file, and outside
/// Development the host needs API keys and refuses the local Amazon.
/// </summary>
public static class HostEnvironmentPolicy
{
    /// <summary>Sets the per-environment defaults the configuration lacks and refuses a configuration that cannot be safe.</summary>
    public static void Apply(ConfigurationManager configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var provider = HostDatabase.ReadProvider(configuration);
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(HostDatabase.ConnectionStringName)))
        {
            if (provider != HostDatabaseProvider.Sqlite)
            {
                throw new HostConfigurationException(
                    $"ConnectionStrings:{HostDatabase.ConnectionStringName} is not set; {provider} needs one (for example ConnectionStrings__Erp=\"Server=...;Database=erp;...\").");
            }

            // A file per environment: an account registered against the sandbox in Development is never synced
            // against Amazon by a Production run on the same machine.
            configuration[$"ConnectionStrings:{HostDatabase.ConnectionStringName}"] = $"Data Source={DefaultDatabaseFile(environment)}";
        }

        if (environment.IsDevelopment())
        {
            return;
        }

        if (SandboxMount.IsEnabled(configuration))
        {
            throw new HostConfigurationException(
                $"Sandbox:Enabled is true in the {environment.EnvironmentName} environment; the local Amazon is for Development only. Set Sandbox:Enabled=false.");
        }

        var keys = configuration.GetSection("Auth:ApiKeys").Get<List<ApiKeyUser>>() ?? [];
        if (!keys.Any(k => k.Key.Length > 0))
        {
            throw new HostConfigurationException(
                $"No API keys are configured for the {environment.EnvironmentName} environment, so nobody could call the API. Set Auth:ApiKeys:0:Key, Auth:ApiKeys:0:UserName and Auth:ApiKeys:0:Roles:0 (for example admin), e.g. as environment variables Auth__ApiKeys__0__Key=...");
        }

        RequireProtectedKeys(configuration, environment);
    }

    /// <summary>Whether the Data Protection key ring is protected at rest (a certificate), which outside Development it must be.</summary>
    public static void RequireProtectedKeys(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration[HostApplication.CertificatePathKey]))
        {
            throw new HostConfigurationException(
                $"The key ring that encrypts sellers' tokens would be stored unencrypted beside them in the {environment.EnvironmentName} environment. "
                + $"Set {HostApplication.CertificatePathKey} (a PKCS#12 file) and {HostApplication.CertificatePasswordKey}, e.g. DataProtection__CertificatePath=/etc/erp/keyring.pfx.");
        }
    }

    /// <summary>The SQLite file an environment uses when <c>ConnectionStrings:Erp</c> is not set: <c>data/erp.{environment}.db</c>.</summary>
    public static string DefaultDatabaseFile(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return $"data/erp.{environment.EnvironmentName.ToLowerInvariant()}.db";
    }
}
