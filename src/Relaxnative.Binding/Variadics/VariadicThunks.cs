using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Relaxnative.Binding;

/// <summary>
/// The entry points variadic calls go through. On x86-64 System V a caller of a variadic function must put in
/// <c>%al</c> an upper bound (0-8) of the vector registers it used; CoreCLR does not for <c>calli</c> or P/Invoke
/// (dotnet/runtime 98693), so <c>%al</c> holds whatever the JIT left there: a callee whose prologue saves XMM
/// registers only when <c>%al</c> is non-zero then reads garbage for every <c>double</c> argument. Each target gets
/// a 16-byte thunk, <c>mov al, 8; jmp qword ptr [rip + slot]</c> (8 is always a legal bound), which the emitted
/// call invokes in place of the target with the same arguments.
/// </summary>
/// <remarks>
/// A thunk rather than a C shim per call shape: it needs no compiler (so <c>Native.Open("c")</c> works on machines
/// without one), it is made in microseconds instead of a compile, and it serves every call shape of a target.
/// Memory is never writable and executable at once: a block is two pages, code then data; the code page is written
/// once, while only readable and writable, with every thunk it will ever hold, then made read+execute; each thunk
/// jumps through its 8-byte slot on the data page, which stays read+write and is never executable. Assigning a
/// thunk writes its slot before the thunk's address is published. Thunks live as long as the process (a few
/// bytes each, one per variadic function called): an unloaded library's address may be reused, and its thunk
/// still jumps to exactly that address. On Linux arm64 (AAPCS64) variadic arguments travel like fixed ones, so the
/// target is called directly; other platforms are refused when binding (see docs/binding.md, "variadics").
/// </remarks>
internal static unsafe class VariadicThunks
{
    private const int ThunkBytes = 16;
    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int ProtExec = 4;
    private const int MapPrivate = 0x02;
    private const int MapAnonymous = 0x20;

    private static readonly ConcurrentDictionary<nint, nint> s_thunks = new();
    private static readonly Lock s_lock = new();
    private static byte* s_block;
    private static int s_used;
    private static int s_capacity;

    /// <summary>Whether this platform's variadic calls are implemented (Linux on x86-64 and arm64).</summary>
    public static bool IsSupported =>
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>Whether calls need a thunk (x86-64, for <c>%al</c>); on arm64 the target itself is called.</summary>
    public static bool NeedsThunk => RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>The address to call for variadic calls of <paramref name="target"/>: its thunk (made on first use), or itself.</summary>
    /// <exception cref="PlatformNotSupportedException">Variadic calls are not implemented on this platform.</exception>
    /// <exception cref="InvalidOperationException">The system refused executable memory for the thunk (errno in the message).</exception>
    public static nint For(nint target)
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException(BindingErrors.VariadicPlatform());
        }

        if (!NeedsThunk || target == 0)
        {
            return target;
        }

        return s_thunks.TryGetValue(target, out nint thunk) ? thunk : Create(target);
    }

    private static nint Create(nint target)
    {
        lock (s_lock)
        {
            if (s_thunks.TryGetValue(target, out nint existing))
            {
                return existing;
            }

            if (s_used == s_capacity)
            {
                NewBlock();
            }

            int index = s_used++;
            int pageSize = Environment.SystemPageSize;
            // Slot first, then publish: a thread that finds the thunk in the dictionary must see its target.
            Volatile.Write(ref *(nint*)(s_block + pageSize + (index * sizeof(nint))), target);
            nint thunk = (nint)(s_block + (index * ThunkBytes));
            s_thunks[target] = thunk;
            return thunk;
        }
    }

    private static void NewBlock()
    {
        int pageSize = Environment.SystemPageSize;
        nint block = Mmap(0, (nuint)(2 * pageSize), ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (block == -1)
        {
            throw new InvalidOperationException(BindingErrors.ThunkMemory("mmap", Marshal.GetLastPInvokeError()));
        }

        var code = (byte*)block;
        int count = pageSize / ThunkBytes;
        new Span<byte>(code, pageSize).Fill(0xCC); // int3 between thunks
        for (int i = 0; i < count; i++)
        {
            byte* thunk = code + (i * ThunkBytes);
            thunk[0] = 0xB0; // mov al, imm8
            thunk[1] = 8;
            thunk[2] = 0xFF; // jmp qword ptr [rip + disp32]
            thunk[3] = 0x25;
            // rip-relative from the end of the jmp (thunk + 8) to slot i on the data page.
            *(int*)(thunk + 4) = pageSize + (i * sizeof(nint)) - (i * ThunkBytes) - 8;
        }

        if (Mprotect(block, (nuint)pageSize, ProtRead | ProtExec) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            _ = Munmap(block, (nuint)(2 * pageSize));
            throw new InvalidOperationException(BindingErrors.ThunkMemory("mprotect(PROT_READ|PROT_EXEC)", errno));
        }

        s_block = code;
        s_used = 0;
        s_capacity = count;
    }

    [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static extern nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static extern int Mprotect(nint address, nuint length, int protection);

    [DllImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static extern int Munmap(nint address, nuint length);
}
