// A declaration the package's analyzers must stop: a [Dense] straight after a rank-3 [Input], with
// no [Flatten] between them, is MG0007.
using ModelGen;

[Model(Loss = Loss.SparseCategoricalCrossEntropy)]
[Input(28, 28, 1)]
[Dense(10, Activation.Softmax)]
public partial class ImageClassifierWithoutFlatten;
