namespace ErpAmazonModule.Hosting;

/// <summary>Module settings port; keys are those declared in <c>module.manifest.json</c>.</summary>
public interface IAmazonHostSettings
{
    /// <summary>The stored value, or the manifest's default when none is stored; null when the key is unknown.</summary>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores a value.</summary>
    Task SetAsync(string key, string value, CancellationToken cancellationToken);
}
