// Classifies samples with a model whose weights are compiled into the program. Published with
// NativeAOT it is one native executable: no runtime, no weights file.
//
//   Inference fashion-cnn  [images.idx3-ubyte[.gz] | pixels.csv | -] [--outputs]
//   Inference breast-cancer [measurements.csv | -] [--outputs]
//
// Input is an IDX image file (Fashion-MNIST's own format), a CSV file, or CSV rows on stdin ('-' or
// nothing). Prints one line per sample: its index, the predicted class and that class's probability;
// --outputs prints every output instead, written so that parsing it gives back the exact floats.
using System.Globalization;
using FashionMnistSample;
using ModelGen.Data;

if (args.Length == 0 || args[0] is not ("fashion-cnn" or "breast-cancer"))
{
    Console.Error.WriteLine("usage: Inference fashion-cnn|breast-cancer [file.idx|file.csv|-] [--outputs]");
    return 2;
}

bool allOutputs = args.Contains("--outputs");
string input = args.Skip(1).FirstOrDefault(a => a != "--outputs") ?? "-";
try
{
    return args[0] == "fashion-cnn"
        ? Classify(FashionCnn.FromEmbeddedWeights().Predict, FashionCnn.InputLength, FashionCnn.OutputLength, FashionImages(input), allOutputs)
        : Classify(BreastCancerClassifier.FromEmbeddedWeights().Predict, BreastCancerClassifier.InputLength, BreastCancerClassifier.OutputLength,
            CsvSamples(input, BreastCancerClassifier.InputLength, scale: 1f), allOutputs);
}
catch (Exception exception) when (exception is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Inference: {exception.Message}");
    return 1;
}

static int Classify(Predictor predict, int inputLength, int outputLength, IEnumerable<float[]> samples, bool allOutputs)
{
    using var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false };
    var scores = new float[outputLength];
    int index = 0;
    foreach (float[] sample in samples)
    {
        predict(sample, scores);
        if (allOutputs)
        {
            output.WriteLine($"{index}: {string.Join(' ', scores.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))}");
        }
        else
        {
            // One sigmoid output is the probability of class 1; otherwise the softmax's largest entry wins.
            (int label, float probability) = outputLength == 1
                ? (scores[0] >= 0.5f ? 1 : 0, scores[0] >= 0.5f ? scores[0] : 1 - scores[0])
                : (Array.IndexOf(scores, scores.Max()), scores.Max());
            output.WriteLine($"{index}: class {label} ({probability.ToString("F4", CultureInfo.InvariantCulture)})");
        }
        // The first answer goes out at once, so a caller sees the start-up time, not the whole run's.
        if (index++ == 0) output.Flush();
    }
    return 0;
}

// Fashion-MNIST pixels are bytes; the model was trained on them divided by 255 (Pixels.Normalize).
static IEnumerable<float[]> FashionImages(string input)
{
    if (input == "-" || input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        return CsvSamples(input, FashionCnn.InputLength, scale: 1f / 255);
    byte[,] images = IdxReader.ReadMatrix<byte>(input);
    if (images.GetLength(1) != FashionCnn.InputLength)
        throw new InvalidDataException($"{input}: images of {images.GetLength(1)} pixels; the model takes 28x28 = {FashionCnn.InputLength}");
    return Enumerable.Range(0, images.GetLength(0)).Select(row =>
        Enumerable.Range(0, images.GetLength(1)).Select(column => images[row, column] / 255f).ToArray());
}

// One sample per line of comma-separated numbers; a line with one extra column (a label, as in
// samples/data/breast_cancer.csv) keeps its first inputLength values, and a first line with words is skipped.
static IEnumerable<float[]> CsvSamples(string input, int inputLength, float scale)
{
    TextReader reader = input == "-" ? Console.In : new StreamReader(input);
    int lineNumber = 0;
    for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
    {
        lineNumber++;
        if (line.Length == 0) continue;
        string[] fields = line.Split(',');
        var values = new float[inputLength];
        bool numeric = fields.Length >= inputLength && fields.Length <= inputLength + 1;
        for (int i = 0; numeric && i < inputLength; i++)
            numeric = float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]);
        if (!numeric)
        {
            // A first line with words in it is a header (scikit-learn's "569,30,malignant,benign").
            if (lineNumber == 1 && fields.Any(f => !float.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _))) continue;
            throw new FormatException($"{(input == "-" ? "stdin" : input)} line {lineNumber}: expected {inputLength} numbers (and an optional label), got '{Shorten(line)}'");
        }
        for (int i = 0; i < inputLength; i++) values[i] *= scale;
        yield return values;
    }
}

static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "...";

delegate void Predictor(ReadOnlySpan<float> input, Span<float> output);
