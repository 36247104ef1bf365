using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using ModelGen.Analyzers;
using ModelGen.Analyzers.CodeFixes;

namespace ModelGen.Generator.Tests.Diagnostics;

/// <summary>
/// Each code fix turns the marked-up broken declaration into the fixed one, after which the
/// analyzer reports nothing (the testing library re-runs it on the fixed code).
/// </summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task MG0001_fix_adds_partial_after_the_other_modifiers() => VerifyAsync<MakePartialCodeFix>("""
        using ModelGen;

        [Model] [Input(4)] [Dense(1)]
        public sealed class {|MG0001:Plain|};
        """, """
        using ModelGen;

        [Model] [Input(4)] [Dense(1)]
        public sealed partial class Plain;
        """);

    [Fact]
    public Task MG0001_fix_on_a_class_without_modifiers_keeps_its_layout() => VerifyAsync<MakePartialCodeFix>("""
        using ModelGen;

        namespace Demo
        {
            [Model]
            [Input(4)]
            [Dense(1)]
            class {|MG0001:Bare|} { }
        }
        """, """
        using ModelGen;

        namespace Demo
        {
            [Model]
            [Input(4)]
            [Dense(1)]
            partial class Bare { }
        }
        """);

    [Fact]
    public Task MG0002_fix_makes_every_containing_type_partial() => VerifyAsync<MakePartialCodeFix>("""
        using ModelGen;

        public static class Outer
        {
            internal class Middle
            {
                [Model] [Input(4)] [Dense(1)]
                public partial class {|MG0002:{|MG0002:Inner|}|};
            }
        }
        """, """
        using ModelGen;

        public static partial class Outer
        {
            internal partial class Middle
            {
                [Model] [Input(4)] [Dense(1)]
                public partial class Inner;
            }
        }
        """);

    [Fact]
    public Task MG0007_fix_inserts_flatten_on_its_own_line_before_the_dense_layer() => VerifyAsync<InsertFlattenCodeFix>("""
        using ModelGen;

        [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
        [Input(28, 28, 1)]
        [{|MG0007:Dense(128, Activation.ReLU)|}]
        [Dense(10, Activation.Softmax)]
        public partial class Classifier;
        """, """
        using ModelGen;

        [Model(Loss = Loss.SparseCategoricalCrossEntropy)]
        [Input(28, 28, 1)]
        [Flatten]
        [Dense(128, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        public partial class Classifier;
        """);

    [Fact]
    public Task MG0007_fix_inside_a_shared_attribute_list_keeps_the_qualified_spelling() => VerifyAsync<InsertFlattenCodeFix>("""
        [ModelGen.Model, ModelGen.Input(4, 4, 2), {|MG0007:ModelGen.Dense(3)|}]
        public partial class Qualified;
        """, """
        [ModelGen.Model, ModelGen.Input(4, 4, 2), ModelGen.Flatten, ModelGen.Dense(3)]
        public partial class Qualified;
        """);

    [Fact]
    public Task MG0007_without_a_flatten_fix_offers_no_code_fix() => VerifyAsync<InsertFlattenCodeFix>("""
        using ModelGen;

        [Model] [Input(784)] [{|MG0007:Conv2D(8, 3)|}]
        public partial class ConvOnVector;
        """, """
        using ModelGen;

        [Model] [Input(784)] [{|MG0007:Conv2D(8, 3)|}]
        public partial class ConvOnVector;
        """);

    private static Task VerifyAsync<TCodeFix>(string source, string fixedSource)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<ModelDeclarationAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
        };
        OfflineTestEnvironment.Apply(test);
        return test.RunAsync();
    }
}
