namespace Relaxnative;

public static partial class Native
{
    /// <summary>
    /// Compiles (or finds in the cache) a C, C++ or Rust source file, or opens a prebuilt shared library, and binds
    /// every exported function it defines. Functions that cannot be bound (variadic, struct by value, C++ without
    /// <c>extern "C"</c>) are listed in <see cref="NativeModule.Skipped"/> instead of failing the load.
    /// </summary>
    /// <param name="sourcePath">A <c>.c</c>, <c>.cpp</c>/<c>.cc</c>/<c>.cxx</c> or <c>.rs</c> file, or a <c>.so</c>/<c>.dylib</c>/<c>.dll</c> with <see cref="LoadOptions.Declarations"/>.</param>
    /// <param name="options">Isolation, execution modes and build options; <see cref="LoadOptions.Default"/> when null.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The file type is not supported.</exception>
    /// <exception cref="NativeBuildException">The compiler failed; its diagnostics are attached.</exception>
    /// <exception cref="NativeToolchainException">No compiler for the language was found.</exception>
    public static NativeModule Load(string sourcePath, LoadOptions? options = null) =>
        ModuleLoader.Load(sourcePath, options ?? LoadOptions.Default, CancellationToken.None);

    /// <summary>As <see cref="Load"/>, compiling without blocking the caller; cancellation stops the compiler.</summary>
    public static Task<NativeModule> LoadAsync(string sourcePath, LoadOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => ModuleLoader.Load(sourcePath, options ?? LoadOptions.Default, cancellationToken), cancellationToken);
}
