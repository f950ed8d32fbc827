using Relaxnative;

/// <summary>A tour of Relaxnative's native memory: owning buffers, non-owning pointers, leases, guards and accounting.</summary>
internal static class MemoryTour
{
    internal static void Run()
    {

        // 1. An owning buffer: zeroed, 16-byte aligned, freed exactly once.
        using (var buffer = Native.Alloc(64))
        {
            var numbers = buffer.AsSpan<int>();
            for (int i = 0; i < numbers.Length; i++)
            {
                numbers[i] = i * i;
            }

            Console.WriteLine($"{buffer}: element 7 = {buffer.Read<int>(7 * sizeof(int))}");

            // 2. A non-owning slice, tied to its owner.
            var slice = buffer.Slice(offset: 16, length: 16);
            Console.WriteLine($"{slice}: first int = {slice.Read<int>()}");

            // 3. Bounds are checked: offset, length and size are in the message.
            try
            {
                buffer.Read<long>(60);
            }
            catch (ArgumentOutOfRangeException e)
            {
                Console.WriteLine($"bounds check: {e.Message.Split(" (Parameter")[0]}");
            }

            buffer.Free();

            // 4. Use after free is an exception, not a crash; so is a double free.
            try
            {
                _ = slice.Read<int>();
            }
            catch (UseAfterFreeException e)
            {
                Console.WriteLine($"use after free: {e.Message.Split(". ")[0]}.");
            }

            try
            {
                buffer.Free();
            }
            catch (InvalidFreeException e)
            {
                Console.WriteLine($"double free: {e.Message.Split(". ")[0]}.");
            }
        } // Dispose after Free does nothing.

        // 5. A lease keeps memory alive while it is in use, even if another thread frees the buffer.
        var shared = Native.Alloc(1024);
        using (var lease = shared.Lease())
        {
            var freer = new Thread(shared.Free);
            freer.Start();
            freer.Join();
            lease.AsSpan().Fill(1);
            Console.WriteLine($"leased while freed: IsFreed = {shared.IsFreed}, still readable: sum = {lease.AsSpan().ToArray().Sum(b => b)}");
        }

        // 6. Guard zones catch a native overrun when the buffer is freed.
        var guarded = Native.Alloc(32, new AllocOptions { Guard = true });
        unsafe
        {
            ((byte*)guarded.Address)[32] = 0xFF; // one byte past the end, as an off-by-one loop in C would write
        }

        try
        {
            guarded.Free();
        }
        catch (BufferOverrunException e)
        {
            Console.WriteLine($"guard: {e.Side} the buffer at offset {e.Offset}");
        }

        // 7. Arenas free many buffers at once; Stats shows what is live.
        using (var arena = new NativeArena())
        {
            for (int i = 0; i < 10; i++)
            {
                arena.Alloc(4096);
            }

            Console.WriteLine($"arena: {arena.Count} buffers live, {Native.Stats.LiveBytes} bytes");
        }

        Console.WriteLine($"after the arena: {Native.Stats}");
    }
}
