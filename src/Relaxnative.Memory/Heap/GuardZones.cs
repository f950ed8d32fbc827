using System.Runtime.InteropServices;

namespace Relaxnative.Memory.Heap;

/// <summary>
/// Canary zones around guarded blocks. Layout: [front canary][user block][back canary], where the front zone is
/// as large as the alignment (at least 16 bytes) so the user block stays aligned.
/// </summary>
internal static unsafe class GuardZones
{
    /// <summary>Bytes of canary after the block.</summary>
    internal const int BackBytes = 32;

    /// <summary>The canary value; an odd, non-zero, non-ASCII byte that zeroing or string copies do not produce.</summary>
    internal const byte Canary = 0xFD;

    /// <summary>What freed guarded memory is filled with, so a stale read shows an obvious pattern.</summary>
    internal const byte Poison = 0xDD;

    internal static HeapBlock Allocate(long size, int alignment, bool zeroFill, out nint userAddress)
    {
        int front = Math.Max(16, alignment);
        nuint total = checked((nuint)size + (nuint)front + BackBytes);
        void* block = NativeMemory.AlignedAlloc(total, (nuint)front);
        byte* user = (byte*)block + front;
        new Span<byte>(block, front).Fill(Canary);
        new Span<byte>(user + size, BackBytes).Fill(Canary);
        if (zeroFill)
        {
            NativeMemory.Clear(user, (nuint)size);
        }

        userAddress = (nint)user;
        return new HeapBlock((nint)block, HeapBlockKind.Guarded, front);
    }

    /// <summary>Finds the lowest damaged canary byte, as an offset from the user block's start; null when intact.</summary>
    internal static (GuardSide Side, long Offset)? FindDamage(HeapBlock block, long size)
    {
        var front = new ReadOnlySpan<byte>((void*)block.Base, block.FrontGuardBytes);
        int damagedFront = front.IndexOfAnyExcept(Canary);
        if (damagedFront >= 0)
        {
            return (GuardSide.Before, damagedFront - block.FrontGuardBytes);
        }

        var back = new ReadOnlySpan<byte>((byte*)block.Base + block.FrontGuardBytes + size, BackBytes);
        int damagedBack = back.IndexOfAnyExcept(Canary);
        return damagedBack >= 0 ? (GuardSide.After, size + damagedBack) : null;
    }

    /// <summary>
    /// Test seam: sees each poisoned block (base, total bytes) just before it goes back to the allocator, the last
    /// moment its contents can be read safely. Null outside tests.
    /// </summary>
    internal static Action<nint, long>? BeforeFree { get; set; }

    internal static void PoisonAndFree(HeapBlock block, long size)
    {
        long total = block.FrontGuardBytes + size + BackBytes;
        NativeMemory.Fill((void*)block.Base, (nuint)total, Poison);
        BeforeFree?.Invoke(block.Base, total);
        NativeMemory.AlignedFree((void*)block.Base);
    }
}
