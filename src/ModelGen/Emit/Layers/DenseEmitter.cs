using System.Collections.Generic;
using ModelGen.Generator.Model;
using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit.Layers;

/// <summary>Dense: <c>z = input · kernel + bias</c>, kernel <c>(inputs, units)</c>.</summary>
internal sealed class DenseEmitter : LayerEmitter
{
    public static readonly DenseEmitter Instance = new();

    private const string Kernels = "global::ModelGen.Kernels.DenseKernels";

    public override (ActivationKind Activation, float Slope) Activation(LayerPlan layer)
    {
        var dense = (DenseSpec)layer.Spec;
        return (dense.Activation, dense.NegativeSlope);
    }

    public override void EmitParameterViews(SourceWriter writer, LayerPlan layer)
    {
        var dense = (DenseSpec)layer.Spec;
        string pascal = new LayerNames(layer).Pascal;
        int inputs = layer.Input.Length, kernelLength = inputs * dense.Units;
        EmitTrainedView(writer, pascal + "Kernel", $"{dense.Name} kernel, ({inputs}, {dense.Units}): inputs x units.", layer.ParameterOffset, kernelLength);
        if (dense.UseBias)
            EmitTrainedView(writer, pascal + "Bias", $"{dense.Name} bias, ({dense.Units}).", layer.ParameterOffset + kernelLength, dense.Units);
    }

    public override void EmitInitialization(SourceWriter writer, LayerPlan layer)
    {
        var dense = (DenseSpec)layer.Spec;
        var names = new LayerNames(layer);
        writer.Line($"global::ModelGen.Initializers.WeightInitializer.Initialize(global::ModelGen.Initializer.{dense.KernelInitializer}, " +
                    $"{names.Pascal}Kernel, fanIn: {layer.Input.Length}, fanOut: {dense.Units}, random);");
        if (dense.UseBias) writer.Line($"{names.Pascal}Bias.Clear();");
    }

    public override bool FusesRelu => true;

    public override bool TreatsSamplesApart => true;

    public override void EmitForward(SourceWriter writer, LayerPlan layer, string input, string z, string batch, Pass pass)
    {
        var dense = (DenseSpec)layer.Spec;
        writer.Line($"{Kernels}.Forward({input}, {new LayerNames(layer).Pascal}Kernel, {Bias(layer)}, {z}, {batch}, {layer.Input.Length}, {dense.Units}{FusedReluArgument(layer)});");
    }

    public override void EmitBackward(SourceWriter writer, LayerPlan layer, string input, string gradient, string inputGradient, string batch, Pass pass)
    {
        var dense = (DenseSpec)layer.Spec;
        int kernelLength = layer.Input.Length * dense.Units;
        string kernelGradient = GradientView(layer, "Kernel", layer.ParameterOffset, kernelLength, pass);
        string biasGradient = dense.UseBias ? GradientView(layer, "Bias", layer.ParameterOffset + kernelLength, dense.Units, pass) : "default";
        writer.Line($"{Kernels}.Backward({input}, {new LayerNames(layer).Pascal}Kernel, {gradient}, {kernelGradient}, {biasGradient}, {inputGradient}, {batch}, {layer.Input.Length}, {dense.Units}{(pass == Pass.Share ? ", accumulate: false" : "")});");
    }

    public override void EmitOnnx(SourceWriter writer, LayerPlan layer) =>
        writer.Line($"graph.Dense({NameLiteral(layer)}, {new LayerNames(layer).Pascal}Kernel, {Bias(layer)}, {((DenseSpec)layer.Spec).Units});");

    private static string Bias(LayerPlan layer) =>
        ((DenseSpec)layer.Spec).UseBias ? new LayerNames(layer).Pascal + "Bias" : "default";
}
