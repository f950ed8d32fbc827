namespace Relaxnative.Build;

/// <summary>The result of one finished child process.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything written to standard output.</param>
/// <param name="StandardError">Everything written to standard error.</param>
internal sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Gets standard error followed by standard output: compilers report on stderr.</summary>
    public string CombinedOutput =>
        StandardOutput.Length == 0 ? StandardError
        : StandardError.Length == 0 ? StandardOutput
        : StandardError.TrimEnd() + Environment.NewLine + StandardOutput;
}
