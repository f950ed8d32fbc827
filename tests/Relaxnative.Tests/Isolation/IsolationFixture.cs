using Relaxnative.Isolation.Process;
using Relaxnative.Signatures;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Isolation;

/// <summary>Builds tests/native/isolation.c and makes process-isolated functions of it.</summary>
internal static class IsolationFixture
{
    internal static string LibraryPath => NativeFixtures.Build("isolation.c");

    internal static ProcessDispatcher StartProcess(ProcessIsolationOptions? options = null) =>
        ProcessDispatcher.Start(LibraryPath, options);

    internal static NativeFunction Function(this ProcessDispatcher dispatcher, string declaration) =>
        dispatcher.CreateFunction(CDeclarationParser.Parse(declaration));

    /// <summary>Whether a process with this id is alive (a zombie counts as gone).</summary>
    internal static bool IsAlive(int pid)
    {
        string stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            string text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..].Split(' ')[0] != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }

    internal static string[] SharedMemoryObjects(int pid) =>
        Directory.Exists("/dev/shm") ? Directory.GetFiles("/dev/shm", $"relaxnative-{pid}-*") : [];
}
