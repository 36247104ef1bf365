using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ModelGen.Analyzers;

/// <summary>
/// Finds the source of one attribute argument, named as a constructor parameter or a property
/// (compared without case, so <c>units</c> and <c>Units</c> meet), with an element index for
/// <c>params</c> arrays (<c>shape[2]</c>). Falls back to the whole attribute when the argument was
/// left at its default.
/// </summary>
internal static class ArgumentLocator
{
    public static Location Find(AttributeData attribute, string? argument, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference is not { } reference) return Location.None;
        Location whole = Location.Create(reference.SyntaxTree, reference.Span);
        if (argument is null || reference.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } list }) return whole;

        (string name, int element) = Split(argument);
        var parameters = attribute.AttributeConstructor?.Parameters ?? default;
        int position = 0;
        foreach (AttributeArgumentSyntax syntax in list.Arguments)
        {
            if (syntax.NameEquals is { } property)
            {
                if (Same(property.Name.Identifier.ValueText, name)) return syntax.GetLocation();
                continue;
            }
            if (syntax.NameColon is { } named)
            {
                if (Same(named.Name.Identifier.ValueText, name)) return syntax.GetLocation();
                continue;
            }
            if (!parameters.IsDefaultOrEmpty)
            {
                IParameterSymbol parameter = parameters[Math.Min(position, parameters.Length - 1)];
                int index = parameter.IsParams ? position - (parameters.Length - 1) : -1;
                if (Same(parameter.Name, name) && (element < 0 || index < 0 || index == element)) return syntax.GetLocation();
            }
            position++;
        }
        return whole;
    }

    private static (string Name, int Element) Split(string argument)
    {
        int bracket = argument.IndexOf('[');
        return bracket < 0
            ? (argument, -1)
            : (argument.Substring(0, bracket), int.Parse(argument.Substring(bracket + 1, argument.Length - bracket - 2), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
