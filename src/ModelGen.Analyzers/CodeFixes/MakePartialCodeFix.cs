using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelGen.Generator.Model;

namespace ModelGen.Analyzers.CodeFixes;

/// <summary>
/// MG0001 and MG0002: adds <c>partial</c> to the model class, or to the types that contain it, in
/// every declaration of each (a type split over files needs the keyword on each part).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [ProblemIds.NotPartial, ProblemIds.ContainingTypeNotPartial];

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null || root is null) return;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            var declaration = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (declaration is null || model.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol type) continue;

            ImmutableArray<INamedTypeSymbol> targets = diagnostic.Id == ProblemIds.NotPartial
                ? [type]
                : Containing(type).Where(t => !t.IsGenericType).ToImmutableArray();
            if (targets.IsEmpty) continue;
            string title = diagnostic.Id == ProblemIds.NotPartial ? $"Make '{type.Name}' partial" : $"Make the types containing '{type.Name}' partial";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => AddPartial(context.Document.Project.Solution, targets, ct), equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    private static ImmutableArray<INamedTypeSymbol> Containing(INamedTypeSymbol type)
    {
        var containing = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType) containing.Add(outer);
        return containing.ToImmutable();
    }

    private static async Task<Solution> AddPartial(Solution solution, ImmutableArray<INamedTypeSymbol> types, CancellationToken cancellationToken)
    {
        // Group the declarations by document so each document is rewritten once.
        var byTree = types.SelectMany(t => t.DeclaringSyntaxReferences).GroupBy(r => r.SyntaxTree);
        foreach (var group in byTree)
        {
            DocumentId? id = solution.GetDocumentId(group.Key);
            if (id is null) continue;
            SyntaxNode root = await group.Key.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var declarations = group.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
                .Where(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword));
            root = root.ReplaceNodes(declarations, (_, rewritten) => WithPartial(rewritten));
            solution = solution.WithDocumentSyntaxRoot(id, root);
        }
        return solution;
    }

    // C# requires 'partial' right before the type keyword, after every other modifier.
    private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax declaration)
    {
        SyntaxToken partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count > 0) return declaration.AddModifiers(partial);
        // No modifiers: the keyword takes over the type keyword's leading trivia (indentation, comments).
        SyntaxToken keyword = declaration.Keyword;
        return declaration
            .WithKeyword(keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }
}
