using System.CommandLine;
using Relaxnative.Build;
using Relaxnative.Cli.Output;
using Relaxnative.Cli.Support;

namespace Relaxnative.Cli.Commands;

/// <summary><c>relaxnative cache status|clean|path</c>: the build cache's root, contents and clean-up.</summary>
internal static class CacheCommand
{
    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var status = new Command("status", "Show the cache root, the number of entries and their size.") { json };
        status.SetAction(parse => Status(parse.GetValue(json)));

        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (required when stdin is not a terminal)." };
        var clean = new Command("clean", "Delete everything in the cache root; the next load compiles again.") { yes };
        clean.SetAction(parse => Clean(parse.GetValue(yes)));

        var path = new Command("path", "Print the cache root (BuildOptions.CacheDirectory, RELAXNATIVE_CACHE_DIR, $XDG_CACHE_HOME/relaxnative or ~/.cache/relaxnative).");
        path.SetAction(_ =>
        {
            Terminal.Line(NativeBuilder.GetCacheRoot());
            return ExitCodes.Success;
        });

        return new Command("cache", "Inspect or clean the build cache.") { status, clean, path };
    }

    private static int Status(bool json)
    {
        var info = CacheInfo.Read(NativeBuilder.GetCacheRoot());
        if (json)
        {
            JsonOutput.Write(info.ToJson());
        }
        else
        {
            Terminal.Line($"root: {info.Root}{(info.Exists ? "" : " (does not exist yet)")}");
            Terminal.Line($"entries: {info.EntryCount}");
            Terminal.Line($"size: {Formatting.Bytes(info.ByteCount)} ({info.ByteCount} bytes)");
        }

        return ExitCodes.Success;
    }

    private static int Clean(bool yes)
    {
        var info = CacheInfo.Read(NativeBuilder.GetCacheRoot());
        if (!info.Exists)
        {
            Terminal.Line($"Nothing to clean: {info.Root} does not exist.");
            return ExitCodes.Success;
        }

        if (!yes)
        {
            if (Console.IsInputRedirected)
            {
                throw CliException.Usage($"Refusing to delete {info.EntryCount} entries ({Formatting.Bytes(info.ByteCount)}) in {info.Root} without confirmation.",
                    "Pass --yes to clean without asking.");
            }

            Console.Error.Write($"Delete {info.EntryCount} entries ({Formatting.Bytes(info.ByteCount)}) in {info.Root}? [y/N] ");
            string? answer = Console.ReadLine();
            if (!string.Equals(answer?.Trim(), "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
            {
                Terminal.Line("Cancelled; nothing deleted.");
                return ExitCodes.Failure;
            }
        }

        var root = new DirectoryInfo(info.Root);
        foreach (var directory in root.EnumerateDirectories())
        {
            directory.Delete(recursive: true);
        }

        foreach (var file in root.EnumerateFiles())
        {
            file.Delete();
        }

        Terminal.Line($"Removed {info.EntryCount} entries ({Formatting.Bytes(info.ByteCount)}) from {info.Root}.");
        return ExitCodes.Success;
    }
}
