using AutoMapper.QueryableExtensions;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace ErpAmazonModule.Api;

/// <summary>
/// Projects entities to API models in SQL, joining a navigation only when the request's <c>$expand</c> asks for it
/// (navigations are mapped with explicit expansion): a list of offers reads the offers, not their accounts' marketplaces.
/// </summary>
public static class AmazonProjection
{
    /// <summary><paramref name="query"/> projected to <typeparamref name="TApi"/>, with the navigations <c>$expand</c> names.</summary>
    public static IQueryable<TApi> Project<TApi>(this IQueryable query, AmazonApiMapper mapper, HttpRequest request, IDictionary<string, object>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        var expanded = Expanded<TApi>(request);
        return parameters is null
            ? query.ProjectTo<TApi>(mapper.Configuration, null, expanded)
            : query.ProjectTo<TApi>(mapper.Configuration, parameters, expanded);
    }

    /// <summary>The member paths (<c>Account</c>, <c>Account.AvailableMarketplaces</c>) the request's <c>$expand</c> names.</summary>
    public static string[] Expanded<TApi>(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var feature = request.ODataFeature();
        if (feature.Model is null || !request.Query.ContainsKey("$expand"))
        {
            return [];
        }

        try
        {
            var options = new ODataQueryOptions(new ODataQueryContext(feature.Model, typeof(TApi), feature.Path), request);
            return Paths(options.SelectExpand?.SelectExpandClause, "").Distinct(StringComparer.Ordinal).ToArray();
        }
        catch (ODataException)
        {
            // [EnableQuery] answers an invalid $expand with its own error.
            return [];
        }
    }

    private static IEnumerable<string> Paths(SelectExpandClause? clause, string prefix)
    {
        foreach (var item in clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>() ?? [])
        {
            var path = prefix + item.PathToNavigationProperty.LastSegment.Identifier;
            yield return path;
            foreach (var nested in Paths(item.SelectAndExpand, path + "."))
            {
                yield return nested;
            }
        }
    }
}
