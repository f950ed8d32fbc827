using System.Diagnostics;
using System.Runtime.InteropServices;
using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

/// <summary>A private temp folder with its own cache root, deleted on dispose; plus helpers to call built code.</summary>
internal sealed class BuildFixture : IDisposable
{
    public BuildFixture()
    {
        Folder = Directory.CreateTempSubdirectory("relaxnative-build-").FullName;
        CacheRoot = Path.Combine(Folder, "cache");
        Options = new BuildOptions { CacheDirectory = CacheRoot };
    }

    public string Folder { get; }

    public string CacheRoot { get; }

    public BuildOptions Options { get; }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteScript(string name, string body)
    {
        var path = Write(name, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    public string[] CacheFiles() =>
        Directory.Exists(CacheRoot) ? Directory.GetFiles(CacheRoot, "*", SearchOption.AllDirectories) : [];

    public string[] Manifests() =>
        Directory.Exists(CacheRoot) ? Directory.GetFiles(CacheRoot, BuildCache.ManifestFileName, SearchOption.AllDirectories) : [];

    public static unsafe int CallIntInt(string library, string name, int a, int b)
    {
        var handle = NativeLibrary.Load(library);
        try
        {
            var function = (delegate* unmanaged<int, int, int>)NativeLibrary.GetExport(handle, name);
            return function(a, b);
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    public static unsafe int CallInt(string library, string name)
    {
        var handle = NativeLibrary.Load(library);
        try
        {
            var function = (delegate* unmanaged<int>)NativeLibrary.GetExport(handle, name);
            return function();
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }

    /// <summary>Starts the child scenario runner with the given environment changes (null removes a variable).</summary>
    public static Process StartChild(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Relaxnative.Tests.Child.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return Process.Start(info)!;
    }

    public static (int ExitCode, string Output, string Error) Wait(Process process)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The child scenario did not finish within two minutes.");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A library may still be mapped on some platforms; the OS temp cleaner takes it.
        }
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return Path.Combine(root, "dotnet");
    }
}
