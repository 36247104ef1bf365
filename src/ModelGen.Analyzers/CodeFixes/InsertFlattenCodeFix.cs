using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelGen.Generator.Model;

namespace ModelGen.Analyzers.CodeFixes;

/// <summary>MG0007 where the fix is a flatten: inserts <c>[Flatten]</c> right before the layer that needs a vector.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertFlattenCodeFix)), Shared]
public sealed class InsertFlattenCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [ProblemIds.LayerDoesNotFitShape];

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ModelDeclarationAnalyzer.FixProperty, out string? fix) || fix != nameof(ProblemFix.InsertFlatten)) continue;
            if (root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault() is not { Parent: AttributeListSyntax } layer) continue;
            context.RegisterCodeFix(
                CodeAction.Create("Insert [Flatten] before this layer", _ => Task.FromResult(context.Document.WithSyntaxRoot(InsertBefore(root, layer))), nameof(InsertFlattenCodeFix)),
                diagnostic);
        }
    }

    private static SyntaxNode InsertBefore(SyntaxNode root, AttributeSyntax layer)
    {
        var list = (AttributeListSyntax)layer.Parent!;
        AttributeSyntax flatten = SyntaxFactory.Attribute(FlattenName(layer.Name));
        if (list.Attributes.Count > 1)
            return root.ReplaceNode(list, list.WithAttributes(list.Attributes.Insert(list.Attributes.IndexOf(layer), flatten)));

        // The layer has its own [..] list: give Flatten one too, on its own line with the same indentation.
        AttributeListSyntax flattenList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(flatten))
            .WithLeadingTrivia(list.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"));
        return root.InsertNodesBefore(list, [flattenList]);
    }

    // Spell the name as the user spelled the layer's: Dense -> Flatten, ModelGen.Dense -> ModelGen.Flatten.
    private static NameSyntax FlattenName(NameSyntax layerName) => layerName switch
    {
        QualifiedNameSyntax qualified => qualified.WithRight(SyntaxFactory.IdentifierName("Flatten")),
        AliasQualifiedNameSyntax alias => alias.WithName(SyntaxFactory.IdentifierName("Flatten")),
        _ => SyntaxFactory.IdentifierName("Flatten"),
    };
}
