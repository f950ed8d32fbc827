using Spectre.Console;
using Spectre.Console.Rendering;

namespace Relaxnative.Cli.Output;

/// <summary>
/// Where the tool writes. Data goes to stdout; errors, notices and progress go to stderr, so stdout stays
/// parseable (the bare result of <c>run</c>, the JSON of <c>--json</c>).
/// </summary>
internal static class Terminal
{
    private static readonly Lazy<IAnsiConsole> s_out = new(() => Create(Console.Out, Console.IsOutputRedirected));
    private static readonly Lazy<IAnsiConsole> s_error = new(() => Create(Console.Error, Console.IsErrorRedirected));

    /// <summary>The Spectre console over stdout (tables).</summary>
    public static IAnsiConsole Out => s_out.Value;

    /// <summary>The Spectre console over stderr (progress).</summary>
    public static IAnsiConsole Error => s_error.Value;

    /// <summary>Writes one plain line to stdout.</summary>
    public static void Line(string text = "") => Console.Out.WriteLine(text);

    /// <summary>Writes a table or other renderable to stdout.</summary>
    public static void Write(IRenderable renderable) => Out.Write(renderable);

    /// <summary>Writes <c>relaxnative: error: message</c> to stderr.</summary>
    public static void WriteError(string message) => Console.Error.WriteLine("relaxnative: error: " + message);

    /// <summary>Writes what to do next, indented under an error, to stderr.</summary>
    public static void WriteFix(string fix) => Console.Error.WriteLine("  fix: " + fix);

    /// <summary>Writes raw detail (compiler output) to stderr.</summary>
    public static void WriteDetail(string detail) => Console.Error.WriteLine(detail);

    /// <summary>Writes a one-line notice to stderr.</summary>
    public static void WriteNotice(string notice) => Console.Error.WriteLine("relaxnative: " + notice);

    /// <summary>How long work runs before the spinner appears.</summary>
    /// <remarks>
    /// A warm load (a cache hit) finishes well inside this, and starting Spectre's live display for it would cost more
    /// than the work: the console's capability detection and the render thread are tens of milliseconds of a fresh
    /// process (bench/results/2026-12-01-fresh-start.md). A compile takes longer and still gets its spinner.
    /// </remarks>
    internal static readonly TimeSpan SpinnerDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Runs <paramref name="work"/>; when it is still running after <see cref="SpinnerDelay"/>, stderr shows a spinner
    /// with <paramref name="status"/> until it ends. With <paramref name="show"/> false (<c>--json</c>) or stderr
    /// redirected it just runs the work on the caller. Exceptions of the work reach the caller unchanged.
    /// </summary>
    public static T Status<T>(string status, bool show, Func<T> work)
    {
        if (!show || Console.IsErrorRedirected)
        {
            return work();
        }

        var running = Task.Run(work);
        if (((IAsyncResult)running).AsyncWaitHandle.WaitOne(SpinnerDelay))
        {
            return running.GetAwaiter().GetResult();
        }

        return Spin(status, running);
    }

    // Apart from Status, so a load that ends before the spinner's delay never loads Spectre.Console.
    private static T Spin<T>(string status, Task<T> running) =>
        Error.Status().Spinner(Spinner.Known.Dots).Start(Markup.Escape(status), _ => running.GetAwaiter().GetResult());

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            // Piped output is read by scripts and tests: never wrap a signature or a path in the middle.
            console.Profile.Width = 240;
        }

        return console;
    }
}
