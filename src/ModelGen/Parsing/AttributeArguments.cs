using System.Linq;
using Microsoft.CodeAnalysis;

namespace ModelGen.Generator.Parsing;

/// <summary>Typed reads of an attribute's constructor and named arguments, tolerant of broken code.</summary>
internal readonly struct AttributeArguments(AttributeData attribute)
{
    /// <summary>Constructor argument <paramref name="index"/> as <typeparamref name="T"/>, or <paramref name="fallback"/> when absent or of another type.</summary>
    public T Constructor<T>(int index, T fallback) =>
        index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index].Value is T value ? value : fallback;

    /// <summary>Integers of a <c>params int[]</c> constructor argument.</summary>
    public int[] ConstructorInts(int index)
    {
        if (index >= attribute.ConstructorArguments.Length) return [];
        TypedConstant argument = attribute.ConstructorArguments[index];
        return argument.Kind == TypedConstantKind.Array && !argument.IsNull
            ? argument.Values.Select(v => v.Value is int i ? i : 0).ToArray()
            : [];
    }

    /// <summary>Named argument (property) <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public T Named<T>(string name, T fallback)
    {
        foreach (var pair in attribute.NamedArguments)
            if (pair.Key == name && pair.Value.Value is T value) return value;
        return fallback;
    }
}
