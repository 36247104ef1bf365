namespace ModelGen.Generator.Tests.Models;

/// <summary>
/// What every generated model class offers for ONNX export. The declarations below add it to the test
/// models, so they also check at compile time that the generated methods have exactly these signatures.
/// </summary>
internal interface IExportsOnnx
{
    void ExportOnnx(Stream stream);

    void ExportOnnx(string path);
}

public partial class TutorialClassifier : IExportsOnnx;
public partial class OddReluRegressor : IExportsOnnx;
public partial class OddLeakyTanhRegressor : IExportsOnnx;
public partial class OddGeluMultiLabel : IExportsOnnx;
public partial class OddTanhSoftmaxClassifier : IExportsOnnx;
public partial class OddSparseClassifier : IExportsOnnx;
public partial class OddSoftmaxRegressor : IExportsOnnx;
public partial class OddSigmoidCategorical : IExportsOnnx;
public partial class RegularizedClassifier : IExportsOnnx;
public partial class BreastCancerClassifier : IExportsOnnx;
public partial class ReshapingRegressor : IExportsOnnx;
public partial class StridedSameCnn : IExportsOnnx;
public partial class DilatedMaxPoolCnn : IExportsOnnx;
public partial class ReluMaxPoolCnn : IExportsOnnx;
public partial class BatchNormDropoutCnn : IExportsOnnx;
public partial class FashionLikeCnn : IExportsOnnx;
public partial class LeNetCnn : IExportsOnnx;
public partial class ChunkedCnn : IExportsOnnx;
public partial class AsymmetricPaddingCnn : IExportsOnnx;

public static partial class Outer
{
    public partial class NestedModel : IExportsOnnx;
}
public partial class WideReluClassifier : IExportsOnnx;
public partial class WideTanhRegressor : IExportsOnnx;
public partial class WideGeluMultiLabel : IExportsOnnx;
