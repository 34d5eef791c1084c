namespace ErpAmazonModule.Tests.TestSupport;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    /// <summary>The folder holding <c>ErpAmazonModule.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ErpAmazonModule.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ErpAmazonModule.sln not found above " + AppContext.BaseDirectory);
    }
}
