using AutoMapper;
using ErpAmazonModule.Api;
using Microsoft.Extensions.Logging.Abstractions;

namespace ErpAmazonModule.Tests.Api;

/// <summary>The API models' projections: every member of every API model is mapped (or explicitly left out).</summary>
[TestClass]
public sealed class AmazonMappingProfileTests
{
    [TestMethod]
    public void Configuration_IsValid()
    {
        var configuration = new MapperConfiguration(cfg => cfg.AddProfile<AmazonMappingProfile>(), NullLoggerFactory.Instance);

        configuration.AssertConfigurationIsValid();
    }
}
