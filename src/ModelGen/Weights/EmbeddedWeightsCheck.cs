using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModelGen.Generator.Model;
using ModelGen.Generator.Shapes;

namespace ModelGen.Generator.Weights;

/// <summary>
/// Checks an <c>[EmbeddedWeights]</c> file against the model's tensors: the file must be one of the
/// additional files, readable as safetensors, and hold every tensor as F32 in PyTorch's shape. The
/// generator and the analyzers run this same check, so what the analyzers report is what stops the embedding.
/// </summary>
internal static class EmbeddedWeightsCheck
{
    public const string Float32 = "F32";

    /// <summary>Additional files whose path ends with the declared one (compared with '/' separators).</summary>
    public static IReadOnlyList<string> Locate(string declared, IEnumerable<string> additionalFiles)
    {
        string suffix = Normalize(declared).TrimStart('/');
        return additionalFiles.Where(path =>
        {
            string normalized = Normalize(path);
            return normalized == suffix || normalized.EndsWith("/" + suffix, StringComparison.Ordinal);
        }).ToList();
    }

    /// <summary>
    /// Every problem with the declared file. <paramref name="readLayout"/> reads a located file's header
    /// and length, throwing <see cref="IOException"/> or <see cref="FormatException"/> when it cannot.
    /// </summary>
    public static List<ModelProblem> Check(ModelPlan plan, EmbeddedWeightsSpec declared, IEnumerable<string> additionalFiles,
        Func<string, (SafeTensorsLayout Layout, long FileLength)> readLayout, out string? path, out SafeTensorsLayout? layout)
    {
        var problems = new List<ModelProblem>();
        (path, layout) = (null, null);
        IReadOnlyList<string> matches = Locate(declared.Path, additionalFiles);
        if (matches.Count != 1)
        {
            problems.Add(new(ProblemIds.WeightsFileNotFound, matches.Count == 0
                ? $"Weights file '{declared.Path}' is not among the project's additional files; add <AdditionalFiles Include=\"{declared.Path}\" /> to the project"
                : $"Weights file '{declared.Path}' matches {matches.Count} additional files ({string.Join(", ", matches)}); give more of its path",
                declared.AttributeIndex, "path"));
            return problems;
        }

        path = matches[0];
        long fileLength;
        try
        {
            (layout, fileLength) = readLayout(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            problems.Add(Unreadable(declared, exception.Message));
            return problems;
        }

        CompareTensors(plan, declared, layout, fileLength, problems);
        return problems;
    }

    /// <summary>The problem for a located file that cannot be read or is not safetensors.</summary>
    public static ModelProblem Unreadable(EmbeddedWeightsSpec declared, string reason) =>
        new(ProblemIds.WeightsFileUnreadable, $"Weights file '{declared.Path}' cannot be embedded: {reason}", declared.AttributeIndex, "path");

    private static void CompareTensors(ModelPlan plan, EmbeddedWeightsSpec declared, SafeTensorsLayout layout, long fileLength, List<ModelProblem> problems)
    {
        IReadOnlyList<TensorPlan> expected = WeightTensors.Of(plan);
        foreach (TensorPlan tensor in expected)
        {
            string needed = "(" + string.Join(", ", tensor.FileShape) + ")";
            string layer = tensor.Name.Substring(0, tensor.Name.LastIndexOf('.'));
            if (!layout.Tensors.TryGetValue(tensor.Name, out StoredTensor? stored))
            {
                problems.Add(new(ProblemIds.WeightsTensorMissing,
                    $"Weights file '{declared.Path}' has no tensor '{tensor.Name}'; layer '{layer}' needs it as F32 with shape {needed}", declared.AttributeIndex, "path"));
                continue;
            }
            if (stored.DType != Float32 || !stored.Shape.SequenceEqual(tensor.FileShape.Select(d => (long)d)))
            {
                problems.Add(new(ProblemIds.WeightsTensorMismatch,
                    $"Tensor '{tensor.Name}' in weights file '{declared.Path}' is {stored.DType} with shape {stored.ShapeText}, but layer '{layer}' needs F32 with shape {needed}",
                    declared.AttributeIndex, "path"));
                continue;
            }
            long dataLength = fileLength - layout.DataStart;
            if (stored.End - stored.Begin != (long)tensor.Length * 4 || stored.End > dataLength)
                problems.Add(Unreadable(declared,
                    $"tensor '{tensor.Name}' claims bytes [{stored.Begin}, {stored.End}) of a {dataLength}-byte data section; {tensor.Length * 4L} bytes within it are needed"));
        }

        var names = new HashSet<string>(expected.Select(t => t.Name), StringComparer.Ordinal);
        foreach (StoredTensor extra in layout.Tensors.Values.Where(t => !names.Contains(t.Name)))
            problems.Add(new(ProblemIds.WeightsTensorUnused,
                $"Weights file '{declared.Path}' holds tensor '{extra.Name}' {extra.ShapeText}, which no layer of '{plan.Spec.ClassName}' has; it is not embedded",
                declared.AttributeIndex, "path"));
    }

    private static string Normalize(string path) => path.Replace('\\', '/');
}
