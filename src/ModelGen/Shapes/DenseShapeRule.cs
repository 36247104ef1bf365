using System.Collections.Generic;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Shapes;

/// <summary>Dense maps <c>(features)</c> to <c>(units)</c> with a <c>(features, units)</c> kernel and a bias.</summary>
internal static class DenseShapeRule
{
    public static (TensorShape? Output, int Parameters) Infer(DenseSpec dense, TensorShape input, List<ModelProblem> problems)
    {
        if (input.Rank != 1)
        {
            problems.Add(new(ProblemIds.LayerDoesNotFitShape,
                $"Layer '{dense.Name}' (Dense) needs a rank-1 input of features, but receives {input}; add [Flatten] before it to make it ({input.Length})",
                dense.AttributeIndex, Fix: ProblemFix.InsertFlatten));
            return (null, 0);
        }
        long parameters = (long)input.Length * dense.Units + (dense.UseBias ? dense.Units : 0);
        if (parameters > int.MaxValue)
        {
            problems.Add(new(ProblemIds.ArgumentOutOfRange,
                $"Layer '{dense.Name}' (Dense) would hold {parameters} parameters ({input} -> ({dense.Units})), more than one buffer can index", dense.AttributeIndex, "units"));
            return (null, 0);
        }
        return (new TensorShape(dense.Units), (int)parameters);
    }
}
