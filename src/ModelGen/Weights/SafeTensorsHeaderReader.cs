using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ModelGen.Generator.Weights;

/// <summary>A parsed safetensors header: the tensors it describes and where their data starts.</summary>
/// <param name="Tensors">The tensor entries by name; <c>__metadata__</c> is skipped.</param>
/// <param name="DataStart">Offset of the data section: the 8-byte length prefix plus the header.</param>
internal sealed record SafeTensorsLayout(IReadOnlyDictionary<string, StoredTensor> Tensors, long DataStart);

/// <summary>
/// Reads the JSON header of a safetensors file. The generator targets netstandard2.0 and cannot
/// count on System.Text.Json inside the compiler, so this is a small reader for the only JSON a
/// header holds: one object of objects, strings, integer arrays and a string-to-string metadata map.
/// </summary>
internal static class SafeTensorsHeaderReader
{
    /// <summary>safetensors' own limit; a larger length prefix means the file is not one.</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>The header length from the file's first 8 bytes.</summary>
    /// <exception cref="FormatException">The prefix is short or implausible.</exception>
    public static long HeaderLength(byte[] prefix, long fileLength)
    {
        if (prefix.Length < 8 || fileLength < 8) throw new FormatException($"the file holds {fileLength} bytes, fewer than the 8-byte header length");
        ulong length = 0;
        for (int i = 7; i >= 0; i--) length = (length << 8) | prefix[i];
        if (length > MaxHeaderLength) throw new FormatException($"its header length prefix says {length} bytes, more than safetensors allows ({MaxHeaderLength}); it is not a safetensors file");
        if ((long)length > fileLength - 8) throw new FormatException($"its header length prefix says {length} bytes, but only {fileLength - 8} follow");
        return (long)length;
    }

    /// <summary>Parses <paramref name="header"/> (the JSON bytes after the length prefix).</summary>
    /// <exception cref="FormatException">The header is not the JSON a safetensors file holds.</exception>
    public static SafeTensorsLayout Parse(byte[] header)
    {
        var reader = new JsonCursor(header);
        var tensors = new Dictionary<string, StoredTensor>(StringComparer.Ordinal);
        reader.Expect('{');
        if (!reader.TryConsume('}'))
        {
            do
            {
                string name = reader.ReadString();
                reader.Expect(':');
                if (name == "__metadata__") reader.SkipValue();
                else if (tensors.ContainsKey(name)) throw new FormatException($"its header names tensor '{name}' twice");
                else tensors.Add(name, ReadEntry(name, reader));
            }
            while (reader.TryConsume(','));
            reader.Expect('}');
        }
        reader.ExpectEnd();
        return new SafeTensorsLayout(tensors, 8 + header.Length);
    }

    private static StoredTensor ReadEntry(string name, JsonCursor reader)
    {
        string? dtype = null;
        long[]? shape = null, offsets = null;
        reader.Expect('{');
        if (!reader.TryConsume('}'))
        {
            do
            {
                string key = reader.ReadString();
                reader.Expect(':');
                switch (key)
                {
                    case "dtype": dtype = reader.ReadString(); break;
                    case "shape": shape = reader.ReadNaturals(); break;
                    case "data_offsets": offsets = reader.ReadNaturals(); break;
                    default: reader.SkipValue(); break;
                }
            }
            while (reader.TryConsume(','));
            reader.Expect('}');
        }
        if (dtype is null || shape is null || offsets is null || offsets.Length != 2)
            throw new FormatException($"its header entry for tensor '{name}' lacks a dtype, a shape or two data offsets");
        return new StoredTensor(name, dtype, shape, offsets[0], offsets[1]);
    }

    /// <summary>A position in the header's bytes, with the few reads the format needs.</summary>
    private sealed class JsonCursor(byte[] json)
    {
        private int _position;

        public void Expect(char token)
        {
            if (!TryConsume(token)) throw Error($"expected '{token}'");
        }

        public bool TryConsume(char token)
        {
            SkipWhitespace();
            if (_position < json.Length && json[_position] == token)
            {
                _position++;
                return true;
            }
            return false;
        }

        public void ExpectEnd()
        {
            SkipWhitespace();
            if (_position != json.Length) throw Error("expected the end of the header");
        }

        public string ReadString()
        {
            Expect('"');
            var text = new StringBuilder();
            int start = _position;
            while (true)
            {
                if (_position >= json.Length) throw Error("unterminated string");
                byte current = json[_position];
                if (current == '"') break;
                if (current != '\\')
                {
                    _position++;
                    continue;
                }
                text.Append(Encoding.UTF8.GetString(json, start, _position - start));
                text.Append(ReadEscape());
                start = _position;
            }
            text.Append(Encoding.UTF8.GetString(json, start, _position - start));
            _position++;
            return text.ToString();
        }

        public long[] ReadNaturals()
        {
            var values = new List<long>();
            Expect('[');
            if (TryConsume(']')) return values.ToArray();
            do values.Add(ReadNatural());
            while (TryConsume(','));
            Expect(']');
            return values.ToArray();
        }

        public void SkipValue()
        {
            SkipWhitespace();
            if (_position >= json.Length) throw Error("expected a value");
            switch ((char)json[_position])
            {
                case '"': ReadString(); break;
                case '{': SkipContainer('{', '}', member: true); break;
                case '[': SkipContainer('[', ']', member: false); break;
                default:
                    while (_position < json.Length && json[_position] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
                        _position++;
                    break;
            }
        }

        private void SkipContainer(char open, char close, bool member)
        {
            Expect(open);
            if (TryConsume(close)) return;
            do
            {
                if (member)
                {
                    ReadString();
                    Expect(':');
                }
                SkipValue();
            }
            while (TryConsume(','));
            Expect(close);
        }

        private long ReadNatural()
        {
            SkipWhitespace();
            int start = _position;
            while (_position < json.Length && json[_position] >= '0' && json[_position] <= '9') _position++;
            string digits = Encoding.ASCII.GetString(json, start, _position - start);
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
                throw Error("expected a non-negative integer");
            return value;
        }

        private string ReadEscape()
        {
            _position++;
            if (_position >= json.Length) throw Error("unterminated escape");
            char escaped = (char)json[_position++];
            switch (escaped)
            {
                case '"': case '\\': case '/': return escaped.ToString();
                case 'b': return "\b";
                case 'f': return "\f";
                case 'n': return "\n";
                case 'r': return "\r";
                case 't': return "\t";
                case 'u':
                    if (_position + 4 > json.Length || !int.TryParse(Encoding.ASCII.GetString(json, _position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                        throw Error("bad \\u escape");
                    _position += 4;
                    return ((char)code).ToString();
                default: throw Error($"unknown escape '\\{escaped}'");
            }
        }

        private void SkipWhitespace()
        {
            while (_position < json.Length && json[_position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') _position++;
        }

        private FormatException Error(string what) => new($"its header is not valid safetensors JSON ({what} at byte {_position})");
    }
}
