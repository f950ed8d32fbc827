namespace Relaxnative.Signatures;

/// <summary>A comment found in source text: its span (0-based offsets, end exclusive), first line and text.</summary>
internal readonly record struct SourceComment(int Start, int End, string Text);
