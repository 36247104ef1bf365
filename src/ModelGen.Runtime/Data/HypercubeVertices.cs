namespace ModelGen.Data;

/// <summary>
/// Picks distinct vertices of the unit hypercube {0, 1}^dimensions, as scikit-learn's
/// <c>_generate_hypercube</c> does: distinct vertices give every cluster its own centroid.
/// </summary>
internal static class HypercubeVertices
{
    // Above this many dimensions scikit-learn draws the leading coordinates as free random bits
    // and keeps the last 30 distinct, so that the vertex index still fits a 32-bit integer.
    private const int MaxIndexedDimensions = 30;

    /// <summary>
    /// Returns <paramref name="count"/> distinct vertices, one per row, in random order.
    /// Column j of a vertex is bit (dimensions - 1 - j) of its index, matching scikit-learn's big-endian unpacking.
    /// </summary>
    public static int[,] Sample(int count, int dimensions, SeededRandom random)
    {
        int[,] vertices = new int[count, dimensions];
        int freeDimensions = Math.Max(0, dimensions - MaxIndexedDimensions);
        for (int vertex = 0; vertex < count; vertex++)
        {
            for (int column = 0; column < freeDimensions; column++)
            {
                vertices[vertex, column] = random.NextInt(2);
            }
        }

        int indexedDimensions = dimensions - freeDimensions;
        int[] indices = SampleWithoutReplacement(1 << indexedDimensions, count, random);
        for (int vertex = 0; vertex < count; vertex++)
        {
            for (int bit = 0; bit < indexedDimensions; bit++)
            {
                int column = dimensions - 1 - bit;
                vertices[vertex, column] = (indices[vertex] >> bit) & 1;
            }
        }

        return vertices;
    }

    /// <summary>Distinct integers from [0, population), in random order.</summary>
    private static int[] SampleWithoutReplacement(int population, int count, SeededRandom random)
    {
        // A dense draw touches the whole population, which is then at most twice the count;
        // a sparse draw rejects repeats, which costs little while fewer than half are taken.
        if (2L * count > population)
        {
            int[] order = random.Permutation(population);
            return order[..count];
        }

        var seen = new HashSet<int>(count);
        int[] chosen = new int[count];
        int filled = 0;
        while (filled < count)
        {
            int candidate = random.NextInt(population);
            if (seen.Add(candidate))
            {
                chosen[filled++] = candidate;
            }
        }

        return chosen;
    }
}
