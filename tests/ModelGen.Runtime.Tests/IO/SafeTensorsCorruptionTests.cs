using System.Buffers.Binary;

namespace ModelGen.IO.Tests;

/// <summary>
/// Every way a weights file can be wrong must name the problem and leave the model as it was.
/// </summary>
public sealed class SafeTensorsCorruptionTests
{
    private const string Weight = """ "dense.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]} """;
    private const string Bias = """ "dense.bias":{"dtype":"F32","shape":[2],"data_offsets":[24,32]} """;

    private static readonly float[] Counting = [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f];

    public static TheoryData<string> Cases =>
    [
        "truncated length prefix", "absurd header length", "header longer than file", "bad JSON",
        "header not an object", "missing tensor", "unknown tensor", "duplicate tensor", "wrong shape",
        "wrong dtype", "missing data offsets", "negative dimension", "offsets not matching the shape",
        "overlapping offsets", "truncated data", "trailing data",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corrupt_file_throws_a_clear_error_and_leaves_the_model_unchanged(string name)
    {
        (byte[] file, string[] expectedFragments) = Corrupt(name);
        using var directory = new TemporaryDirectory();
        string path = directory.File("corrupt.safetensors");
        File.WriteAllBytes(path, file);
        FakeModel model = FakeModel.Counting();

        var exception = Assert.Throws<WeightsFormatException>(() => SafeTensors.Load(model, path));

        Assert.Contains(path, exception.Message);
        foreach (string fragment in expectedFragments)
        {
            Assert.Contains(fragment, exception.Message);
        }

        Assert.Equal(Counting, model.Parameters.ToArray());
    }

    [Fact]
    public void Truncated_data_on_a_stream_that_cannot_seek_names_the_tensor()
    {
        byte[] file = SafeTensorsBytes.Build(SafeTensorsBytes.DenseHeader, SafeTensorsBytes.DenseData[..7]);
        FakeModel model = FakeModel.Counting();

        var exception = Assert.Throws<WeightsFormatException>(
            () => SafeTensors.Read(new ForwardOnlyStream(file), model.ParameterTensors, model.Parameters));

        Assert.Contains("ends inside tensor 'dense.bias'", exception.Message);
        Assert.Equal(Counting, model.Parameters.ToArray());
    }

    private static (byte[] File, string[] ExpectedFragments) Corrupt(string name) => name switch
    {
        "truncated length prefix" => ([1, 2, 3], ["ends inside the 8-byte header length"]),
        "absurd header length" => (LengthPrefixOnly(ulong.MaxValue, trailingBytes: 64), ["18446744073709551615", "corrupt"]),
        "header longer than file" => (LengthPrefixOnly(1000, trailingBytes: 16), ["1000", "only 16 bytes follow"]),
        "bad JSON" => (Dense("""{"dense.weight": nope}"""), ["not valid JSON"]),
        "header not an object" => (Dense("[1, 2]"), ["must be a JSON object", "Array"]),
        "missing tensor" => (Dense(Header(Weight)), ["missing", "'dense.bias'"]),
        "unknown tensor" => (
            Dense(Header(Weight, Bias, """ "dense.extra":{"dtype":"F32","shape":[0],"data_offsets":[32,32]} """)),
            ["unknown", "'dense.extra'"]),
        "duplicate tensor" => (Dense(Header(Weight, Bias, Bias)), ["'dense.bias'", "twice"]),
        "wrong shape" => (
            Dense(Header(""" "dense.weight":{"dtype":"F32","shape":[3,2],"data_offsets":[0,24]} """, Bias)),
            ["'dense.weight'", "shape [3, 2]", "expected [2, 3]"]),
        "wrong dtype" => (
            Dense(Header(""" "dense.weight":{"dtype":"F16","shape":[2,3],"data_offsets":[0,24]} """, Bias)),
            ["'dense.weight'", "F16", "expected F32"]),
        "missing data offsets" => (
            Dense(Header(""" "dense.weight":{"dtype":"F32","shape":[2,3]} """, Bias)),
            ["'dense.weight'", "data_offsets"]),
        "negative dimension" => (
            Dense(Header(""" "dense.weight":{"dtype":"F32","shape":[-2,3],"data_offsets":[0,24]} """, Bias)),
            ["'dense.weight'", "-2", "non-negative"]),
        "offsets not matching the shape" => (
            Dense("""{"dense.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]},"dense.bias":{"dtype":"F32","shape":[2],"data_offsets":[20,28]}}"""),
            ["'dense.weight'", "[0, 20]", "24 bytes"]),
        "overlapping offsets" => (
            Dense(Header(Weight, """ "dense.bias":{"dtype":"F32","shape":[2],"data_offsets":[16,24]} """)),
            ["'dense.bias'", "overlaps", "expected 24"]),
        "truncated data" => (
            SafeTensorsBytes.Build(SafeTensorsBytes.DenseHeader, SafeTensorsBytes.DenseData[..7]),
            ["holds 28 bytes", "describes 32"]),
        "trailing data" => (
            SafeTensorsBytes.Build(SafeTensorsBytes.DenseHeader, [.. SafeTensorsBytes.DenseData, 9f]),
            ["holds 36 bytes", "describes 32"]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown case."),
    };

    private static string Header(params string[] entries) => "{" + string.Join(",", entries) + "}";

    /// <summary>A file with a valid-looking tensor data section behind the given header.</summary>
    private static byte[] Dense(string header) => SafeTensorsBytes.Build(header, SafeTensorsBytes.DenseData);

    private static byte[] LengthPrefixOnly(ulong headerLength, int trailingBytes)
    {
        byte[] file = new byte[8 + trailingBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, headerLength);
        return file;
    }
}
