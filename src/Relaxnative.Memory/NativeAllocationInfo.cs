namespace Relaxnative;

/// <summary>One live allocation in a <see cref="NativeLeakReport"/>.</summary>
/// <param name="Id">A process-unique sequence number, in allocation order.</param>
/// <param name="Address">The buffer's address.</param>
/// <param name="Size">The buffer's size in bytes.</param>
/// <param name="AllocatedAt">When it was allocated (UTC).</param>
/// <param name="ThreadId">The managed thread id of the allocating thread.</param>
/// <param name="StackTrace">The stack where <c>Native.Alloc</c> (or an arena) was called, innermost frame first.</param>
public sealed record NativeAllocationInfo(long Id, nint Address, long Size, DateTime AllocatedAt, int ThreadId, string StackTrace);
