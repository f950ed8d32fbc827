using Relaxnative.Isolation.Process;

namespace Relaxnative.Cli.Support;

/// <summary>What <c>doctor</c> reports about the crash-isolating helper process.</summary>
internal static class HelperLocator
{
    /// <summary>One line describing the helper: where the Isolation room's locator found it, or everything it tried.</summary>
    public static (bool Found, string Description) Describe()
    {
        try
        {
            return (true, HostLocator.Find());
        }
        catch (FileNotFoundException e)
        {
            return (false, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return (false, e.Message);
        }
    }
}
