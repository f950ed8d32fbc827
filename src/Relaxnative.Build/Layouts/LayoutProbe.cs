using System.ComponentModel;

namespace Relaxnative.Build;

/// <summary>
/// Asks the compiler for record layouts: compiles a preprocessed translation unit with extra probe definitions
/// appended (arrays of <c>sizeof</c>/<c>_Alignof</c>/<c>offsetof</c> values placed in the section
/// <see cref="SectionName"/>) into an object file, and returns the bytes of every symbol in that section. Nothing is
/// run: the values are read from the object file, so cross-compilers work too. Thread-safe (no state beyond the command).
/// </summary>
/// <param name="CompilerPath">The compiler that builds (or preprocessed) the unit.</param>
/// <param name="Flags">The build's common flags: the ones that change layouts (<c>-m32</c>, <c>-fpack-struct</c>, <c>-mms-bitfields</c>) must match the build's.</param>
internal sealed record LayoutProbe(string CompilerPath, IReadOnlyList<string> Flags)
{
    /// <summary>The object-file section the probe definitions are placed in.</summary>
    public const string SectionName = ".rnprobe";

    /// <summary>Compiles <paramref name="unitText"/> followed by <paramref name="probeText"/> and reads the probe section.</summary>
    /// <param name="unitText">The preprocessed C text of the unit (its records are what the probes measure).</param>
    /// <param name="probeText">The probe definitions, C appended after the unit.</param>
    /// <param name="cancellationToken">Kills the compiler.</param>
    /// <returns>Every symbol of <see cref="SectionName"/> with its bytes.</returns>
    /// <exception cref="NativeBuildException">The compiler failed or did not start; the diagnostics are attached.</exception>
    /// <exception cref="InvalidDataException">The object file could not be read.</exception>
    public async Task<IReadOnlyDictionary<string, byte[]>> RunAsync(string unitText, string probeText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unitText);
        ArgumentNullException.ThrowIfNull(probeText);
        var folder = Directory.CreateTempSubdirectory("relaxnative-layout-").FullName;
        try
        {
            // A .i file is read as preprocessed C: no second preprocessing, line markers keep diagnostics in the user's files.
            var source = Path.Combine(folder, "probe.i");
            var output = Path.Combine(folder, "probe.o");
            await File.WriteAllTextAsync(source, unitText + "\n" + probeText, cancellationToken).ConfigureAwait(false);
            // -O0 after the build's own -O2: optimisation never changes a layout, and the unit's code is not needed.
            string[] arguments = [.. Flags, "-O0", "-w", "-c", "-o", output, source];
            ProcessOutcome outcome;
            try
            {
                outcome = await ProcessRunner.RunAsync(CompilerPath, arguments, folder, cancellationToken).ConfigureAwait(false);
            }
            catch (Win32Exception e)
            {
                throw BuildErrors.CompilerDidNotStart(source, ProcessRunner.FormatCommandLine(CompilerPath, arguments), e);
            }

            if (outcome.ExitCode != 0)
            {
                throw BuildErrors.CompileFailed(source, ProcessRunner.FormatCommandLine(CompilerPath, arguments), outcome, DiagnosticParser.Parse(outcome.CombinedOutput));
            }

            return ObjectSectionReader.ReadSymbols(await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false), SectionName);
        }
        finally
        {
            PrivateFiles.DeleteQuietly(folder);
        }
    }
}
