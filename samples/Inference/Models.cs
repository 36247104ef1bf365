using ModelGen;

namespace FashionMnistSample
{
    /// <summary>The Fashion-MNIST CNN, with the weights samples/FashionMnist trained (0.9 test accuracy).</summary>
    [EmbeddedWeights("fashion-cnn.safetensors")]
    public partial class FashionCnn;
}

/// <summary>The breast-cancer MLP on raw measurements: samples/BreastCancer's weights with its standardization folded in.</summary>
[EmbeddedWeights("weights/breast-cancer.safetensors")]
public partial class BreastCancerClassifier;
