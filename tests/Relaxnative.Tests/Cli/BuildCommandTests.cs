namespace Relaxnative.Tests.Cli;

public sealed class BuildCommandTests
{
    [Fact]
    public void Build_IntoCache_PrintsTheLibrary()
    {
        var result = CliRunner.Run("build", CliRunner.Example("add.c"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("add.c -> " + CliRunner.CacheDirectory, result.StandardOutput);
        Assert.Contains("libadd.so", result.StandardOutput);
    }

    [Fact]
    public void Build_Out_WritesAPrebuiltFolderThatNativeLoadUsesWithoutACompiler()
    {
        string output = Path.Combine(Path.GetTempPath(), "relaxnative-cli-prebuilt-" + Guid.NewGuid().ToString("N"));
        string emptyCache = Path.Combine(Path.GetTempPath(), "relaxnative-cli-empty-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = CliRunner.Run("build", CliRunner.Example("add.c"), "--out", output);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Single(Directory.GetFiles(output, "*.relaxnative.json"));
            using var module = Native.Load(CliRunner.Example("add.c"), new LoadOptions
            {
                Build = new BuildOptions { PrebuiltDirectory = output, CacheDirectory = emptyCache, Compiler = "/no/such/compiler" },
            });
            Assert.StartsWith(output, module.LibraryPath);
            Assert.Equal(5, module["add"].Invoke<int>(2, 3));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
            if (Directory.Exists(emptyCache))
            {
                Directory.Delete(emptyCache, recursive: true);
            }
        }
    }

    [Fact]
    public void Build_CompileError_ExitsOneWithDiagnostics()
    {
        string source = Path.Combine(Path.GetTempPath(), "relaxnative-cli-broken-" + Guid.NewGuid().ToString("N") + ".c");
        File.WriteAllText(source, "int broken(void) { return nope; }\n");
        try
        {
            var result = CliRunner.Run("build", source);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("nope", result.StandardError);
        }
        finally
        {
            File.Delete(source);
        }
    }
}
