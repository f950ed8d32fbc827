using Relaxnative.Build;

namespace Relaxnative.Tests.Examples;

/// <summary>A private cache root shared by one test class, so each example compiles once per run; deleted on dispose.</summary>
public sealed class ExampleCacheFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("relaxnative-examples-").FullName;

    public ExampleCacheFixture() => Options = new BuildOptions { CacheDirectory = Path.Combine(_folder, "cache") };

    /// <summary>Gets build options that use this fixture's cache root.</summary>
    public BuildOptions Options { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A library may still be mapped on some platforms; the OS temp cleaner takes it.
        }
    }
}
