using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ModelGen.Generator.Parsing;

namespace ModelGen.Analyzers;

/// <summary>
/// Reports a span argument of a generated model method (<c>Predict</c>, <c>Forward</c>,
/// <c>Backward</c>, <c>ComputeLoss</c>, <c>ComputeLossAndGradients</c>) whose length is fixed in the
/// source and would make the method's length guard throw at run time. Arguments of unknown length
/// are never reported. The diagnostic sits on the argument's value, without any <c>name:</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CallSiteLengthAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(ModelDiagnostics.WrongLengthAtCallSite);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(ModelParser.ModelAttributeName) is not { } modelAttribute) return;
            // Parsing and shape inference run once per model type and compilation, however many calls it has.
            var lengthsByType = new ConcurrentDictionary<INamedTypeSymbol, ModelLengths?>(SymbolEqualityComparer.Default);
            start.RegisterOperationAction(context => AnalyzeInvocation(context, modelAttribute, lengthsByType), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(
        OperationAnalysisContext context, INamedTypeSymbol modelAttribute, ConcurrentDictionary<INamedTypeSymbol, ModelLengths?> lengthsByType)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (!BufferContract.IsCheckedMethod(method.Name)) return;

        ModelLengths? model = lengthsByType.GetOrAdd(method.ContainingType, type => IsModel(type, modelAttribute)
            ? ModelLengths.Infer(type, context.CancellationToken)
            : null);
        if (model is null) return;

        int? batch = BatchOfInputs(invocation, model, context);
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.IsImplicit || argument.Parameter is not { } parameter) continue;
            if (BufferContract.For(method.Name, parameter.Name) is not { } contract) continue;
            if (ConstantLength.Of(argument.Value, context.CancellationToken) is not { } actual) continue;
            if (contract.Problem(method.Name, parameter.Name, actual, batch, model) is { } message)
                context.ReportDiagnostic(Diagnostic.Create(ModelDiagnostics.WrongLengthAtCallSite, argument.Value.Syntax.GetLocation(), message));
        }
    }

    /// <summary>The number of samples in the <c>inputs</c> argument, when its length is known and whole.</summary>
    private static int? BatchOfInputs(IInvocationOperation invocation, ModelLengths model, OperationAnalysisContext context)
    {
        IArgumentOperation? inputs = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == BufferContract.InputsParameter);
        if (inputs is null || ConstantLength.Of(inputs.Value, context.CancellationToken) is not { } length) return null;
        return length > 0 && length % model.Input == 0 ? length / model.Input : null;
    }

    private static bool IsModel(INamedTypeSymbol type, INamedTypeSymbol modelAttribute) =>
        type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, modelAttribute));
}
