namespace Relaxnative.Signatures;

/// <summary>How to read a preprocessed translation unit.</summary>
internal sealed record CParseOptions
{
    /// <summary>The default: C.</summary>
    public static CParseOptions C { get; } = new();

    /// <summary>C++: functions have C linkage only inside or after <c>extern "C"</c> (or under a line marker with flag 4);
    /// namespaces, classes and templates are skipped as balanced groups.</summary>
    public static CParseOptions Cpp { get; } = new() { IsCpp = true };

    /// <summary>Whether the text is preprocessed C++ rather than C.</summary>
    public bool IsCpp { get; init; }

    /// <summary>The file name used for lines before the first line marker (text preprocessed with <c>-P</c>, or not preprocessed).</summary>
    public string FileName { get; init; } = "<input>";
}
