namespace ModelGen.Runtime.Tests.Data;

/// <summary>Ordinary least squares through the normal equations, enough to test small synthetic columns.</summary>
internal static class LeastSquares
{
    /// <summary>Coefficients c minimising |X[:, :nPredictors] c - X[:, target]|, solved in double.</summary>
    public static double[] Solve(float[,] x, int nPredictors, int target)
    {
        int nSamples = x.GetLength(0);
        double[,] system = new double[nPredictors, nPredictors + 1];
        for (int sample = 0; sample < nSamples; sample++)
        {
            for (int i = 0; i < nPredictors; i++)
            {
                for (int j = 0; j < nPredictors; j++)
                {
                    system[i, j] += (double)x[sample, i] * x[sample, j];
                }

                system[i, nPredictors] += (double)x[sample, i] * x[sample, target];
            }
        }

        return GaussianElimination(system);
    }

    /// <summary>Solves an augmented n x (n + 1) system with partial pivoting.</summary>
    private static double[] GaussianElimination(double[,] system)
    {
        int n = system.GetLength(0);
        for (int pivot = 0; pivot < n; pivot++)
        {
            int best = Enumerable.Range(pivot, n - pivot).MaxBy(row => Math.Abs(system[row, pivot]));
            for (int column = 0; column <= n; column++)
            {
                (system[pivot, column], system[best, column]) = (system[best, column], system[pivot, column]);
            }

            for (int row = pivot + 1; row < n; row++)
            {
                double factor = system[row, pivot] / system[pivot, pivot];
                for (int column = pivot; column <= n; column++)
                {
                    system[row, column] -= factor * system[pivot, column];
                }
            }
        }

        double[] solution = new double[n];
        for (int row = n - 1; row >= 0; row--)
        {
            double rest = Enumerable.Range(row + 1, n - row - 1).Sum(column => system[row, column] * solution[column]);
            solution[row] = (system[row, n] - rest) / system[row, row];
        }

        return solution;
    }
}
