using Verify = ModelGen.Generator.Tests.Diagnostics.AnalyzerVerifier<ModelGen.Analyzers.ModelDeclarationAnalyzer>;

namespace ModelGen.Generator.Tests.Diagnostics;

/// <summary>
/// One test per declaration diagnostic id (MG0011 has its own class): the markup pins the exact
/// span (the argument where there is one, else the attribute, else the class name), and the
/// message is checked for the shapes and values it must name. The generator runs too, so a
/// compiler error from generated code would show up as an unexpected diagnostic.
/// </summary>
public sealed class DeclarationDiagnosticTests
{
    [Fact]
    public Task MG0001_model_class_not_partial() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model] [Input(4)] [Dense(1)]
        public class {|#0:Plain|};
        """, Verify.Diagnostic("MG0001").WithLocation(0)
            .WithMessage("Model class 'Plain' must be declared partial so the generator can add its members"));

    [Fact]
    public Task MG0002_containing_type_not_partial() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        public class Outer
        {
            [Model] [Input(4)] [Dense(1)]
            public partial class {|#0:Inner|};
        }
        """, Verify.Diagnostic("MG0002").WithLocation(0)
            .WithMessage("Type 'Outer', which contains model 'Inner', must be a non-generic, non-file-local partial type"));

    [Fact]
    public Task MG0003_generic_model() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model] [Input(4)] [Dense(1)]
        public partial class {|#0:Generic|}<T>;
        """, Verify.Diagnostic("MG0003").WithLocation(0)
            .WithMessage("Model class 'Generic' cannot be generic: its shapes are fixed at compile time"));

    [Fact]
    public Task MG0004_no_input() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model] [Dense(1)]
        public partial class {|#0:NoInput|};
        """, Verify.Diagnostic("MG0004").WithLocation(0)
            .WithMessage("Model 'NoInput' declares no input shape; add [Input(...)] with the shape of one sample"));

    [Fact]
    public Task MG0005_non_positive_input_dimension_on_that_dimension() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model] [Input(28, {|#0:-3|}, 1)] [Flatten] [Dense(10)]
        public partial class BadInput;
        """, Verify.Diagnostic("MG0005").WithLocation(0)
            .WithMessage("Input shape (28, -3, 1) has dimension 1 = -3; every dimension must be positive"));

    [Fact]
    public Task MG0005_empty_reshape_target() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model] [Input(4)] [{|#0:Reshape|}] [Dense(1)]
        public partial class EmptyReshape;
        """, Verify.Diagnostic("MG0005").WithLocation(0)
            .WithMessage("Layer 'reshape1' (Reshape): target shape is empty; give at least one dimension"));

    [Fact]
    public Task MG0006_arguments_out_of_range_name_the_argument_and_value() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model({|#4:L2 = -1f|})]
        [Input(28, 28, 1)]
        [Conv2D({|#0:0|}, 3, {|#1:Dilation = -2|})]
        [MaxPool2D(2, {|#2:Padding = (Padding)7|})]
        [Dropout({|#3:1f|})]
        [BatchNormalization({|#5:Epsilon = 0f|})]
        [Flatten]
        [Dense(10, {|#6:(Activation)42|})]
        public partial class OutOfRange;
        """,
        Verify.Diagnostic("MG0006").WithLocation(4).WithMessage("Model: L2 must be a non-negative number, got -1"),
        Verify.Diagnostic("MG0006").WithLocation(0).WithMessage("Layer 'conv2d1' (Conv2D): filters must be positive, got 0"),
        Verify.Diagnostic("MG0006").WithLocation(1).WithMessage("Layer 'conv2d1' (Conv2D): Dilation must be positive, got -2"),
        Verify.Diagnostic("MG0006").WithLocation(2).WithMessage("Layer 'max_pooling2d1' (MaxPool2D): unknown Padding value 7"),
        Verify.Diagnostic("MG0006").WithLocation(3).WithMessage("Layer 'dropout1' (Dropout): rate must be in [0, 1), got 1"),
        Verify.Diagnostic("MG0006").WithLocation(5).WithMessage("Layer 'batch_normalization1' (BatchNormalization): Epsilon must be a positive number, got 0"),
        Verify.Diagnostic("MG0006").WithLocation(6).WithMessage("Layer 'dense1' (Dense): unknown activation value 42"));

    [Fact]
    public Task MG0007_dense_on_an_image_names_the_shape_and_the_flatten_fix() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model] [Input(28, 28, 1)] [{|#0:Dense(10)|}]
        public partial class DenseOnImage;
        """, Verify.Diagnostic("MG0007").WithLocation(0)
            .WithMessage("Layer 'dense1' (Dense) needs a rank-1 input of features, but receives (28, 28, 1); add [Flatten] before it to make it (784)"));

    [Fact]
    public Task MG0007_kernel_larger_than_input_and_rank_and_reshape_mismatches() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model] [Input(4, 4, 1)] [Conv2D(8, {|#0:5|})]
        public partial class KernelTooLarge;

        [Model] [Input(6, 6, 2)] [Conv2D(8, {|#1:3|}, Dilation = 3)]
        public partial class DilatedTooLarge;

        [Model] [Input(28, 28)] [{|#2:MaxPool2D(2)|}]
        public partial class PoolOnMatrix;

        [Model] [Input(784)] [{|#3:Reshape(28, 27, 1)|}]
        public partial class ReshapeMismatch;
        """,
        Verify.Diagnostic("MG0007").WithLocation(0).WithMessage("Layer 'conv2d1' (Conv2D): kernel 5x5 is larger than its (4, 4, 1) input; use Padding = Padding.Same, a smaller window, or less downsampling before it"),
        Verify.Diagnostic("MG0007").WithLocation(1).WithMessage("Layer 'conv2d1' (Conv2D): kernel 3x3 with dilation 3 (spanning 7x7) is larger than its (6, 6, 2) input; use Padding = Padding.Same, a smaller window, or less downsampling before it"),
        Verify.Diagnostic("MG0007").WithLocation(2).WithMessage("Layer 'max_pooling2d1' (MaxPooling2D) needs a rank-3 input (height, width, channels), but receives (28, 28); add a channel axis with [Reshape(28, 28, 1)] before it"),
        Verify.Diagnostic("MG0007").WithLocation(3).WithMessage("Layer 'reshape1' (Reshape) cannot turn (784) (784 values) into (28, 27, 1) (756 values); the target shape must hold the same number of values"));

    [Fact]
    public Task MG0008_window_that_does_not_tile_says_which_rows_are_dropped() => Verify.VerifyAsync("""
        using ModelGen;
        [Model]
        [Input(7, 7, 1)]
        [MaxPool2D({|#0:2|})]
        [Conv2D(4, 2, {|#1:Stride = 2|})]
        [Flatten]
        [Dense(1)]
        public partial class DropsBorders;

        [Model] [Input(8, 8, 1)] [MaxPool2D(2)] [Conv2D(4, 3, Stride = 2, Padding = Padding.Same)] [Flatten] [Dense(1)]
        public partial class Tiles;
        """,
        Verify.Diagnostic("MG0008").WithLocation(0).WithMessage("Layer 'max_pooling2d1' (MaxPooling2D): pool 2x2 with stride 2 does not tile its (7, 7, 1) input; the last row (row 6) and the last column (column 6) never reach its 3x3 output; use Padding = Padding.Same or change the stride to keep them"),
        Verify.Diagnostic("MG0008").WithLocation(1).WithMessage("Layer 'conv2d1' (Conv2D): kernel 2x2 with stride 2 does not tile its (3, 3, 1) input; the last row (row 2) and the last column (column 2) never reach its 1x1 output; use Padding = Padding.Same or change the stride to keep them"));

    [Fact]
    public Task MG0009_output_does_not_match_the_loss() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model(Loss = Loss.BinaryCrossEntropy)] [Input(10)] [{|#0:Dense(2, Activation.Softmax)|}]
        public partial class SoftmaxBinary;

        [Model(Loss = Loss.CategoricalCrossEntropy)] [Input(10)] [{|#1:Dense(1, Activation.Sigmoid)|}]
        public partial class OneUnitCategorical;

        [Model(Loss = Loss.SparseCategoricalCrossEntropy, Classes = 10)] [Input(10)] [{|#2:Dense(8, Activation.Softmax)|}]
        public partial class WrongClassCount;

        [Model(Loss = Loss.BinaryCrossEntropy, Classes = 2)] [Input(10)] [{|#3:Dense(2, Activation.Sigmoid)|}]
        public partial class TwoClassesTwoUnits;
        """,
        Verify.Diagnostic("MG0009").WithLocation(0).WithMessage("Binary cross-entropy needs independent probabilities, but layer 'dense1' ends in softmax; use a sigmoid output, or categorical cross-entropy"),
        Verify.Diagnostic("MG0009").WithLocation(1).WithMessage("Categorical cross-entropy needs one output per class (at least 2), but layer 'dense1' outputs (1); use binary cross-entropy with one sigmoid unit, or widen the layer"),
        Verify.Diagnostic("MG0009").WithLocation(2).WithMessage("The model declares 10 classes, but layer 'dense1' outputs (8); give it 10 units"),
        Verify.Diagnostic("MG0009").WithLocation(3).WithMessage("The model declares 2 classes, so binary cross-entropy needs one sigmoid unit, but layer 'dense1' outputs (2)"));

    [Fact]
    public Task MG0010_large_model_gives_its_size_and_still_generates() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model] [Input(4096)] [Dense(4096)] [Dense(4096)]
        public partial class {|#0:Large|};

        public static class Use
        {
            // Binds only if the generator emitted the model: an info does not stop it.
            public const int Inputs = Large.InputLength;
        }
        """, Verify.Diagnostic("MG0010").WithLocation(0)
            .WithMessage("Model 'Large' has 2 layers and 33,562,624 parameters (128.0 MiB of float32); above 64 layers or 16,777,216 parameters the generated code and embedded weights slow the build down"));

    [Fact]
    public Task MG0012_no_layers() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model] [Input(4)]
        public partial class {|#0:Empty|};
        """, Verify.Diagnostic("MG0012").WithLocation(0)
            .WithMessage("Model 'Empty' declares no layers; add at least one layer attribute such as [Dense(1)]"));

    [Fact]
    public Task MG0013_invalid_and_duplicate_layer_names_on_the_name() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model] [Input(4)] [Dense(4, {|#0:Name = "1st"|})] [Dense(1)]
        public partial class DigitFirst;

        [Model] [Input(4)] [Dense(4, Name = "dense2")] [{|#1:Dense(1)|}]
        public partial class CollidesWithDefault;
        """,
        Verify.Diagnostic("MG0013").WithLocation(0).WithMessage("Layer name '1st' must be letters, digits and underscores, starting with a letter"),
        Verify.Diagnostic("MG0013").WithLocation(1).WithMessage("Layer name 'dense2' is already used by an earlier layer (names are compared without case or underscores); give this layer another Name"));

    [Fact]
    public Task MG0014_unknown_layer_attribute() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        public sealed class SwishAttribute : LayerAttribute;

        [Model] [Input(4)] [Dense(4)] [{|#0:Swish|}]
        public partial class CustomLayer;
        """, Verify.Diagnostic("MG0014").WithLocation(0)
            .WithMessage("'SwishAttribute' derives from LayerAttribute but is not a layer ModelGen knows how to compile; use one of ModelGen's layer attributes"));

    [Fact]
    public Task MG0015_output_that_is_not_a_probability() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model(Loss = Loss.BinaryCrossEntropy)] [Input(10)] [{|#0:Dense(1, Activation.Tanh)|}]
        public partial class TanhBinary;

        [Model(Loss = Loss.CategoricalCrossEntropy)] [Input(10)] [{|#1:Dense(3)|}]
        public partial class LinearCategorical;
        """,
        Verify.Diagnostic("MG0015").WithLocation(0).WithMessage("Binary cross-entropy expects probabilities in (0, 1), but layer 'dense1' ends in Tanh; use Activation.Sigmoid, which is also fused with the loss for stability"),
        Verify.Diagnostic("MG0015").WithLocation(1).WithMessage("Categorical cross-entropy expects a probability distribution, but layer 'dense1' ends in Linear; use Activation.Softmax, which is also fused with the loss for stability"));

    [Fact]
    public Task MG0016_record_static_or_file_local_model() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model] [Input(3)] [Dense(1)]
        public partial record {|#0:Regressor|};

        [Model] [Input(3)] [Dense(1)]
        public static partial class {|#1:Holder|};
        """,
        Verify.Diagnostic("MG0016").WithLocation(0).WithMessage("Model 'Regressor' cannot be a record: a record's generated copy and equality would share and compare the parameter buffers; declare it as a partial class"),
        Verify.Diagnostic("MG0016").WithLocation(1).WithMessage("Model class 'Holder' cannot be static: a model is an instance that holds its parameters"));

    [Fact]
    public Task A_valid_model_of_every_layer_kind_has_no_diagnostics() => Verify.VerifyWithGeneratorAsync("""
        using ModelGen;
        [Model(Loss = Loss.SparseCategoricalCrossEntropy, Classes = 10)]
        [Input(28, 28, 1)]
        [Conv2D(8, 3, Activation.ReLU, Padding = Padding.Same)]
        [BatchNormalization]
        [MaxPool2D(2)]
        [Conv2D(16, 3, Activation.ReLU)]
        [AvgPool2D(2, Stride = 2, Padding = Padding.Same)]
        [Dropout(0.25f)]
        [Flatten]
        [Reshape(6, 6, 16)]
        [GlobalAveragePooling2D]
        [Dense(10, Activation.Softmax)]
        public partial class EveryKind;
        """);
}
