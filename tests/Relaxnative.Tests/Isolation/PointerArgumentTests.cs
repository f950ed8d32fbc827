using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Isolation;

/// <summary>The host reads NativePointer arguments to copy them to the helper; a pointer to no memory is a clear error.</summary>
public sealed class PointerArgumentTests
{
    [Fact]
    public void Invoke_NativePointerToUnmappedMemory_ThrowsArgumentNamingAddressAndHostSurvives()
    {
        // In a child: before the host checked, the high address crashed the process that read it.
        var result = ChildProcess.Run("isolation-bad-pointers", arguments: IsolationFixture.LibraryPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var attempts = lines.Where(l => l.StartsWith("sum_u8", StringComparison.Ordinal) || l.StartsWith("fill_u8", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, line =>
        {
            Assert.Contains(": ArgumentException: ", line, StringComparison.Ordinal);
            Assert.Contains("('data')", line, StringComparison.Ordinal);
            Assert.Contains("errno 14", line, StringComparison.Ordinal);
        });
        Assert.Contains(attempts, l => l.Contains("0x10 (16 bytes)", StringComparison.Ordinal));
        Assert.Contains(attempts, l => l.Contains("0x7f00dead0000 (16 bytes)", StringComparison.Ordinal));
        Assert.Contains("after=5", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_NativePointerToLiveMemory_CopiedInAndBack()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        using var buffer = Native.Alloc(32);
        var raw = new NativePointer(buffer.DangerousGetAddress(), 32);

        dispatcher.Function("void fill_u8(uint8_t* data, size_t n, uint8_t value)").Invoke(raw, 32UL, (byte)6);

        Assert.All(buffer.ToArray(), b => Assert.Equal(6, b));
        Assert.Equal(192UL, dispatcher.Function("uint64_t sum_u8(const uint8_t* data, size_t n)").Invoke(raw, 32UL));
    }
}
