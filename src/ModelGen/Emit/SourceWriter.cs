using System;
using System.Text;

namespace ModelGen.Generator.Emit;

/// <summary>Builds source text line by line with four-space indentation and LF line ends (deterministic bytes).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Writes one line, or each line of a multi-line block, at the current indentation.</summary>
    public SourceWriter Line(string text = "")
    {
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
            _text.Append(line.Length == 0 ? "" : new string(' ', _indent * 4)).Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, then indents.</summary>
    public void Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
    }

    /// <summary>Unindents and writes a closing brace.</summary>
    public void Close()
    {
        _indent = Math.Max(0, _indent - 1);
        Line("}");
    }

    public override string ToString() => _text.ToString();
}
