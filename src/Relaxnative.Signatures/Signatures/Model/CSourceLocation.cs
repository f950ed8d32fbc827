namespace Relaxnative.Signatures;

/// <summary>
/// Where a declaration was written: the original file and 1-based line named by the preprocessor's line
/// markers (not a line of the preprocessed text), and whether that file is a system header (marker flag 3).
/// </summary>
/// <param name="File">The file as the preprocessor named it (for example <c>/usr/include/zlib.h</c> or <c>src/lib.c</c>).</param>
/// <param name="Line">The 1-based line in <paramref name="File"/>; 0 for the preprocessor's built-in lines.</param>
/// <param name="IsSystemHeader">Whether the preprocessor marked the file as a system header. This says where a
/// declaration came from; it never decides whether a function is exported.</param>
internal sealed record CSourceLocation(string File, int Line, bool IsSystemHeader)
{
    /// <summary>An unknown location, used for declaration strings that did not come from a file.</summary>
    public static CSourceLocation None { get; } = new(string.Empty, 0, false);

    /// <summary>Returns <c>file:line</c>.</summary>
    /// <returns>The location as <c>file:line</c>, or an empty string for <see cref="None"/>.</returns>
    public override string ToString() => File.Length == 0 ? string.Empty : File + ":" + Line;
}
