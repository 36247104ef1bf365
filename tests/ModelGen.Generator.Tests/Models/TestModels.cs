using ModelGen;

namespace ModelGen.Generator.Tests.Models;

// Models compiled by the generator as part of this test project. The odd sizes (37 -> 13 -> 5)
// leave tails in every vector path; between them they cover every activation and every loss,
// fused with its output activation and not.

/// <summary>The tutorial's classifier: 10 -> 64 -> 32 -> 1.</summary>
[Model(Loss = Loss.BinaryCrossEntropy)]
[Input(10)]
[Dense(64, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class TutorialClassifier;

[Model(Loss = Loss.MeanSquaredError)]
[Input(37)]
[Dense(13, Activation.ReLU)]
[Dense(5)]
public partial class OddReluRegressor;

[Model(Loss = Loss.MeanSquaredError)]
[Input(37)]
[Dense(13, Activation.LeakyReLU, NegativeSlope = 0.1f)]
[Dense(5, Activation.Tanh, UseBias = false)]
public partial class OddLeakyTanhRegressor;

[Model(Loss = Loss.BinaryCrossEntropy)]
[Input(37)]
[Dense(13, Activation.Gelu)]
[Dense(5, Activation.Sigmoid)]
public partial class OddGeluMultiLabel;

[Model(Loss = Loss.CategoricalCrossEntropy)]
[Input(37)]
[Dense(13, Activation.Tanh)]
[Dense(5, Activation.Softmax)]
public partial class OddTanhSoftmaxClassifier;

[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(37)]
[Dense(13, Activation.Sigmoid, KernelInitializer = Initializer.HeNormal)]
[Dense(5, Activation.Softmax)]
public partial class OddSparseClassifier;

[Model(Loss = Loss.MeanSquaredError)]
[Input(37)]
[Dense(13, Activation.ReLU)]
[Dense(5, Activation.Softmax)]
public partial class OddSoftmaxRegressor;

// Deliberately unfused: checks the loss's on-probabilities path, which MG0015 warns about.
#pragma warning disable MG0015
[Model(Loss = Loss.CategoricalCrossEntropy)]
[Input(37)]
[Dense(13, Activation.ReLU)]
[Dense(5, Activation.Sigmoid)]
public partial class OddSigmoidCategorical;
#pragma warning restore MG0015

[Model(Loss = Loss.BinaryCrossEntropy, L2 = 0.01f)]
[Input(6)]
[Dense(4, Activation.ReLU, L1 = 0.02f)]
[Dense(1, Activation.Sigmoid)]
public partial class RegularizedClassifier;

public static partial class Outer
{
    /// <summary>A model nested in a partial type.</summary>
    [Model(Loss = Loss.MeanSquaredError)]
    [Input(3)]
    [Dense(2, Name = "hidden")]
    public partial class NestedModel;
}

/// <summary>The breast-cancer sample's model: 30 -> 64 -> 32 -> 1.</summary>
[Model(Loss = Loss.BinaryCrossEntropy)]
[Input(30)]
[Dense(64, Activation.ReLU, L2 = 1e-4f)]
[Dense(32, Activation.ReLU, L2 = 1e-4f)]
[Dense(1, Activation.Sigmoid)]
public partial class BreastCancerClassifier;

/// <summary>Flatten and Reshape between dense layers: the same function as a 24 -> 5 -> 3 MLP.</summary>
[Model(Loss = Loss.MeanSquaredError)]
[Input(3, 4, 2)]
[Flatten]
[Dense(5, Activation.Tanh)]
[Reshape(5, 1)]
[Flatten(Name = "flat")]
[Dense(3)]
public partial class ReshapingRegressor;

/// <summary>Stride 2 with same padding on an odd 7x7x3 image, 3x3 kernel, 5 filters; average pooling.</summary>
[Model(Loss = Loss.MeanSquaredError)]
[Input(7, 7, 3)]
[Conv2D(5, 3, Activation.Tanh, Stride = 2, Padding = Padding.Same)]
[AvgPool2D(2)]
[Flatten]
[Dense(3, Activation.Sigmoid)]
public partial class StridedSameCnn;

/// <summary>Dilation 2, overlapping max pooling (3, stride 2) and global average pooling.</summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(9, 9, 2)]
[Conv2D(4, 3, Activation.Gelu, Dilation = 2)]
[MaxPool2D(3, Stride = 2)]
[GlobalAveragePooling2D]
[Dense(3, Activation.Softmax)]
public partial class DilatedMaxPoolCnn;

/// <summary>
/// ReLU into 2x2 max pooling over 16 channels (the vector path of the pooling's backward, which then also takes
/// the ReLU's), then a leaky ReLU into overlapping max pooling (the scalar path), whose input gradient goes
/// through the first pair.
/// </summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(6, 6, 2)]
[Conv2D(16, 3, Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(2)]
[Conv2D(3, 1, Activation.LeakyReLU, NegativeSlope = 0.2f)]
[MaxPool2D(2, Stride = 1)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class ReluMaxPoolCnn;

/// <summary>Batch norm on images and on vectors, dropout, a 1x1 convolution and same-padded average pooling.</summary>
[Model(Loss = Loss.CategoricalCrossEntropy)]
[Input(6, 6, 2)]
[Conv2D(3, 3, Activation.Tanh, Padding = Padding.Same)]
[BatchNormalization(Momentum = 0.9f)]
[Dropout(0.3f)]
[Conv2D(4, 1, Activation.Sigmoid)]
[AvgPool2D(4, Stride = 3, Padding = Padding.Same)]
[Flatten]
[BatchNormalization]
[Dense(3, Activation.Softmax)]
public partial class BatchNormDropoutCnn;

/// <summary>
/// The Fashion-MNIST sample's batch-norm + dropout CNN at a smaller width, with batch-norm momentum
/// 0.9 so the moving statistics settle within the smoke test's 125 steps (Keras' 0.99 needs ~460).
/// </summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(28, 28, 1)]
[Conv2D(8, 3, Activation.ReLU, Padding = Padding.Same)]
[BatchNormalization(Momentum = 0.9f)]
[MaxPool2D(2)]
[Dropout(0.25f)]
[Conv2D(16, 3, Activation.ReLU, Padding = Padding.Same)]
[BatchNormalization(Momentum = 0.9f)]
[MaxPool2D(2)]
[Dropout(0.25f)]
[Flatten]
[Dense(32, Activation.ReLU)]
[Dropout(0.5f)]
[Dense(10, Activation.Softmax)]
public partial class FashionLikeCnn;

// The second pooling drops the last row and column of its 11x11 input, as Keras' would: MG0008 says so.
#pragma warning disable MG0008
/// <summary>LeNet-style: conv 3x3x32, pool, conv 3x3x64, pool, dense 128, dense 10, on 28x28x1 images.</summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(28, 28, 1)]
[Conv2D(32, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(64, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class LeNetCnn;
#pragma warning restore MG0008

/// <summary>
/// A flat input reshaped into a non-square 8x4x3 image; same padding with stride 2 that pads one
/// cell after the input and none before, on both axes, for a convolution (with softmax over the whole
/// sample) and for max pooling; a LeakyReLU 1x1 convolution without bias, batch norm on the image.
/// </summary>
[Model(Loss = Loss.MeanSquaredError)]
[Input(96)]
[Reshape(8, 4, 3)]
[Conv2D(6, 3, Activation.Softmax, Stride = 2, Padding = Padding.Same)]
[MaxPool2D(3, Stride = 2, Padding = Padding.Same)]
[Conv2D(4, 1, Activation.LeakyReLU, NegativeSlope = 0.3f, UseBias = false)]
[BatchNormalization(Epsilon = 0.01f)]
[Reshape(8)]
[Dense(3, Activation.Gelu)]
public partial class AsymmetricPaddingCnn;

/// <summary>Image layers of about 270 KB per sample: batched inference takes them 7 samples at a time.</summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(32, 32, 3)]
[Conv2D(16, 3, Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(2)]
[Conv2D(32, 3, Activation.ReLU, Padding = Padding.Same)]
[MaxPool2D(2)]
[Flatten]
[Dense(10, Activation.Softmax)]
public partial class ChunkedCnn;

// Wide first layers (256 inputs or more), whose kernel a split training step splits by rows (DenseRowSplit): a fused
// ReLU with an L2 penalty on the split kernel, an unfused activation without a bias, and GELU's kept pre-activation.

/// <summary>A 300 -> 37 -> 10 classifier, its first kernel penalized.</summary>
[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(300)]
[Dense(37, Activation.ReLU, L2 = 1e-3f)]
[Dense(10, Activation.Softmax)]
public partial class WideReluClassifier;

/// <summary>A 257 -> 19 -> 3 regressor whose first layer has no bias.</summary>
[Model(Loss = Loss.MeanSquaredError)]
[Input(257)]
[Dense(19, Activation.Tanh, UseBias = false)]
[Dense(3)]
public partial class WideTanhRegressor;

/// <summary>A 260 -> 24 -> 4 multi-label model with GELU, whose backward reads the pre-activation.</summary>
[Model(Loss = Loss.BinaryCrossEntropy)]
[Input(260)]
[Dense(24, Activation.Gelu)]
[Dense(4, Activation.Sigmoid)]
public partial class WideGeluMultiLabel;
