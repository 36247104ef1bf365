using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ModelGen.Generator.Model;

namespace ModelGen.Generator.Weights;

/// <summary>
/// A model with <c>[EmbeddedWeights]</c> and the one weights file its path matches (null when none
/// or several do). Compared by value, so only the model's own file can re-run its embedding.
/// </summary>
internal sealed record EmbeddingRequest(ModelSpec Spec, WeightsFile? File)
{
    public static EmbeddingRequest For(ModelSpec spec, ImmutableArray<WeightsFile> files)
    {
        IReadOnlyList<string> matches = EmbeddedWeightsCheck.Locate(spec.EmbeddedWeights!.Path, files.Select(f => f.Path));
        return new EmbeddingRequest(spec, matches.Count == 1 ? files.First(f => f.Path == matches[0]) : null);
    }

    /// <summary>File name of the emitted weights source.</summary>
    public string HintName => Spec.HintName.Substring(0, Spec.HintName.Length - ".g.cs".Length) + ".Weights.g.cs";
}
