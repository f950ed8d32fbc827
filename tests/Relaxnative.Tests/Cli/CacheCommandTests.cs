namespace Relaxnative.Tests.Cli;

public sealed class CacheCommandTests
{
    [Fact]
    public void CachePath_PrintsTheRootFromTheEnvironment()
    {
        var result = CliRunner.Run("cache", "path");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(CliRunner.CacheDirectory, result.LastLine);
    }

    [Fact]
    public void CacheStatus_AfterABuild_CountsEntries()
    {
        string cache = NewCache();
        var environment = new Dictionary<string, string?> { ["RELAXNATIVE_CACHE_DIR"] = cache };
        try
        {
            Assert.Equal(0, CliRunner.Run(environment, "build", CliRunner.Example("add.c")).ExitCode);

            var text = CliRunner.Run(environment, "cache", "status");
            var json = CliRunner.Run(environment, "cache", "status", "--json");

            Assert.True(text.ExitCode == 0, text.ToString());
            Assert.Contains("entries: 1", text.StandardOutput);
            Assert.Equal(1, json.Json.GetProperty("entries").GetInt32());
            Assert.True(json.Json.GetProperty("bytes").GetInt64() > 0);
            Assert.Equal(cache, json.Json.GetProperty("root").GetString());
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void CacheClean_WithYes_EmptiesTheRoot()
    {
        string cache = NewCache();
        var environment = new Dictionary<string, string?> { ["RELAXNATIVE_CACHE_DIR"] = cache };
        try
        {
            Assert.Equal(0, CliRunner.Run(environment, "build", CliRunner.Example("add.c")).ExitCode);

            var result = CliRunner.Run(environment, "cache", "clean", "--yes");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("Removed 1 entries", result.StandardOutput);
            Assert.Empty(Directory.EnumerateFileSystemEntries(cache));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void CacheClean_WithoutYesAndNoTerminal_ExitsTwoAndKeepsEntries()
    {
        string cache = NewCache();
        var environment = new Dictionary<string, string?> { ["RELAXNATIVE_CACHE_DIR"] = cache };
        try
        {
            Assert.Equal(0, CliRunner.Run(environment, "build", CliRunner.Example("add.c")).ExitCode);

            var result = CliRunner.Run(environment, "cache", "clean");

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("--yes", result.StandardError);
            Assert.NotEmpty(Directory.EnumerateFileSystemEntries(cache));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static string NewCache() => Path.Combine(Path.GetTempPath(), "relaxnative-cli-cache-" + Guid.NewGuid().ToString("N"));
}
