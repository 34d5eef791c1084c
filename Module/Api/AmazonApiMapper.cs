using AutoMapper;
using Microsoft.Extensions.Logging;

namespace ErpAmazonModule.Api;

/// <summary>
/// The module's own AutoMapper configuration (entity-to-API projections, <see cref="AmazonMappingProfile"/>), kept out of
/// the host's container so that a host using AutoMapper itself keeps its configuration to itself.
/// </summary>
public sealed class AmazonApiMapper
{
    /// <summary>Builds the configuration; the licence key comes from <c>AutoMapper:LicenseKey</c>.</summary>
    public AmazonApiMapper(IConfiguration configuration, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = new MapperConfiguration(cfg =>
        {
            cfg.LicenseKey = configuration["AutoMapper:LicenseKey"];
            cfg.AddProfile<AmazonMappingProfile>();
        }, loggerFactory);
        Mapper = Configuration.CreateMapper();
    }

    /// <summary>The configuration <c>ProjectTo</c> runs with.</summary>
    public MapperConfiguration Configuration { get; }

    /// <summary>The mapper for in-memory maps.</summary>
    public IMapper Mapper { get; }

    /// <summary>Maps <paramref name="source"/> to <typeparamref name="TDestination"/> in memory.</summary>
    public TDestination Map<TDestination>(object source) => Mapper.Map<TDestination>(source);
}
