// The C entry points of NativeLibrary.so, as include/modelgen.h declares them. Each predict function
// checks the caller's pointers and lengths, runs one sample through the calling thread's own copy of
// the model, and returns a status. No managed exception may cross into C, where it would end the
// process, so anything unexpected becomes MODELGEN_ERROR_INTERNAL.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FashionMnistSample;

namespace ModelGen.NativeLibrary;

internal static unsafe class Exports
{
    // The statuses of modelgen.h.
    private const int Ok = 0;
    private const int NullPointer = -1;
    private const int WrongLength = -2;
    private const int Internal = -3;

    // A model holds workspaces that Predict writes, so threads must not share one; each thread makes
    // its own on its first call and keeps it, which lets C callers use threads without locking.
    [ThreadStatic] private static FashionCnn? t_fashionCnn;
    [ThreadStatic] private static BreastCancerClassifier? t_breastCancer;

    [UnmanagedCallersOnly(EntryPoint = "modelgen_status_message")]
    private static byte* StatusMessage(int status) => status switch
    {
        // UTF-8 literals live in the library's read-only data, so their address never changes; the
        // explicit "\0" is the terminator C reads up to.
        Ok => Pointer("ok\0"u8),
        NullPointer => Pointer("null pointer\0"u8),
        WrongLength => Pointer("wrong length\0"u8),
        Internal => Pointer("internal error\0"u8),
        _ => Pointer("unknown status\0"u8),
    };

    [UnmanagedCallersOnly(EntryPoint = "modelgen_fashion_cnn_input_length")]
    private static int FashionCnnInputLength() => FashionCnn.InputLength;

    [UnmanagedCallersOnly(EntryPoint = "modelgen_fashion_cnn_output_length")]
    private static int FashionCnnOutputLength() => FashionCnn.OutputLength;

    [UnmanagedCallersOnly(EntryPoint = "modelgen_fashion_cnn_predict")]
    private static int FashionCnnPredict(float* pixels, int pixelCount, float* probabilities, int probabilityCount) =>
        Predict(pixels, pixelCount, FashionCnn.InputLength, probabilities, probabilityCount, FashionCnn.OutputLength, &FashionCnnOnThisThread);

    [UnmanagedCallersOnly(EntryPoint = "modelgen_breast_cancer_input_length")]
    private static int BreastCancerInputLength() => BreastCancerClassifier.InputLength;

    [UnmanagedCallersOnly(EntryPoint = "modelgen_breast_cancer_output_length")]
    private static int BreastCancerOutputLength() => BreastCancerClassifier.OutputLength;

    [UnmanagedCallersOnly(EntryPoint = "modelgen_breast_cancer_predict")]
    private static int BreastCancerPredict(float* features, int featureCount, float* probability, int probabilityCount) =>
        Predict(features, featureCount, BreastCancerClassifier.InputLength, probability, probabilityCount, BreastCancerClassifier.OutputLength, &BreastCancerOnThisThread);

    private static void FashionCnnOnThisThread(ReadOnlySpan<float> input, Span<float> output) =>
        (t_fashionCnn ??= FashionCnn.FromEmbeddedWeights()).Predict(input, output);

    private static void BreastCancerOnThisThread(ReadOnlySpan<float> input, Span<float> output) =>
        (t_breastCancer ??= BreastCancerClassifier.FromEmbeddedWeights()).Predict(input, output);

    /// <summary>Checks the caller's buffers, then runs <paramref name="predict"/> on them; any exception becomes <see cref="Internal"/>.</summary>
    private static int Predict(float* input, int inputCount, int inputLength, float* output, int outputCount, int outputLength,
        delegate*<ReadOnlySpan<float>, Span<float>, void> predict)
    {
        int status = Check(input, inputCount, inputLength, output, outputCount, outputLength);
        if (status != Ok) return status;
        try
        {
            predict(new ReadOnlySpan<float>(input, inputCount), new Span<float>(output, outputCount));
            return Ok;
        }
        catch (Exception)
        {
            return Internal;
        }
    }

    private static int Check(float* input, int inputCount, int inputLength, float* output, int outputCount, int outputLength) =>
        input == null || output == null ? NullPointer
        : inputCount != inputLength || outputCount != outputLength ? WrongLength
        : Ok;

    private static byte* Pointer(ReadOnlySpan<byte> staticData) => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(staticData));
}
