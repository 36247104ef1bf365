namespace ModelGen.IO.Tests;

/// <summary>A stream that hides its length, as a network or pipe stream would.</summary>
internal sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
