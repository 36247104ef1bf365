using System.Globalization;
using System.Text;

namespace ModelGen.Benchmarks.EpochTiming;

/// <summary>Formats the measurements as the markdown table docs/benchmarks.md shows.</summary>
internal static class ResultTable
{
    /// <summary>One row per measurement, in the order measured.</summary>
    public static string ToMarkdown(IEnumerable<EpochMeasurement> measurements, TimingOptions options)
    {
        string epochs = options.Epochs == 1 ? "1 epoch" : $"{options.Epochs} epochs";
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| model | framework | threads | seconds per epoch | test accuracy after {epochs} |");
        table.AppendLine("|---|---|---:|---:|---:|");
        foreach (EpochMeasurement row in measurements)
        {
            string framework = row.Framework == Framework.TorchSharp ? "TorchSharp (libtorch)" : "ModelGen";
            string seconds = row.MeanEpochSeconds.ToString("F2", CultureInfo.InvariantCulture);
            string accuracy = row.TestAccuracy.ToString("F4", CultureInfo.InvariantCulture);
            table.AppendLine(CultureInfo.InvariantCulture, $"| {row.Model} | {framework} | {row.Threads} | {seconds} | {accuracy} |");
        }
        return table.ToString();
    }
}
