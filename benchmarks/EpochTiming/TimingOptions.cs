using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>The two implementations being timed.</summary>
internal enum Framework
{
    /// <summary>libtorch's CPU kernels through TorchSharp.</summary>
    TorchSharp,

    /// <summary>The code the ModelGen generator emits, trained with <c>model.Fit</c>.</summary>
    ModelGen,
}

/// <summary>
/// What to time, from the command line. A handful of flags needs no parser library: every flag takes
/// one value, lists are comma-separated, and anything unknown is an error.
/// </summary>
internal sealed class TimingOptions
{
    /// <summary>The usage text printed for --help or a bad argument.</summary>
    public const string Usage = """
        usage: EpochTiming [--models LIST] [--frameworks LIST] [--threads LIST] [--epochs N] [--warmup-batches N] [--batch-size N] [--seed N]

          --models          mlp, cnn, cnn-bn-dropout (default: all three)
          --frameworks      torchsharp, modelgen (default: both)
          --threads         TorchSharp intra-op thread counts, one run each (default: 1,2);
                            ModelGen trains on the calling thread only
          --epochs          timed epochs per run; the table shows their mean (default: 1)
          --warmup-batches  untimed training steps before the first timed epoch (default: 2)
          --batch-size      samples per optimizer step (default: 128)
          --seed            seed of the initial weights and the shuffling (default: 0)
        """;

    /// <summary>The models to time, in catalog order.</summary>
    public IReadOnlyList<BenchmarkModel> Models { get; private set; } = ModelCatalog.All;

    /// <summary>The frameworks to time each model with.</summary>
    public IReadOnlySet<Framework> Frameworks { get; private set; } = new HashSet<Framework> { Framework.TorchSharp, Framework.ModelGen };

    /// <summary>TorchSharp's intra-op thread counts, one run per count.</summary>
    public IReadOnlyList<int> Threads { get; private set; } = [1, 2];

    /// <summary>Timed epochs per run.</summary>
    public int Epochs { get; private set; } = 1;

    /// <summary>Untimed training steps on the same model and optimizer before the first timed epoch.</summary>
    public int WarmupBatches { get; private set; } = 2;

    /// <summary>Samples per optimizer step.</summary>
    public int BatchSize { get; private set; } = 128;

    /// <summary>Seed of the initial weights and of the shuffling.</summary>
    public int Seed { get; private set; }

    /// <summary>Whether --help was given.</summary>
    public bool ShowHelp { get; private set; }

    /// <summary>Reads the arguments; on failure <paramref name="error"/> says which argument is wrong and why.</summary>
    public static bool TryParse(string[] args, [NotNullWhen(true)] out TimingOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = new TimingOptions();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string flag = args[i];
            if (flag is "--help" or "-h")
            {
                options.ShowHelp = true;
                continue;
            }
            if (i + 1 == args.Length)
            {
                error = $"{flag} needs a value.";
                break;
            }
            string value = args[++i];
            error = options.Read(flag, value);
            if (error is not null) break;
        }
        if (error is null) return true;
        options = null;
        return false;
    }

    private string? Read(string flag, string value)
    {
        switch (flag)
        {
            case "--models":
                return ReadModels(value);
            case "--frameworks":
                return ReadFrameworks(value);
            case "--threads":
            {
                string? error = ReadPositiveList(flag, value, out int[] threads);
                if (error is null) Threads = threads;
                return error;
            }
            case "--epochs":
            {
                string? error = ReadPositive(flag, value, out int epochs);
                if (error is null) Epochs = epochs;
                return error;
            }
            case "--warmup-batches":
            {
                string? error = ReadCount(flag, value, out int warmupBatches);
                if (error is null) WarmupBatches = warmupBatches;
                return error;
            }
            case "--batch-size":
            {
                string? error = ReadPositive(flag, value, out int batchSize);
                if (error is null) BatchSize = batchSize;
                return error;
            }
            case "--seed":
            {
                string? error = ReadCount(flag, value, out int seed);
                if (error is null) Seed = seed;
                return error;
            }
            default:
                return $"Unknown argument '{flag}'.";
        }
    }

    private string? ReadModels(string value)
    {
        var models = new List<BenchmarkModel>();
        foreach (string name in Split(value))
        {
            BenchmarkModel? model = ModelCatalog.All.FirstOrDefault(m => m.Name == name);
            if (model is null) return $"Unknown model '{name}'; the models are {string.Join(", ", ModelCatalog.All.Select(m => m.Name))}.";
            if (!models.Contains(model)) models.Add(model);
        }
        Models = [.. ModelCatalog.All.Where(models.Contains)];
        return models.Count == 0 ? "--models needs at least one model." : null;
    }

    private string? ReadFrameworks(string value)
    {
        var frameworks = new HashSet<Framework>();
        foreach (string name in Split(value))
        {
            if (!Enum.TryParse(name, ignoreCase: true, out Framework framework) || !Enum.IsDefined(framework))
                return $"Unknown framework '{name}'; the frameworks are torchsharp and modelgen.";
            frameworks.Add(framework);
        }
        Frameworks = frameworks;
        return frameworks.Count == 0 ? "--frameworks needs at least one framework." : null;
    }

    private static string? ReadPositiveList(string flag, string value, out int[] numbers)
    {
        string[] parts = Split(value);
        numbers = new int[parts.Length];
        if (parts.Length == 0) return $"{flag} needs at least one number.";
        for (int i = 0; i < parts.Length; i++)
            if (ReadPositive(flag, parts[i], out numbers[i]) is { } error) return error;
        numbers = [.. numbers.Distinct()];
        return null;
    }

    private static string? ReadPositive(string flag, string value, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0
            ? null
            : $"{flag} takes a positive whole number, not '{value}'.";

    private static string? ReadCount(string flag, string value, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number)
            ? null
            : $"{flag} takes a whole number of zero or more, not '{value}'.";

    private static string[] Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
