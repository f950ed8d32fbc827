namespace Relaxnative.Cli.Support;

/// <summary>What <c>doctor</c> reports about the crash-isolating helper process.</summary>
internal static class HelperLocator
{
    /// <summary>
    /// One line describing the helper: where it was found, or what was tried. This build has no process
    /// isolation, so it says so; the Isolation room's locator replaces this method.
    /// </summary>
    public static (bool Found, string Description) Describe() => (false, "not available in this build");
}
