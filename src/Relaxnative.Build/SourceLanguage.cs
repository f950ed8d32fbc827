namespace Relaxnative;

/// <summary>The source languages Relaxnative can compile into a shared library.</summary>
public enum SourceLanguage
{
    /// <summary>C, compiled by the C compiler (<c>$CC</c>, <c>cc</c>, <c>gcc</c>, <c>clang</c>). Files ending in <c>.c</c>.</summary>
    C,

    /// <summary>C++, compiled by the C++ compiler (<c>$CXX</c>, <c>c++</c>, <c>g++</c>, <c>clang++</c>). Files ending in <c>.cpp</c>, <c>.cc</c> or <c>.cxx</c>.</summary>
    Cpp,

    /// <summary>Rust, compiled by <c>rustc</c> as a <c>cdylib</c>. Files ending in <c>.rs</c>.</summary>
    Rust,
}
