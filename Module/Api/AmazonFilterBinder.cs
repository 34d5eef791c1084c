using System.Linq.Expressions;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData.UriParser;

namespace ErpAmazonModule.Api;

/// <summary>
/// OData's filter binding with one change: <c>startswith(Property,'AB')</c> becomes the range
/// <c>Property &gt;= 'AB' and Property &lt; 'AC'</c>. A database searches that range in the property's index, which it
/// cannot do with the <c>LIKE 'AB%'</c> it would otherwise get (SQLite compares LIKE without case, its indexes with);
/// the range is also what OData means: a prefix compared character by character.
/// </summary>
public sealed class AmazonFilterBinder : FilterBinder
{
    private static readonly System.Reflection.MethodInfo Compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    /// <inheritdoc />
    protected override Expression BindStartsWith(SingleValueFunctionCallNode node, QueryBinderContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        var arguments = node.Parameters.ToList();
        if (arguments is not [var target, ConstantNode { Value: string { Length: > 0 } prefix }] || prefix[^1] == char.MaxValue)
        {
            return base.BindStartsWith(node, context);
        }

        var property = Bind(target, context);
        if (property.Type != typeof(string))
        {
            return base.BindStartsWith(node, context);
        }

        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        return Expression.AndAlso(
            Expression.GreaterThanOrEqual(Expression.Call(Compare, property, Parameter(prefix)), Expression.Constant(0)),
            Expression.LessThan(Expression.Call(Compare, property, Parameter(upper)), Expression.Constant(0)));
    }

    // Read from a field, not inlined, so the database sees a parameter and reuses its plan for every prefix.
    private static MemberExpression Parameter(string value) => Expression.Field(Expression.Constant(new Boxed(value)), nameof(Boxed.Value));

    private sealed class Boxed(string value)
    {
        public readonly string Value = value;
    }
}
