using ErpAmazonModule.Tests.TestSupport;
using OpenQA.Selenium.Chrome;

namespace ErpAmazonModule.Tests.Host;

/// <summary>The job dashboard's login in a real browser (headless Chromium): the API key as the password of HTTP Basic.</summary>
[TestClass]
public sealed class BrowserLoginTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    [TestMethod]
    public void JobDashboard_BasicLoginWithTheApiKey_OpensInChromium_AndAWrongKeyDoesNot()
    {
        Assert.IsTrue(File.Exists(Chromium) && File.Exists(ChromeDriver), "This test needs Chromium and its driver: apt-get install chromium chromium-driver (.ci/run installs them).");
        using var factory = new ErpHostFactory(kestrel: true);
        _ = factory.Client();
        var address = factory.ServerAddress;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        using var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        using var browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));

        // The browser answers the Basic challenge with the credentials of the URL, as it would with what a person types.
        browser.Navigate().GoToUrl($"http://admin:{ErpHostFactory.AdminKey}@{address.Authority}/hangfire/recurring");
        StringAssert.Contains(browser.PageSource, "amazon:orders-due", "the dashboard lists the module's recurring jobs");

        browser.Navigate().GoToUrl($"http://admin:wrong-key@{address.Authority}/hangfire/recurring");
        Assert.IsFalse(browser.PageSource.Contains("amazon:orders-due", StringComparison.Ordinal), "a wrong key opens nothing");
    }
}
