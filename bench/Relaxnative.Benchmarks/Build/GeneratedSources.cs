using System.Text;

namespace Relaxnative.Benchmarks.Build;

/// <summary>Writes C sources of a chosen size for the load benchmarks: trivial exported functions, one per line.</summary>
internal static class GeneratedSources
{
    /// <summary>
    /// Writes <c>int <paramref name="prefix"/>_i(int a, int b) { return a + b + i; }</c> for i in [0, <paramref name="count"/>)
    /// to <paramref name="path"/> (overwritten), so the declaration model, export table and binding all grow linearly.
    /// </summary>
    public static string WriteFunctions(string path, string prefix, int count)
    {
        var text = new StringBuilder(count * 56);
        for (var i = 0; i < count; i++)
        {
            text.Append("int ").Append(prefix).Append('_').Append(i).Append("(int a, int b) { return a + b + ").Append(i).Append("; }\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
