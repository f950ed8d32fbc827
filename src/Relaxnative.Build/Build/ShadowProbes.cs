namespace Relaxnative.Build;

/// <summary>
/// Paths whose appearance would change which header the compiler picks: the cache's guard against a new
/// file shadowing a recorded header.
/// </summary>
/// <remarks>
/// A dependency file lists the headers that were found, not the places searched before them. If
/// <c>-Ia -Ib</c> found <c>b/config.h</c>, creating <c>a/config.h</c> changes the build although every
/// recorded header is unchanged. So, for every project header (one under a source folder, an include path
/// or the folder of another project header) and every such search folder, the spelling relative to one
/// folder is tried in the others; each candidate that did not exist at build time is recorded, and an
/// entry stops being a hit as soon as one of them exists. This is conservative (a new file in a folder
/// searched later also causes a rebuild) and costs one <c>stat</c> per probe on the warm path. System
/// headers are left to the compiler identity in the key.
/// </remarks>
internal static class ShadowProbes
{
    public static IReadOnlyList<string> Compute(BuildInputs inputs, IReadOnlyList<FileHash> headers)
    {
        var roots = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in inputs.AllSources)
        {
            roots.Add(Path.GetDirectoryName(source)!);
        }

        roots.UnionWith(inputs.IncludePaths);
        var projectHeaders = headers.Select(h => h.Path).Where(h => roots.Any(r => IsUnder(r, h))).ToArray();
        foreach (var header in projectHeaders)
        {
            roots.Add(Path.GetDirectoryName(header)!);
        }

        var recorded = new HashSet<string>(headers.Select(h => h.Path), StringComparer.Ordinal);
        var probes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var header in projectHeaders)
        {
            foreach (var foundIn in roots.Where(r => IsUnder(r, header)))
            {
                var spelling = Path.GetRelativePath(foundIn, header);
                foreach (var other in roots)
                {
                    var probe = Path.GetFullPath(Path.Combine(other, spelling));
                    if (!recorded.Contains(probe) && !File.Exists(probe))
                    {
                        probes.Add(probe);
                    }
                }
            }
        }

        return [.. probes];
    }

    /// <summary>True while none of the recorded probe paths exists.</summary>
    public static bool NoneExist(IReadOnlyList<string> probes)
    {
        foreach (var probe in probes)
        {
            if (File.Exists(probe))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnder(string folder, string path)
    {
        var relative = Path.GetRelativePath(folder, path);
        return !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
