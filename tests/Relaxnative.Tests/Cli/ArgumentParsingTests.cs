using Relaxnative.Binding;
using Relaxnative.Cli;
using Relaxnative.Cli.Support;
using Relaxnative.Signatures;

namespace Relaxnative.Tests.Cli;

/// <summary>Command-line text to the exact .NET value of each C integer type, at the edges of each range and past them.</summary>
public sealed class ArgumentParsingTests
{
    private static readonly CallPlan s_plan = CallPlanner.Create(CDeclarationParser.Parse(
        "void set_limits(int8_t a, uint8_t b, int16_t c, uint16_t d, int32_t e, uint32_t f, int64_t g, uint64_t h, intptr_t i, uintptr_t j)"));

    [Theory]
    [InlineData(0, "-128", (sbyte)-128)]
    [InlineData(0, "+127", (sbyte)127)]
    [InlineData(1, "255", (byte)255)]
    [InlineData(2, "-32768", (short)-32768)]
    [InlineData(3, "65535", (ushort)65535)]
    [InlineData(4, "-2147483648", int.MinValue)]
    [InlineData(5, "4294967295", uint.MaxValue)]
    [InlineData(6, "-9223372036854775808", long.MinValue)]
    [InlineData(7, "9223372036854775807", (ulong)long.MaxValue)]
    [InlineData(7, "18446744073709551615", ulong.MaxValue)]
    [InlineData(7, "0xFFFFFFFFFFFFFFFF", ulong.MaxValue)]
    [InlineData(4, "1_000", 1000)]
    [InlineData(4, " 42 ", 42)]
    [InlineData(4, "-0", 0)]
    public void Parse_IntegerInRange_ReturnsTheCTypesDotNetValue(int parameter, string text, object expected)
    {
        var value = ArgumentParsing.Parse(text, s_plan.Parameters[parameter], "set_limits");

        Assert.Equal(expected, value);
        Assert.IsType(expected.GetType(), value);
    }

    [Fact]
    public void Parse_PointerSizedIntegers_ReturnNativeIntegers()
    {
        Assert.Equal((nint)(-5), ArgumentParsing.Parse("-5", s_plan.Parameters[8], "set_limits"));
        Assert.Equal(nuint.MaxValue, ArgumentParsing.Parse("18446744073709551615", s_plan.Parameters[9], "set_limits"));
    }

    [Theory]
    [InlineData(0, "128", "an integer from -128 to 127")]
    [InlineData(1, "-1", "an integer from 0 to 255")]
    [InlineData(5, "4294967296", "an integer from 0 to 4294967295")]
    [InlineData(7, "-1", "an integer from 0 to 18446744073709551615")]
    [InlineData(6, "9223372036854775808", "an integer from -9223372036854775808 to 9223372036854775807")]
    [InlineData(4, "12abc", "an integer from -2147483648 to 2147483647 (decimal or 0x hex)")]
    public void Parse_IntegerOutOfRangeOrNotANumber_ThrowsUsageNamingTheRange(int parameter, string text, string expected)
    {
        var error = Assert.Throws<CliException>(() => ArgumentParsing.Parse(text, s_plan.Parameters[parameter], "set_limits"));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains($"expected {expected}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"got '{text}'", error.Message, StringComparison.Ordinal);
    }
}
