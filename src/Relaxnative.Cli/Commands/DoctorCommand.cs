using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Relaxnative.Build;
using Relaxnative.Cli.Output;
using Relaxnative.Cli.Support;

namespace Relaxnative.Cli.Commands;

/// <summary><c>relaxnative doctor</c>: the runtime, the platform, every compiler tried, the cache and the helper.</summary>
internal static class DoctorCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("doctor", "Check the runtime, the compilers for C, C++ and Rust, the cache and the helper process. Exits 1 when no C compiler works.")
        {
            json,
        };
        command.SetAction(parse => Run(parse.GetValue(json)));
        return command;
    }

    private static int Run(bool json)
    {
        var report = Terminal.Status("Looking for compilers…", !json, NativeBuilder.GetToolchainReport);
        var cache = CacheInfo.Read(NativeBuilder.GetCacheRoot());
        var (helperFound, helper) = HelperLocator.Describe();
        bool cUsable = report[SourceLanguage.C].Chosen is not null;
        // The driver name (cc, c++) does not say which compiler it is; the family and version do ("gcc 12.2.0").
        var identities = report.Languages.ToDictionary(l => l.Language, l => l.Chosen is { } chosen ? CompilerIdentity.Describe(chosen) : null);

        if (json)
        {
            JsonOutput.Write(new JsonObject
            {
                ["runtime"] = RuntimeInformation.FrameworkDescription,
                ["os"] = RuntimeInformation.OSDescription,
                ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
                ["rid"] = RuntimeInformation.RuntimeIdentifier,
                ["compilers"] = new JsonArray([.. report.Languages.Select(l => ToJson(l, identities[l.Language]))]),
                ["cache"] = cache.ToJson(),
                ["helper"] = new JsonObject { ["found"] = helperFound, ["description"] = helper },
                ["ok"] = cUsable,
            });
        }
        else
        {
            Terminal.Line($"runtime: {RuntimeInformation.FrameworkDescription}");
            Terminal.Line($"os: {RuntimeInformation.OSDescription} ({RuntimeInformation.RuntimeIdentifier}, {RuntimeInformation.OSArchitecture})");
            var table = Tables.Create("language", "compiler", "path", "version");
            foreach (var language in report.Languages)
            {
                var chosen = language.Chosen;
                string driver = chosen is null ? "none" : Candidate(language, chosen)?.Name ?? "found";
                table.Row(LanguageName(language.Language), Named(identities[language.Language], driver),
                    chosen?.Path ?? "-", chosen?.Version ?? TriedSummary(language));
            }

            Terminal.Write(table);
            Terminal.Line($"cache: {cache.Root} ({cache.EntryCount} entries, {Formatting.Bytes(cache.ByteCount)})");
            Terminal.Line($"helper: {helper}");
        }

        if (!cUsable)
        {
            var tried = report[SourceLanguage.C].Candidates.Select(c => c.ToString());
            Terminal.WriteError("No C compiler is usable. Tried: " + string.Join("; ", tried) + ".");
            Terminal.WriteFix("Install gcc or clang (Debian: apt-get install gcc), or set CC to a compiler's path.");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private static ToolchainCandidate? Candidate(LanguageToolchainReport language, Toolchain chosen) =>
        language.Candidates.FirstOrDefault(c => c.Works && c.ResolvedPath == chosen.Path);

    private static string Named(string? identity, string driver) =>
        identity is null ? driver : identity.StartsWith(driver + " ", StringComparison.Ordinal) ? identity : $"{identity} ({driver})";

    private static string TriedSummary(LanguageToolchainReport language) =>
        "tried " + string.Join(", ", language.Candidates.Select(c => c.Name));

    private static string LanguageName(SourceLanguage language) => language switch
    {
        SourceLanguage.C => "C",
        SourceLanguage.Cpp => "C++",
        _ => "Rust",
    };

    private static JsonObject ToJson(LanguageToolchainReport language, string? identity) => new()
    {
        ["language"] = LanguageName(language.Language),
        ["identity"] = identity,
        ["path"] = language.Chosen?.Path,
        ["version"] = language.Chosen?.Version,
        ["candidates"] = new JsonArray([.. language.Candidates.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["path"] = c.ResolvedPath,
            ["version"] = c.Version,
            ["error"] = c.Error,
        })]),
    };
}
