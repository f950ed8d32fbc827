namespace Relaxnative.Build;

/// <summary>What a path names, as <c>lstat(2)</c> (or <c>stat(2)</c> when links are followed) reports it.</summary>
internal enum FileKind
{
    Missing,
    File,
    Directory,
    SymbolicLink,
    Other,
}
