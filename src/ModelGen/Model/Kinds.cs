namespace ModelGen.Generator.Model;

// Mirrors of the runtime enums (ModelGen.Activation, ModelGen.Loss, ModelGen.Initializer): the
// generator targets netstandard2.0 and cannot reference the runtime, so attribute arguments
// arrive as these underlying values. The numbering must match the runtime's.

internal enum ActivationKind { Linear, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, Gelu }

internal enum LossKind { MeanSquaredError, BinaryCrossEntropy, CategoricalCrossEntropy, SparseCategoricalCrossEntropy }

internal enum InitializerKind { GlorotUniform, HeNormal }

internal enum PaddingKind { Valid, Same }
