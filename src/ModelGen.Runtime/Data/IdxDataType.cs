namespace ModelGen.Data;

/// <summary>The value type of an IDX file, as its third byte codes it.</summary>
public enum IdxDataType : byte
{
    /// <summary>0x08: <see cref="byte"/>, the type of MNIST and Fashion-MNIST pixels and labels.</summary>
    UnsignedByte = 0x08,

    /// <summary>0x09: <see cref="sbyte"/>.</summary>
    SignedByte = 0x09,

    /// <summary>0x0B: big-endian <see cref="short"/>.</summary>
    Int16 = 0x0B,

    /// <summary>0x0C: big-endian <see cref="int"/>.</summary>
    Int32 = 0x0C,

    /// <summary>0x0D: big-endian <see cref="float"/>.</summary>
    Single = 0x0D,

    /// <summary>0x0E: big-endian <see cref="double"/>.</summary>
    Double = 0x0E,
}
