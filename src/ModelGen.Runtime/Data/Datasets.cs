namespace ModelGen.Data;

/// <summary>Synthetic data sets for tests, samples and benchmarks, reproducible from a seed.</summary>
public static class Datasets
{
    /// <summary>
    /// Generates a random n-class classification problem with scikit-learn's <c>make_classification</c> algorithm
    /// (Guyon's design for the Madelon data set).
    /// </summary>
    /// <remarks>
    /// Each class is made of <paramref name="nClustersPerClass"/> Gaussian clusters centred on distinct vertices of an
    /// <paramref name="nInformative"/>-dimensional hypercube with sides of length 2 * <paramref name="classSep"/>.
    /// Within a cluster, standard normal samples are multiplied by a random matrix with entries in [-1, 1) to give
    /// them covariance. Without shuffling, the columns are: the informative features, <paramref name="nRedundant"/>
    /// random linear combinations of them, <paramref name="nRepeated"/> copies of informative or redundant columns,
    /// and standard normal noise for the rest. The algorithm and the order of its random draws follow scikit-learn,
    /// but the random numbers come from <see cref="Random"/>, so values differ from scikit-learn's for the same seed.
    /// </remarks>
    /// <param name="nSamples">Number of samples (rows).</param>
    /// <param name="nFeatures">Total number of features (columns).</param>
    /// <param name="nInformative">Number of informative features, the dimension of the hypercube.</param>
    /// <param name="nRedundant">Number of features that are random linear combinations of the informative ones.</param>
    /// <param name="nRepeated">Number of features duplicated from the informative and redundant ones.</param>
    /// <param name="nClasses">Number of classes; labels are 0 .. nClasses - 1.</param>
    /// <param name="nClustersPerClass">Number of Gaussian clusters per class.</param>
    /// <param name="weights">
    /// Proportion of samples per class, of length nClasses or nClasses - 1 (the last is then 1 minus the others);
    /// null for balanced classes. Label flipping makes the final proportions differ slightly.
    /// </param>
    /// <param name="flipY">Fraction of samples whose label is replaced by a uniformly random class, in [0, 1].</param>
    /// <param name="classSep">Half the side of the hypercube; larger values make the problem easier. Must be positive.</param>
    /// <param name="hypercube">True to put centroids on hypercube vertices; false to scale them into a random polytope.</param>
    /// <param name="shift">Added to every feature.</param>
    /// <param name="scale">Multiplies every feature after the shift. Must be positive.</param>
    /// <param name="shuffle">Whether to permute the samples and then the features.</param>
    /// <param name="randomState">Seed; the same arguments and seed give identical output.</param>
    /// <returns>Features of shape (nSamples, nFeatures) and one class label per sample.</returns>
    /// <exception cref="ArgumentException">An argument is out of range or the arguments are inconsistent.</exception>
    /// <example>
    /// <code>
    /// var (x, y) = Datasets.MakeClassification(nSamples: 1000, nFeatures: 10, nInformative: 4, randomState: 42);
    /// </code>
    /// </example>
    public static (float[,] X, int[] Y) MakeClassification(
        int nSamples = 100,
        int nFeatures = 20,
        int nInformative = 2,
        int nRedundant = 2,
        int nRepeated = 0,
        int nClasses = 2,
        int nClustersPerClass = 2,
        double[]? weights = null,
        double flipY = 0.01,
        double classSep = 1.0,
        bool hypercube = true,
        double shift = 0.0,
        double scale = 1.0,
        bool shuffle = true,
        int randomState = 0)
    {
        ClassificationArguments.Validate(
            nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses, nClustersPerClass, flipY, classSep, shift, scale);
        double[] classWeights = ClassificationArguments.CompleteWeights(weights, nClasses);
        int[] samplesPerCluster = ClassificationSteps.SamplesPerCluster(nSamples, classWeights, nClustersPerClass);
        ClassificationArguments.RequireClustersFit(samplesPerCluster, nSamples, classWeights);

        var random = new SeededRandom(randomState);
        int nUseful = nInformative + nRedundant;
        double[,] x = new double[nSamples, nFeatures];

        double[,] centroids = ClassificationSteps.Centroids(nClasses * nClustersPerClass, nInformative, classSep, hypercube, random);
        int[] labels = ClassificationSteps.InformativeClusters(x, centroids, samplesPerCluster, nClasses, random);
        ClassificationSteps.RedundantFeatures(x, nInformative, nRedundant, random);
        ClassificationSteps.RepeatedFeatures(x, nUseful, nRepeated, random);
        ClassificationSteps.FillStandardNormal(x, nUseful + nRepeated, nFeatures - nUseful - nRepeated, random);
        ClassificationSteps.FlipLabels(labels, nClasses, flipY, random);
        return ClassificationSteps.Finish(x, labels, shift, scale, shuffle, random);
    }
}
