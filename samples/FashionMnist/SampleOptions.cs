namespace FashionMnistSample;

/// <summary>Command-line options; three flags do not need a parsing library.</summary>
internal sealed record SampleOptions(string Model, int Epochs, int BatchSize, string? DataFolder)
{
    /// <summary>Epochs that reach the accuracy bars in docs/fashion-mnist.md.</summary>
    private static readonly Dictionary<string, int> DefaultEpochs = new() { ["mlp"] = 15, ["cnn"] = 12, ["cnn-bn"] = 20 };

    public static SampleOptions? Parse(string[] args)
    {
        string model = "cnn-bn";
        int? epochs = null;
        int batch = 128;
        string? data = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "mlp" or "cnn" or "cnn-bn": model = args[i]; break;
                case "--epochs" when i + 1 < args.Length && int.TryParse(args[i + 1], out int e) && e > 0: epochs = e; i++; break;
                case "--batch" when i + 1 < args.Length && int.TryParse(args[i + 1], out int b) && b > 0: batch = b; i++; break;
                case "--data" when i + 1 < args.Length: data = args[++i]; break;
                default: return null;
            }
        }
        return new SampleOptions(model, epochs ?? DefaultEpochs[model], batch, data);
    }
}
