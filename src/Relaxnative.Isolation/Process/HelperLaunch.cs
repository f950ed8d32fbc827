namespace Relaxnative.Isolation.Process;

/// <summary>
/// How one helper process is started: the program to execute, the arguments before the helper's own, and the
/// environment variables that select the helper. Made by <see cref="HostLocator"/>; immutable.
/// </summary>
/// <param name="HostPath">What <see cref="HostLocator.Find"/> reports: Relaxnative.Host.dll, or the executable that runs the helper.</param>
/// <param name="FileName">The program executed.</param>
/// <param name="Arguments">Arguments placed before the helper's own.</param>
/// <param name="Environment">Variables added to the helper's explicit environment.</param>
/// <param name="Description">The strategy in words, for errors and <c>relaxnative doctor</c>.</param>
internal sealed record HelperLaunch(
    string HostPath,
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string Description)
{
    /// <summary>The command line as text (program and leading arguments), for messages.</summary>
    internal string CommandLine => Arguments.Count == 0 ? FileName : FileName + " " + string.Join(' ', Arguments);
}
