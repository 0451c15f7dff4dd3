using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace EventTracker.Api.Import;

/// <summary>One line of an NDJSON body: its 1-based number and its bytes, or a note that it was too long to read.</summary>
public readonly record struct NdjsonLine(int Number, byte[]? Bytes)
{
    public bool TooLong => Bytes is null;
}

/// <summary>
/// Reads an NDJSON stream line by line with bounded memory: a line longer than the cap is skipped
/// (and reported) without ever being held whole. Blank lines are numbered but not returned.
/// </summary>
public static class NdjsonLineReader
{
    public static async IAsyncEnumerable<NdjsonLine> ReadAsync(
        PipeReader reader, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = 0;
        var skipping = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var lines = new List<NdjsonLine>();

            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, end);
                buffer = buffer.Slice(buffer.GetPosition(1, end));
                number++;
                if (skipping || line.Length > maxLineBytes)
                {
                    skipping = false;
                    lines.Add(new NdjsonLine(number, null));
                }
                else if (Content(line) is { } bytes)
                {
                    lines.Add(new NdjsonLine(number, bytes));
                }
            }

            if (buffer.Length > maxLineBytes)
            {
                skipping = true; // drop what we hold of this line; the rest is dropped up to its newline
                buffer = buffer.Slice(buffer.End);
            }
            else if (skipping)
            {
                buffer = buffer.Slice(buffer.End);
            }

            var completed = result.IsCompleted;
            if (completed && (skipping || buffer.Length > 0))
            {
                number++;
                if (skipping)
                {
                    lines.Add(new NdjsonLine(number, null));
                }
                else if (Content(buffer) is { } bytes)
                {
                    lines.Add(new NdjsonLine(number, bytes));
                }

                buffer = buffer.Slice(buffer.End);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            foreach (var line in lines)
            {
                yield return line;
            }

            if (completed)
            {
                break;
            }
        }

        await reader.CompleteAsync();
    }

    /// <summary>The line without its trailing carriage return; null when it holds only whitespace.</summary>
    private static byte[]? Content(ReadOnlySequence<byte> line)
    {
        var bytes = line.ToArray();
        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\r' or (byte)' ' or (byte)'\t')
        {
            length--;
        }

        var start = 0;
        while (start < length && bytes[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        return start == length ? null : start == 0 && length == bytes.Length ? bytes : bytes[start..length];
    }
}
