namespace ModelGen;

/// <summary>
/// How many threads the kernels of every model may use for one batched step. One-sample
/// <c>Predict</c> always runs on the calling thread.
/// </summary>
public static class ComputeThreads
{
    private static int s_count = 1;

    /// <summary>Threads for batched work, at least 1; <see cref="Environment.ProcessorCount"/> uses every core.</summary>
    public static int Count
    {
        get => s_count;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), value, "At least one thread is needed.");
            // The workers start here, on the thread that asks for them, rather than inside a later step.
            Kernels.ComputeTeam.Prepare(value - 1);
            s_count = value;
        }
    }
}
