namespace Relaxnative;

public sealed partial class NativeModule
{
    /// <summary>
    /// Gets how the library was obtained when the module was loaded from sources (compiled now or a cache hit, and how
    /// long each took); <see langword="null"/> for a library opened with <see cref="Native.Open"/> or loaded prebuilt by path.
    /// </summary>
    public NativeBuildInfo? Build { get; private set; }

    internal void SetBuild(NativeBuildInfo build) => Build = build;
}
