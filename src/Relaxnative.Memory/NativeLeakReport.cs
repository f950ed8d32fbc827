using System.Globalization;
using System.Text;
using Relaxnative.Memory;

namespace Relaxnative;

/// <summary>
/// The allocations that are still live, each with the stack trace where it was made. Produced by
/// <c>Native.GetLeakReport()</c>; populated only while allocation tracking is on
/// (<c>RELAXNATIVE_TRACK_ALLOCATIONS=1</c> or <c>Native.TrackAllocations = true</c>). Immutable.
/// </summary>
public sealed class NativeLeakReport
{
    internal NativeLeakReport(bool isTrackingEnabled, IReadOnlyList<NativeAllocationInfo> allocations)
    {
        IsTrackingEnabled = isTrackingEnabled;
        Allocations = allocations;
        TotalBytes = allocations.Sum(a => a.Size);
    }

    /// <summary>Whether tracking was on when the report was taken. Allocations made while it was off are not listed.</summary>
    public bool IsTrackingEnabled { get; }

    /// <summary>The live tracked allocations, oldest first.</summary>
    public IReadOnlyList<NativeAllocationInfo> Allocations { get; }

    /// <summary>The sum of <see cref="NativeAllocationInfo.Size"/> over <see cref="Allocations"/>, in bytes.</summary>
    public long TotalBytes { get; }

    /// <summary>A readable report: one paragraph per live allocation with its stack trace.</summary>
    public override string ToString()
    {
        if (!IsTrackingEnabled && Allocations.Count == 0)
        {
            return "Allocation tracking is off. Set RELAXNATIVE_TRACK_ALLOCATIONS=1 (or Native.TrackAllocations = true) " +
                "before allocating to record where each live allocation was made.";
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{Allocations.Count} live native allocation(s), {TotalBytes} bytes in all.").AppendLine();
        foreach (var allocation in Allocations)
        {
            text.AppendLine()
                .Append(CultureInfo.InvariantCulture,
                    $"#{allocation.Id}: {MemoryErrors.Hex(allocation.Address)}, {allocation.Size} bytes, thread {allocation.ThreadId}, ")
                .Append(allocation.AllocatedAt.ToString("O", CultureInfo.InvariantCulture)).AppendLine()
                .AppendLine(allocation.StackTrace.TrimEnd());
        }

        return text.ToString();
    }
}
