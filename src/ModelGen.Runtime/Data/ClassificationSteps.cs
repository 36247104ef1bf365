namespace ModelGen.Data;

/// <summary>
/// The steps of scikit-learn's <c>make_classification</c>, one method each, in the order they
/// consume random numbers. Work is in double, as scikit-learn's is; the caller narrows to float once.
/// The feature matrix is laid out unshuffled: informative, redundant, repeated, then noise columns.
/// </summary>
internal static class ClassificationSteps
{
    /// <summary>Splits the samples over the clusters by class weight; cluster k belongs to class k mod nClasses.</summary>
    public static int[] SamplesPerCluster(int nSamples, double[] classWeights, int nClustersPerClass)
    {
        int nClasses = classWeights.Length;
        int nClusters = nClasses * nClustersPerClass;
        int[] counts = new int[nClusters];
        long assigned = 0;
        for (int cluster = 0; cluster < nClusters; cluster++)
        {
            counts[cluster] = (int)(nSamples * classWeights[cluster % nClasses] / nClustersPerClass);
            assigned += counts[cluster];
        }

        // Truncation leaves a few samples over; they go round-robin from the first cluster.
        for (int extra = 0; extra < nSamples - assigned; extra++)
        {
            counts[extra % nClusters]++;
        }

        return counts;
    }

    /// <summary>Cluster centres: distinct hypercube vertices mapped to ±classSep, optionally squashed into a random polytope.</summary>
    public static double[,] Centroids(int nClusters, int nInformative, double classSep, bool hypercube, SeededRandom random)
    {
        int[,] vertices = HypercubeVertices.Sample(nClusters, nInformative, random);
        double[,] centroids = new double[nClusters, nInformative];
        for (int cluster = 0; cluster < nClusters; cluster++)
        {
            for (int feature = 0; feature < nInformative; feature++)
            {
                centroids[cluster, feature] = vertices[cluster, feature] * 2.0 * classSep - classSep;
            }
        }

        if (!hypercube)
        {
            double[] clusterFactors = UniformVector(nClusters, random);
            double[] featureFactors = UniformVector(nInformative, random);
            for (int cluster = 0; cluster < nClusters; cluster++)
            {
                for (int feature = 0; feature < nInformative; feature++)
                {
                    centroids[cluster, feature] *= clusterFactors[cluster] * featureFactors[feature];
                }
            }
        }

        return centroids;
    }

    /// <summary>Fills the informative columns cluster by cluster and returns each sample's class.</summary>
    public static int[] InformativeClusters(double[,] x, double[,] centroids, int[] samplesPerCluster, int nClasses, SeededRandom random)
    {
        int nSamples = x.GetLength(0);
        int nInformative = centroids.GetLength(1);
        FillStandardNormal(x, 0, nInformative, random);

        int[] labels = new int[nSamples];
        double[] row = new double[nInformative];
        int start = 0;
        for (int cluster = 0; cluster < samplesPerCluster.Length; cluster++)
        {
            // Each cluster gets its own random linear map, so clusters differ in covariance.
            double[,] covarianceTransform = SymmetricUniformMatrix(nInformative, nInformative, random);
            int stop = start + samplesPerCluster[cluster];
            for (int sample = start; sample < stop; sample++)
            {
                labels[sample] = cluster % nClasses;
                for (int feature = 0; feature < nInformative; feature++)
                {
                    row[feature] = x[sample, feature];
                }

                for (int feature = 0; feature < nInformative; feature++)
                {
                    x[sample, feature] = Dot(row, covarianceTransform, feature) + centroids[cluster, feature];
                }
            }

            start = stop;
        }

        return labels;
    }

    /// <summary>Redundant columns: one random linear combination of the informative columns each.</summary>
    public static void RedundantFeatures(double[,] x, int nInformative, int nRedundant, SeededRandom random)
    {
        if (nRedundant == 0)
        {
            return;
        }

        double[,] combination = SymmetricUniformMatrix(nInformative, nRedundant, random);
        double[] informative = new double[nInformative];
        for (int sample = 0; sample < x.GetLength(0); sample++)
        {
            for (int feature = 0; feature < nInformative; feature++)
            {
                informative[feature] = x[sample, feature];
            }

            for (int redundant = 0; redundant < nRedundant; redundant++)
            {
                x[sample, nInformative + redundant] = Dot(informative, combination, redundant);
            }
        }
    }

    /// <summary>Repeated columns: copies of informative or redundant columns drawn with replacement.</summary>
    public static void RepeatedFeatures(double[,] x, int nUseful, int nRepeated, SeededRandom random)
    {
        int[] sources = new int[nRepeated];
        for (int repeated = 0; repeated < nRepeated; repeated++)
        {
            // scikit-learn's rounding: the first and last source are half as likely as the others.
            sources[repeated] = (int)((nUseful - 1) * random.NextUniform() + 0.5);
        }

        for (int sample = 0; sample < x.GetLength(0); sample++)
        {
            for (int repeated = 0; repeated < nRepeated; repeated++)
            {
                x[sample, nUseful + repeated] = x[sample, sources[repeated]];
            }
        }
    }

    /// <summary>Fills columns [firstColumn, firstColumn + count) with standard normal noise, row by row.</summary>
    public static void FillStandardNormal(double[,] x, int firstColumn, int count, SeededRandom random)
    {
        for (int sample = 0; sample < x.GetLength(0); sample++)
        {
            for (int column = firstColumn; column < firstColumn + count; column++)
            {
                x[sample, column] = random.NextStandardNormal();
            }
        }
    }

    /// <summary>Replaces the label of each sample, with probability flipY, by a uniformly random class.</summary>
    public static void FlipLabels(int[] labels, int nClasses, double flipY, SeededRandom random)
    {
        // All the coin tosses come before any new label, the order scikit-learn draws them in.
        bool[] flip = new bool[labels.Length];
        for (int sample = 0; sample < labels.Length; sample++)
        {
            flip[sample] = random.NextUniform() < flipY;
        }

        for (int sample = 0; sample < labels.Length; sample++)
        {
            if (flip[sample])
            {
                labels[sample] = random.NextInt(nClasses);
            }
        }
    }

    /// <summary>Narrows to float after shifting, scaling and optionally permuting rows and then columns.</summary>
    public static (float[,] X, int[] Y) Finish(double[,] x, int[] labels, double shift, double scale, bool shuffle, SeededRandom random)
    {
        int nSamples = x.GetLength(0);
        int nFeatures = x.GetLength(1);
        int[] rowOrder = shuffle ? random.Permutation(nSamples) : Enumerable.Range(0, nSamples).ToArray();
        int[] columnOrder = shuffle ? random.Permutation(nFeatures) : Enumerable.Range(0, nFeatures).ToArray();

        float[,] features = new float[nSamples, nFeatures];
        int[] shuffledLabels = new int[nSamples];
        for (int sample = 0; sample < nSamples; sample++)
        {
            int source = rowOrder[sample];
            shuffledLabels[sample] = labels[source];
            for (int feature = 0; feature < nFeatures; feature++)
            {
                features[sample, feature] = (float)((x[source, columnOrder[feature]] + shift) * scale);
            }
        }

        return (features, shuffledLabels);
    }

    private static double Dot(double[] row, double[,] matrix, int column)
    {
        double sum = 0.0;
        for (int k = 0; k < row.Length; k++)
        {
            sum += row[k] * matrix[k, column];
        }

        return sum;
    }

    private static double[] UniformVector(int length, SeededRandom random)
    {
        double[] values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.NextUniform();
        }

        return values;
    }

    /// <summary>Entries uniform in [-1, 1), drawn row by row.</summary>
    private static double[,] SymmetricUniformMatrix(int rows, int columns, SeededRandom random)
    {
        double[,] matrix = new double[rows, columns];
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                matrix[row, column] = 2.0 * random.NextUniform() - 1.0;
            }
        }

        return matrix;
    }
}
