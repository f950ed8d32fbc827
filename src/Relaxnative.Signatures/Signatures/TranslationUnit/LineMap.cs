namespace Relaxnative.Signatures;

/// <summary>
/// Maps offsets of preprocessed text to the original file and line, from the line markers the preprocessor wrote
/// (<c># 12 "zlib.h" 1 3 4</c>: the next line is line 12 of zlib.h, a system header, with implicit C linkage).
/// </summary>
internal sealed class LineMap
{
    private readonly string _text;
    private readonly List<int> _lineStarts = [0];
    private readonly List<Marker> _markers = [];
    private readonly List<FileInfo> _files = [];
    private readonly Dictionary<(string, bool), int> _fileIndex = [];
    private readonly Dictionary<(int, int), CSourceLocation> _locations = [];
    public LineMap(string text, string defaultFile)
    {
        _text = text;
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            _lineStarts.Add(i + 1);
        }

        _markers.Add(new Marker(0, File(defaultFile, false), 1, false));
    }

    /// <summary>Reads a directive's text (after '#'); records it when it is a line marker.</summary>
    public void ReadDirective(ReadOnlySpan<char> directive, int lineEnd)
    {
        var rest = directive.TrimStart();
        if (rest.StartsWith("line"))
        {
            rest = rest[4..].TrimStart();
        }

        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
        {
            digits++;
        }

        if (digits == 0 || !int.TryParse(rest[..digits], out var line))
        {
            return; // #pragma, #ident: no meaning for declarations.
        }

        rest = rest[digits..].TrimStart();
        var current = _markers[^1].File;
        string name = _files[current].Name;
        if (rest.Length > 0 && rest[0] == '"')
        {
            var close = rest[1..].IndexOf('"');
            while (close >= 0 && rest[close] == '\\')
            {
                var next = rest[(close + 2)..].IndexOf('"');
                close = next < 0 ? -1 : close + 1 + next;
            }

            if (close < 0)
            {
                return;
            }

            name = Unescape(rest.Slice(1, close));
            rest = rest[(close + 2)..];
        }

        bool system = false, externC = false;
        foreach (var flag in rest)
        {
            system |= flag == '3';
            externC |= flag == '4';
        }

        _markers.Add(new Marker(Math.Min(lineEnd + 1, _text.Length), File(name, system), line, externC));
    }

    /// <summary>Whether code at <paramref name="offset"/> has implicit C linkage (marker flag 4).</summary>
    public bool IsExternC(int offset) => MarkerAt(offset).ExternC;

    /// <summary>The original file and line of <paramref name="offset"/>.</summary>
    public CSourceLocation Locate(int offset)
    {
        var marker = MarkerAt(offset);
        var line = marker.Line + (LineIndex(offset) - LineIndex(marker.Offset));
        var key = (marker.File, line);
        if (!_locations.TryGetValue(key, out var location))
        {
            var file = _files[marker.File];
            location = new CSourceLocation(file.Name, line, file.System);
            _locations[key] = location;
        }

        return location;
    }

    private Marker MarkerAt(int offset)
    {
        int low = 0, high = _markers.Count - 1, found = 0;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (_markers[mid].Offset <= offset)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return _markers[found];
    }

    private int LineIndex(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        return index >= 0 ? index : ~index - 1;
    }

    private int File(string name, bool system)
    {
        if (!_fileIndex.TryGetValue((name, system), out var index))
        {
            index = _files.Count;
            _files.Add(new FileInfo(name, system));
            _fileIndex[(name, system)] = index;
        }

        return index;
    }

    private static string Unescape(ReadOnlySpan<char> name)
    {
        if (!name.Contains('\\'))
        {
            return name.ToString();
        }

        var builder = new System.Text.StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '\\' && i + 1 < name.Length)
            {
                i++;
                if (name[i] is >= '0' and <= '7')
                {
                    var value = 0;
                    var digits = 0;
                    while (digits < 3 && i < name.Length && name[i] is >= '0' and <= '7')
                    {
                        value = (value * 8) + (name[i] - '0');
                        i++;
                        digits++;
                    }

                    i--;
                    builder.Append((char)value);
                    continue;
                }
            }

            builder.Append(name[i]);
        }

        return builder.ToString();
    }

    private readonly record struct Marker(int Offset, int File, int Line, bool ExternC);

    private sealed record FileInfo(string Name, bool System);
}
