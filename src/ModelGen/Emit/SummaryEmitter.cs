using System.Linq;
using System.Text;
using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Emit;

/// <summary>Builds the text of <c>Summary()</c> at generation time, laid out as Keras' <c>model.summary()</c>.</summary>
internal static class SummaryEmitter
{
    private const int NameWidth = 29, ShapeWidth = 26;

    public static string Build(ModelPlan plan)
    {
        var text = new StringBuilder();
        string rule = new('_', 65), doubleRule = new('=', 65);
        text.Append("Model: \"").Append(plan.Spec.ClassName).Append("\"\n").Append(rule).Append('\n');
        text.Append(" Layer (type)".PadRight(NameWidth)).Append("Output Shape".PadRight(ShapeWidth)).Append("Param #\n");
        text.Append(doubleRule).Append('\n');
        text.Append(Row($" input (Input)", plan.Input.WithBatch("None"), 0));
        foreach (LayerPlan layer in plan.Layers)
            text.Append(Row($" {layer.Spec.Name} ({layer.Spec.KindName})", layer.Output.WithBatch("None"), layer.ParameterCount + layer.StateCount));
        text.Append(doubleRule).Append('\n');
        long trainable = plan.ParameterCount, state = plan.StateCount, total = trainable + state;
        text.Append("Total params: ").Append(Literals.Count(total)).Append(" (").Append((total * 4 / 1024.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)).Append(" KB)\n");
        text.Append("Trainable params: ").Append(Literals.Count(trainable)).Append('\n');
        text.Append("Non-trainable params: ").Append(Literals.Count(state)).Append('\n').Append(rule);
        return text.ToString();
    }

    private static string Row(string name, string shape, long parameters) =>
        name.PadRight(NameWidth) + shape.PadRight(ShapeWidth) + Literals.Count(parameters) + "\n";
}
