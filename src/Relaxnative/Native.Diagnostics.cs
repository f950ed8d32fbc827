using Microsoft.Extensions.Logging;
using Relaxnative.Diagnostics;

namespace Relaxnative;

public static partial class Native
{
    /// <summary>
    /// Sends Relaxnative's events (load, build with cache hit or miss, bind, helper start and exit) to a logger made
    /// by <paramref name="loggerFactory"/> with the category <c>Relaxnative</c>, as structured log entries whose
    /// properties are the event's fields. Beside, not instead of, the <c>RELAXNATIVE_TRACE</c> stderr lines, the
    /// <c>Relaxnative</c> EventSource, ActivitySource and Meter. Pass null to stop. Thread-safe; takes effect for
    /// events raised after it returns. Calls are never logged individually.
    /// </summary>
    /// <param name="loggerFactory">The application's logger factory, or null to detach.</param>
    public static void UseLogger(ILoggerFactory? loggerFactory) => Trace.UseLogger(loggerFactory);
}
