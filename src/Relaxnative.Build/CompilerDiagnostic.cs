namespace Relaxnative;

/// <summary>One message reported by a compiler or linker, parsed from its output.</summary>
/// <param name="File">The file the message refers to, as the compiler printed it; empty when the message has no location.</param>
/// <param name="Line">The 1-based line, or 0 when unknown.</param>
/// <param name="Column">The 1-based column, or 0 when unknown.</param>
/// <param name="Severity"><c>error</c>, <c>warning</c> or <c>note</c> (a <c>fatal error</c> is reported as <c>error</c>).</param>
/// <param name="Message">The message text, without location and severity.</param>
public sealed record CompilerDiagnostic(string File, int Line, int Column, string Severity, string Message)
{
    /// <summary>Returns the diagnostic in the compiler's own <c>file:line:col: severity: message</c> form.</summary>
    /// <returns>The formatted diagnostic.</returns>
    public override string ToString() =>
        File.Length == 0 ? $"{Severity}: {Message}"
        : Line == 0 ? $"{File}: {Severity}: {Message}"
        : $"{File}:{Line}:{Column}: {Severity}: {Message}";
}
