using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ModelGen.Analyzers;

/// <summary>
/// The length of an array or span argument when the source fixes it: <c>new float[8]</c>, array and
/// collection initializers without spreads, <c>stackalloc</c>, <c>default</c>, and locals initialized
/// that way and never written again. Anything else (parameters, fields, slices, calls) is unknown:
/// the check stays silent rather than guess.
/// </summary>
internal static class ConstantLength
{
    // A local initialized from another local is followed this many times.
    private const int MaxLocalHops = 4;

    public static int? Of(IOperation value, CancellationToken cancellationToken) => Of(value, MaxLocalHops, cancellationToken);

    private static int? Of(IOperation value, int localHops, CancellationToken cancellationToken)
    {
        // Array-to-span and span-to-read-only-span conversions keep the length; a conversion from any
        // other type (a user type's operator) may not, so the walk stops there.
        while (value is IConversionOperation conversion && IsBuffer(conversion.Operand.Type))
            value = conversion.Operand;
        if (!IsBuffer(value.Type)) return null;

        return value switch
        {
            IArrayCreationOperation { DimensionSizes.Length: 1 } array => AsLength(array.DimensionSizes[0].ConstantValue),
            ICollectionExpressionOperation collection => collection.Elements.Any(e => e is ISpreadOperation) ? null : collection.Elements.Length,
            IDefaultValueOperation => 0,
            ILocalReferenceOperation local when localHops > 0 => OfLocal(local, localHops - 1, cancellationToken),
            // stackalloc has no operation of its own (it comes out as OperationKind.None), so its syntax is read.
            { Syntax: StackAllocArrayCreationExpressionSyntax sized } => OfStackAlloc(sized, value.SemanticModel, cancellationToken),
            { Syntax: ImplicitStackAllocArrayCreationExpressionSyntax implicitlySized } => implicitlySized.Initializer.Expressions.Count,
            _ => null,
        };
    }

    private static int? OfLocal(ILocalReferenceOperation reference, int localHops, CancellationToken cancellationToken)
    {
        ILocalSymbol local = reference.Local;
        if (local.IsRef || reference.SemanticModel is not { } semanticModel) return null;
        if (local.DeclaringSyntaxReferences.SingleOrDefault()?.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: not null } declarator) return null;
        if (LocalWrites.MayBeReassigned(declarator, local.Name)) return null;
        IOperation? initializer = (semanticModel.GetOperation(declarator, cancellationToken) as IVariableDeclaratorOperation)?.GetVariableInitializer()?.Value;
        return initializer is null ? null : Of(initializer, localHops, cancellationToken);
    }

    private static int? OfStackAlloc(StackAllocArrayCreationExpressionSyntax creation, SemanticModel? semanticModel, CancellationToken cancellationToken)
    {
        if (creation.Type is not ArrayTypeSyntax { RankSpecifiers.Count: 1 } type || type.RankSpecifiers[0].Sizes.Count != 1) return null;
        ExpressionSyntax size = type.RankSpecifiers[0].Sizes[0];
        if (size is OmittedArraySizeExpressionSyntax) return creation.Initializer?.Expressions.Count;
        return semanticModel is null ? null : AsLength(semanticModel.GetConstantValue(size, cancellationToken));
    }

    private static int? AsLength(Optional<object?> constant) => constant is { HasValue: true, Value: int length } && length >= 0 ? length : null;

    private static bool IsBuffer(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 1 }
        || type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
}
