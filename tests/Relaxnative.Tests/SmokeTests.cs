namespace Relaxnative.Tests;

public class SmokeTests
{
    [Fact]
    public void Build_Skeleton_Compiles() => Assert.True(true);
}
