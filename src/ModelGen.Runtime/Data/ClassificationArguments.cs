namespace ModelGen.Data;

/// <summary>
/// Argument checks for <see cref="Datasets.MakeClassification"/>, mirroring scikit-learn's parameter
/// constraints so that a call rejected there is rejected here, with the offending values in the message.
/// </summary>
internal static class ClassificationArguments
{
    public static void Validate(
        int nSamples,
        int nFeatures,
        int nInformative,
        int nRedundant,
        int nRepeated,
        int nClasses,
        int nClustersPerClass,
        double flipY,
        double classSep,
        double shift,
        double scale)
    {
        RequireAtLeast(nSamples, 1, nameof(nSamples));
        RequireAtLeast(nFeatures, 1, nameof(nFeatures));
        RequireAtLeast(nInformative, 1, nameof(nInformative));
        RequireAtLeast(nRedundant, 0, nameof(nRedundant));
        RequireAtLeast(nRepeated, 0, nameof(nRepeated));
        RequireAtLeast(nClasses, 1, nameof(nClasses));
        RequireAtLeast(nClustersPerClass, 1, nameof(nClustersPerClass));

        if (!(flipY >= 0.0 && flipY <= 1.0))
        {
            throw new ArgumentException($"flipY must lie in [0, 1], got {flipY}.", nameof(flipY));
        }

        if (!(classSep > 0.0 && double.IsFinite(classSep)))
        {
            throw new ArgumentException($"classSep must be positive and finite, got {classSep}.", nameof(classSep));
        }

        if (!double.IsFinite(shift))
        {
            throw new ArgumentException($"shift must be finite, got {shift}.", nameof(shift));
        }

        if (!(scale > 0.0 && double.IsFinite(scale)))
        {
            throw new ArgumentException($"scale must be positive and finite, got {scale}.", nameof(scale));
        }

        if ((long)nInformative + nRedundant + nRepeated > nFeatures)
        {
            throw new ArgumentException(
                $"nInformative({nInformative}) + nRedundant({nRedundant}) + nRepeated({nRepeated}) must be at most nFeatures({nFeatures}).");
        }

        // Each cluster needs its own hypercube vertex. An int product is below 2^62, so larger cubes always suffice.
        long nClusters = (long)nClasses * nClustersPerClass;
        if (nInformative < 62 && nClusters > 1L << nInformative)
        {
            throw new ArgumentException(
                $"nClasses({nClasses}) * nClustersPerClass({nClustersPerClass}) must be at most 2^nInformative({nInformative}) = {1L << nInformative}.");
        }
    }

    /// <summary>The weight of every class: balanced when none are given, the last one inferred when one is missing.</summary>
    public static double[] CompleteWeights(double[]? weights, int nClasses)
    {
        if (weights is null)
        {
            return Enumerable.Repeat(1.0 / nClasses, nClasses).ToArray();
        }

        if (weights.Length != nClasses && weights.Length != nClasses - 1)
        {
            throw new ArgumentException(
                $"weights has {weights.Length} entries but nClasses is {nClasses}; give nClasses or nClasses - 1 weights.",
                nameof(weights));
        }

        double[] complete = new double[nClasses];
        weights.CopyTo(complete, 0);
        if (weights.Length == nClasses - 1)
        {
            complete[^1] = 1.0 - weights.Sum();
        }

        // scikit-learn does not check this, but a negative weight would give a cluster a negative size.
        for (int i = 0; i < nClasses; i++)
        {
            if (!(complete[i] >= 0.0 && double.IsFinite(complete[i])))
            {
                throw new ArgumentException($"weight of class {i} is {complete[i]}; class weights must be finite and non-negative.", nameof(weights));
            }
        }

        return complete;
    }

    /// <summary>
    /// Rejects weights that ask for more samples than there are. scikit-learn documents that it then returns
    /// more samples, but its fixed-size arrays silently drop the excess instead.
    /// </summary>
    public static void RequireClustersFit(int[] samplesPerCluster, int nSamples, double[] classWeights)
    {
        if (samplesPerCluster.Sum(count => (long)count) > nSamples)
        {
            throw new ArgumentException(
                $"weights sum to {classWeights.Sum()}, more than the nSamples={nSamples} samples can hold; they must sum to at most 1.",
                "weights");
        }
    }

    private static void RequireAtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentException($"{name} must be at least {minimum}, got {value}.", name);
        }
    }
}
