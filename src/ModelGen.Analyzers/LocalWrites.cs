using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ModelGen.Analyzers;

/// <summary>
/// Whether a local may be given another value after its declaration: assigned (also through a
/// tuple), passed by <c>ref</c> or <c>out</c>, or aliased by a <c>ref</c> local. Matches by name
/// across the whole enclosing member, so a same-named variable elsewhere can only turn the answer
/// into "maybe", never into a wrong "no".
/// </summary>
internal static class LocalWrites
{
    public static bool MayBeReassigned(VariableDeclaratorSyntax declarator, string name)
    {
        SyntaxNode scope = declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member and not GlobalStatementSyntax
            ? member
            : declarator.SyntaxTree.GetRoot(); // top-level statements share the file's scope
        return scope.DescendantNodes()
            .OfType<IdentifierNameSyntax>()
            .Any(identifier => identifier.Identifier.ValueText == name && IsWritten(identifier));
    }

    private static bool IsWritten(IdentifierNameSyntax identifier)
    {
        if (identifier.Parent is ArgumentSyntax argument && argument.RefKindKeyword.Kind() is SyntaxKind.RefKeyword or SyntaxKind.OutKeyword)
            return true;
        if (identifier.Parent is RefExpressionSyntax) return true;

        SyntaxNode target = identifier;
        while (EnclosingTupleOrParentheses(target) is { } enclosing) target = enclosing;
        return target.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target;
    }

    // (a, b) = (b, a) writes both a and b.
    private static SyntaxNode? EnclosingTupleOrParentheses(SyntaxNode node) => node.Parent switch
    {
        ArgumentSyntax { Parent: TupleExpressionSyntax tuple } => tuple,
        ParenthesizedExpressionSyntax parenthesized => parenthesized,
        _ => null,
    };
}
