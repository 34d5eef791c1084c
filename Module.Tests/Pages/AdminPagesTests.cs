using System.Net;
using ErpAmazonModule.Host.Data;
using ErpAmazonModule.Tests.Sync;
using ErpAmazonModule.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using static ErpAmazonModule.Tests.Sync.SyncScenario;

namespace ErpAmazonModule.Tests.Pages;

/// <summary>
/// The module's pages in a real browser (headless Chromium): signed in on the host's sign-in page, the warehouse retries
/// an incomplete shipment, finance approves a write-off, a salesperson is refused; at 1280 px and on a phone, with the
/// basics of accessibility checked (labels, contrast, keyboard focus). Screenshots go to the test results.
/// </summary>
[TestClass]
public sealed class AdminPagesTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";
    private const string Germany = "A1PA6795UKMFR9";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task WarehouseRetriesAShipment_FinanceApprovesAWriteOff_ASalespersonIsRefused_InABrowser()
    {
        Assert.IsTrue(File.Exists(Chromium) && File.Exists(ChromeDriver), "This test needs Chromium and its driver: apt-get install chromium chromium-driver (.ci/run installs them).");
        using var factory = new ErpHostFactory(orders: 0, kestrel: true);
        var s = await SyncScenario.CreateAsync(factory, ErpAmazonModule.Accounts.AmazonApi.SellingPartner, null, "EU", Germany);
        var parcel = s.Order(Germany, "MFN", "Unshipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 30);
        var shortPaid = s.Order(Germany, "MFN", "Shipped", [Item("KINDLE-PW-16", 1, M("EUR", 169.99m), M("EUR", 27.14m))], minutesAgo: 29);
        shortPaid.PaymentAdjustment = -2.00m;
        await s.SyncAsync();
        var salesOrder = await s.SalesOrderAsync(parcel.AmazonOrderId);
        var delivery = await factory.WithHostDbAsync(db => db.Deliveries.Where(d => d.SalesOrderId == salesOrder.Id && d.State == DeliveryState.Ready).Select(d => d.Id).SingleAsync());
        await factory.Client("demo-warehouse-key").PostJsonAsync($"/api/deliveries/{delivery}/validate", """{"Carrier":"DHL"}""").ExpectAsync(HttpStatusCode.OK);
        await factory.Client("demo-warehouse-key").PostJsonAsync("/odata/amazon/Shipments/Send", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(HttpStatusCode.OK);
        await factory.Client(ErpHostFactory.FinanceKey).PostJsonAsync("/odata/amazon/FinancialEvents/Import", $$"""{"AccountId":{{s.AccountId}}}""").ExpectAsync(HttpStatusCode.OK);
        var site = factory.ServerAddress.ToString().TrimEnd('/');
        using var browser = Browser();

        // Not signed in: the page sends the browser to the sign-in page, which then brings it back.
        browser.Navigate().GoToUrl($"{site}/admin/Amazon/Shipments");
        StringAssert.Contains(browser.Url, "/login");
        SignIn(browser, "warehouse", "wrong-key");
        StringAssert.Contains(browser.FindElement(By.CssSelector("[role=alert]")).Text, "do not match");
        SignIn(browser, "warehouse", "demo-warehouse-key");
        StringAssert.EndsWith(browser.Url, "/admin/Amazon/Shipments");
        var row = browser.FindElement(By.XPath($"//tr[td[1][normalize-space()='{parcel.AmazonOrderId}']]"));
        StringAssert.Contains(row.Text, "Incomplete");
        StringAssert.Contains(row.Text, "no tracking number");
        CheckAccessibility(browser);
        Screenshot(browser, "shipments-incomplete");

        // The warehouse enters the tracking number and retries, with the keyboard.
        var tracking = row.FindElement(By.CssSelector("input[name=trackingNumber]"));
        tracking.Clear();
        tracking.SendKeys("00340434161234567890");
        tracking.SendKeys(Keys.Tab);
        Assert.AreEqual("Retry", browser.SwitchTo().ActiveElement().Text, "Tab moves to the Retry button");
        Submit(browser, browser.SwitchTo().ActiveElement(), enter: true);
        StringAssert.Contains(browser.FindElement(By.CssSelector("[role=status]")).Text, "queued again");
        StringAssert.Contains(browser.FindElement(By.XPath($"//tr[td[1][normalize-space()='{parcel.AmazonOrderId}']]")).Text, "Queued");
        Assert.AreEqual("Queued", (await factory.WithModuleDbAsync(db => db.Shipments.AsNoTracking().SingleAsync())).State.ToString());
        Screenshot(browser, "shipments-retried");

        // On a phone the page fits the screen's width (wide tables scroll inside their box).
        browser.Manage().Window.Size = new System.Drawing.Size(390, 844);
        browser.Navigate().Refresh();
        Assert.IsTrue((bool)((IJavaScriptExecutor)browser).ExecuteScript("return document.documentElement.scrollWidth <= window.innerWidth + 1;")!, "no sideways scrolling on a phone");
        Screenshot(browser, "shipments-phone");
        browser.Manage().Window.Size = new System.Drawing.Size(1280, 900);

        // A salesperson sees nothing of Amazon.
        SignOut(browser);
        SignIn(browser, "salesperson", ErpHostFactory.SalesKey);
        Assert.IsEmpty(browser.FindElements(By.CssSelector("nav a")), "no Amazon pages in the navigation");
        browser.Navigate().GoToUrl($"{site}/admin/Amazon/Finance");
        StringAssert.Contains(browser.FindElement(By.TagName("h1")).Text, "Not allowed");

        // Finance approves the write-off with a comment.
        browser.Navigate().GoToUrl($"{site}/admin");
        SignOut(browser);
        browser.Navigate().GoToUrl($"{site}/admin/Amazon/Finance");
        SignIn(browser, "finance", ErpHostFactory.FinanceKey);
        var review = browser.FindElement(By.XPath($"//tr[td[1][normalize-space()='{shortPaid.AmazonOrderId}']]"));
        StringAssert.Contains(review.Text, "-2.00");
        CheckAccessibility(browser);
        Screenshot(browser, "finance-review");
        review.FindElement(By.TagName("textarea")).SendKeys("Amazon's goodwill credit, agreed by phone");
        Submit(browser, review.FindElement(By.TagName("button")));
        StringAssert.Contains(browser.FindElement(By.CssSelector("[role=status]")).Text, "approved");
        Assert.IsEmpty(browser.FindElements(By.XPath($"//tr[td[1][normalize-space()='{shortPaid.AmazonOrderId}']]")), "no longer for review");
        var approved = await factory.WithModuleDbAsync(db => db.Reconciliations.AsNoTracking().SingleAsync(r => r.AmazonOrderId == shortPaid.AmazonOrderId));
        Assert.AreEqual(("finance", "Amazon's goodwill credit, agreed by phone"), (approved.ApprovedBy, approved.ApprovalComment));
        Screenshot(browser, "finance-approved");
        Assert.AreEqual(1, await factory.WithModuleDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "WriteOffApproved" && e.User == "finance")), "audited as through the API");
    }

    [TestMethod]
    [Timeout(240_000, CooperativeCancellation = true)]
    public async Task AnAdministrator_SetsTheConnectorUp_RegistersASeller_PairsASku_SyncsWithLiveProgress_AndRecoversAFailedOrder()
    {
        Assert.IsTrue(File.Exists(Chromium) && File.Exists(ChromeDriver), "This test needs Chromium and its driver: apt-get install chromium chromium-driver (.ci/run installs them).");
        using var factory = new ErpHostFactory(kestrel: true, realTimeScale: 60, orders: 0, settings: new Dictionary<string, string?> { ["Hangfire:Server:Enabled"] = "true" });
        var (sellerId, _) = Demo.Seller(factory, "EU", null, Germany);
        var refreshToken = factory.Sandbox.Lwa.Grant(sellerId, ErpAmazonModule.Sandbox.Store.SandboxCatalog.Application.ClientId).Token;
        var orders = new SyncScenario(factory, "EU", sellerId, 0);
        var broken = orders.Order(Germany, "MFN", "Shipped", [Item("ECHO-DOT-5", 1, M("EUR", 59.99m), M("EUR", 9.58m))], minutesAgo: 40);
        broken.Items[0].RawItemPriceAmount = "12,34.5x";
        for (var i = 0; i < 5; i++)
        {
            orders.Order(Germany, "MFN", "Shipped", [Item("LED-BULB-E27", 1, M("EUR", 12.48m), M("EUR", 2.37m))], minutesAgo: 30 - i);
        }

        var site = factory.ServerAddress.ToString().TrimEnd('/');
        using var browser = Browser();
        browser.Navigate().GoToUrl($"{site}/admin");
        SignIn(browser, "admin", ErpHostFactory.AdminKey);

        // Settings ▸ Connectors ▸ Amazon: the connector off (its API is gone) and on again; a value out of range is refused
        // beside its field, a good one saved.
        browser.Navigate().GoToUrl($"{site}/admin/Amazon/Settings");
        CheckAccessibility(browser);
        Save(browser, "erp.amazon.enabled", "false");
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "is now false");
        using (var off = await factory.Client().GetAsync("/odata/amazon/Accounts"))
        {
            Assert.AreEqual(HttpStatusCode.NotFound, off.StatusCode, "off: the connector's API answers 404");
        }

        browser.Navigate().GoToUrl($"{site}/admin/Amazon/Accounts");
        StringAssert.Contains(browser.FindElement(By.TagName("h1")).Text, "switched off", "and its pages, but for its settings");
        browser.Navigate().GoToUrl($"{site}/admin/Amazon/Settings");

        Save(browser, "erp.amazon.enabled", "true");
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "is now true");
        await factory.Client().GetAsync("/odata/amazon/Accounts").ExpectAsync(HttpStatusCode.OK);
        Save(browser, "erp.amazon.sync_interval_minutes", "2");
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=alert]")).Text, "must be");
        Save(browser, "erp.amazon.sync_interval_minutes", "45");
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "is now 45");
        Screenshot(browser, "settings");

        // Accounts: Amazon's refusal of a wrong token is shown; the right one is checked and saved, and shown masked.
        browser.Navigate().GoToUrl($"{site}/admin/Amazon/Accounts");
        CreateAccount(browser, sellerId, "Atzr|IwEBIwrong");
        var refusal = WaitFor(browser, By.CssSelector("[role=status]")).Text;
        StringAssert.Contains(refusal, "Amazon");
        CreateAccount(browser, sellerId, refreshToken);
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "is saved");
        Assert.IsFalse(browser.PageSource.Contains(refreshToken, StringComparison.Ordinal), "the token is never shown");
        StringAssert.Contains(browser.FindElement(By.XPath("//tr[td[4][normalize-space()='" + sellerId + "']]")).Text, "****");
        Submit(browser, browser.FindElement(By.LinkText("Browser seller")));
        var rename = WaitFor(browser, By.Id("edit-name"));
        rename.Clear();
        rename.SendKeys("Browser seller DE");
        browser.FindElement(By.Id("edit-token")).SendKeys("Atzr|IwEBIrevoked");
        Submit(browser, browser.FindElement(By.XPath("//button[starts-with(normalize-space(), 'Save (a new token')]")));
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "Amazon", "a new token Amazon refuses is not saved");
        rename = browser.FindElement(By.Id("edit-name"));
        rename.Clear();
        rename.SendKeys("Browser seller");
        Submit(browser, browser.FindElement(By.XPath("//button[starts-with(normalize-space(), 'Save (a new token')]")));
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "Saved.");
        Submit(browser, WaitFor(browser, By.XPath("//button[normalize-space()='Update available marketplaces']")));
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "as Amazon lists them");
        Submit(browser, browser.FindElement(By.XPath("//button[normalize-space()='Deactivate Amazon.de']")));
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "no longer synced");
        Submit(browser, browser.FindElement(By.XPath("//button[normalize-space()='Activate Amazon.de']")));
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "is active");
        CheckAccessibility(browser);
        Screenshot(browser, "account");

        // Offers: pair a SKU with a product.
        browser.Navigate().GoToUrl($"{site}/admin/Amazon/Offers");
        browser.FindElement(By.Id("sku")).SendKeys("BROWSER-SKU");
        browser.FindElement(By.Id("product")).SendKeys("1");
        Submit(browser, browser.FindElement(By.XPath("//button[normalize-space()='Pair' and ancestor::form[.//input[@id='sku']]]")));
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "BROWSER-SKU is paired");
        var pairing = browser.FindElement(By.XPath("//tr[td[2][normalize-space()='BROWSER-SKU']]"));
        var product = pairing.FindElement(By.Name("productId"));
        product.Clear();
        product.SendKeys("2");
        Submit(browser, pairing.FindElement(By.TagName("button")));
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "now sells product 2");
        var shipping = browser.FindElement(By.Id("default-Shipping"));
        shipping.Clear();
        shipping.SendKeys("999999");
        Submit(browser, browser.FindElement(By.XPath("//form[input[@name='kind' and @value='Shipping']]//button")));
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "999999", "the ERP has no such product: the page says so");
        CheckAccessibility(browser);
        Screenshot(browser, "offers");

        // Sync now: the run's progress follows live to 100 %.
        browser.Navigate().GoToUrl($"{site}/admin/Amazon/Accounts");
        Submit(browser, browser.FindElement(By.LinkText("Browser seller")));
        Submit(browser, WaitFor(browser, By.XPath("//button[normalize-space()='Sync now']")));
        WaitFor(browser, By.Id("runs"));
        var progress = "";
        for (var attempt = 0; attempt < 600 && !progress.Contains("Succeeded", StringComparison.Ordinal) && !progress.Contains("PartiallyFailed", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            progress = Read(browser, () => browser.FindElement(By.CssSelector("#runs tbody tr")).Text);
        }

        StringAssert.Contains(progress, "100 %", progress);
        Assert.AreEqual("100", Read(browser, () => browser.FindElement(By.CssSelector("#runs tbody tr progress")).GetAttribute("value")));
        WaitFor(browser, By.XPath("//table[caption[contains(., 'purchase date')]]//tbody/tr"));
        StringAssert.Contains(Read(browser, () => browser.FindElement(By.XPath("//table[caption[contains(., 'purchase date')]]")).Text), "5", "the day's orders, once the run is done");
        CheckAccessibility(browser);
        Screenshot(browser, "sync");

        // The order Amazon sent unreadable failed; fixed at Amazon, it is recovered from the page.
        browser.FindElement(By.CssSelector("#state option[value=Failed]")).Click();
        Submit(browser, browser.FindElement(By.XPath("//button[normalize-space()='Filter']")));
        var failed = WaitFor(browser, By.XPath($"//tr[td[1][normalize-space()='{broken.AmazonOrderId}']]"));
        StringAssert.Contains(failed.Text, "Failed");
        broken.Items[0].RawItemPriceAmount = null;
        Submit(browser, failed.FindElement(By.TagName("button")));
        StringAssert.Contains(WaitFor(browser, By.CssSelector("[role=status]")).Text, "Imported");

        // On a phone the sync page fits the screen's width.
        browser.Manage().Window.Size = new System.Drawing.Size(390, 844);
        browser.Navigate().GoToUrl($"{site}/admin/Amazon/Sync");
        Assert.IsTrue((bool)((IJavaScriptExecutor)browser).ExecuteScript("return document.documentElement.scrollWidth <= window.innerWidth + 1;")!, "no sideways scrolling on a phone");
        Screenshot(browser, "sync-phone");
    }

    private static void Save(IWebDriver browser, string key, string value)
    {
        var form = WaitFor(browser, By.XPath($"//form[input[@name='key' and @value='{key}']]"));
        var field = form.FindElement(By.Name("value"));
        if (field.TagName == "select")
        {
            field.FindElement(By.CssSelector($"option[value='{value}']")).Click();
        }
        else
        {
            field.Clear();
            field.SendKeys(value);
        }

        Submit(browser, form.FindElement(By.TagName("button")));
    }

    private static void CreateAccount(IWebDriver browser, string sellerId, string token)
    {
        var name = WaitFor(browser, By.Id("name"));
        name.Clear();
        name.SendKeys("Browser seller");
        var seller = browser.FindElement(By.Id("seller"));
        seller.Clear();
        seller.SendKeys(sellerId);
        browser.FindElement(By.Id("token")).SendKeys(token);
        Submit(browser, browser.FindElement(By.XPath("//button[normalize-space()='Check with Amazon and save']")));
    }

    private static ChromeDriver Browser()
    {
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static void SignIn(IWebDriver browser, string user, string key)
    {
        var name = WaitFor(browser, By.Id("user"));
        name.Clear();
        name.SendKeys(user);
        browser.FindElement(By.Id("key")).SendKeys(key);
        Submit(browser, browser.FindElement(By.CssSelector("button[type=submit]")));
    }

    private static void SignOut(IWebDriver browser)
    {
        Submit(browser, WaitFor(browser, By.XPath("//button[normalize-space()='Sign out']")));
    }

    /// <summary>Clicks (or presses Enter on) a form's button and waits until the browser has replaced the page with the answer.</summary>
    private static void Submit(IWebDriver browser, IWebElement button, bool enter = false)
    {
        var page = browser.FindElement(By.TagName("html"));
        if (enter)
        {
            button.SendKeys(Keys.Enter);
        }
        else
        {
            button.Click();
        }

        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                _ = page.TagName;
                Thread.Sleep(100);
            }
            catch (WebDriverException)
            {
                // Stale (or, as Chromium sometimes says, "does not belong to the document"): the answer replaced the page.
                break;
            }
        }

        for (var attempt = 0; attempt < 100 && !Equals(((IJavaScriptExecutor)browser).ExecuteScript("return document.readyState;"), "complete"); attempt++)
        {
            Thread.Sleep(50);
        }
    }

    /// <summary>Reads from a page that may reload under the reader (the sync page does once its run is done).</summary>
    private static T Read<T>(IWebDriver browser, Func<T> read)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return read();
            }
            catch (WebDriverException) when (attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>The element once the page shows it (a form's answer loads after the click returns).</summary>
    private static IWebElement WaitFor(IWebDriver browser, By by)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return browser.FindElement(by);
            }
            catch (NoSuchElementException) when (attempt < 100)
            {
                Thread.Sleep(100);
            }
        }
    }

    private void Screenshot(ITakesScreenshot browser, string name)
    {
        var folder = Path.Combine(TestContext.TestResultsDirectory ?? Path.GetTempPath(), "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        browser.GetScreenshot().SaveAsFile(path);
        TestContext.AddResultFile(path);
    }

    /// <summary>
    /// The basics: every form field has a label, text has a contrast of at least 4.5:1 against its background, and a
    /// focused control shows an outline.
    /// </summary>
    private static void CheckAccessibility(IWebDriver browser)
    {
        const string script = """
            const problems = [];
            for (const field of document.querySelectorAll('input:not([type=hidden]), textarea, select')) {
              const labelled = (field.id && document.querySelector(`label[for="${field.id}"]`)) || field.getAttribute('aria-label');
              if (!labelled) problems.push('no label: ' + field.outerHTML.slice(0, 80));
            }
            const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
            const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const background = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor; if (!c.startsWith('rgba(0, 0, 0, 0)')) return c; } return 'rgb(255, 255, 255)'; };
            for (const el of document.querySelectorAll('h1, h2, p, td, th, label, a, button, caption, span')) {
              if (!el.textContent.trim()) continue;
              const a = lum(getComputedStyle(el).color), b = lum(background(el));
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ': ' + el.outerHTML.slice(0, 80));
            }
            const button = document.querySelector('main button, main input:not([type=hidden])');
            if (button) { button.focus(); const s = getComputedStyle(button); if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2) problems.push('no visible focus on ' + button.outerHTML.slice(0, 80)); button.blur(); }
            return problems;
            """;
        var problems = ((IEnumerable<object>)((IJavaScriptExecutor)browser).ExecuteScript(script)!).Select(p => p.ToString()).ToList();
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }
}
