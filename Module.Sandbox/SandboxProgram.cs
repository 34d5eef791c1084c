namespace ErpAmazonModule.Sandbox;

/// <summary>The sandbox on its own: <c>dotnet run --project Module.Sandbox</c> listens on http://localhost:5090.</summary>
public static class SandboxProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://localhost:5090");
        }

        builder.Services.AddAmazonSandbox(builder.Configuration);
        var app = builder.Build();
        app.MapAmazonSandbox();
        await app.RunAsync();
    }
}
