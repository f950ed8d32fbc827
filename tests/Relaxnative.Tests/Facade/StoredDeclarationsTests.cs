using System.Buffers.Binary;
using Relaxnative.Build;
using Relaxnative.Signatures;
using Relaxnative.Tests.Build;

namespace Relaxnative.Tests.Facade;

/// <summary>
/// The stored declarations of a cache entry (model, annotations, internal names, measured layouts) in their binary
/// form: a real library's analysis reads back whole; damaged or older bytes read as nothing, so the entry is analyzed again.
/// </summary>
public sealed class StoredDeclarationsTests : IDisposable
{
    // Shaped like a small queue library: an allocator/deallocator pair, a bounded copy, a slow call, a bitfield record.
    private const string Source = """
        #include <stddef.h>
        #include <stdlib.h>
        #include <string.h>

        struct queue_flags { unsigned shared : 1; unsigned priority : 3; int capacity; };
        struct queue { struct queue_flags flags; size_t length; unsigned char items[64]; };

        static void queue_reset(struct queue *q) { q->length = 0; }

        // Releases a queue made by queue_new.
        void queue_delete(struct queue *q) { free(q); }

        // @frees(queue_delete)
        struct queue *queue_new(int capacity)
        {
            struct queue *q = calloc(1, sizeof *q);
            if (q) { q->flags.capacity = capacity; queue_reset(q); }
            return q;
        }

        // @bounds(items, count)
        // @cost low
        size_t queue_push(struct queue *q, const unsigned char *items, size_t count)
        {
            size_t n = count < sizeof q->items - q->length ? count : sizeof q->items - q->length;
            memcpy(q->items + q->length, items, n);
            q->length += n;
            return n;
        }

        // @async
        // @cost high
        long queue_checksum(const struct queue *q, long rounds)
        {
            long sum = 0;
            for (long r = 0; r < rounds; r++) for (size_t i = 0; i < q->length; i++) sum += q->items[i];
            return sum;
        }
        """;

    private readonly BuildFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void TryDeserialize_AnalyzedLibrary_ReadsBackAnnotationsAndLayouts()
    {
        var bytes = Analyzed();

        var stored = StoredDeclarations.TryDeserialize(bytes);

        Assert.NotNull(stored);
        Assert.Equal("queue_delete", stored.Annotations["queue_new"].Frees);
        Assert.Equal([("items", "count")], stored.Annotations["queue_push"].Bounds);
        Assert.Equal(NativeCost.Low, stored.Annotations["queue_push"].Cost);
        Assert.Equal(ExecutionMode.Async, stored.Annotations["queue_checksum"].Mode);
        Assert.Equal(NativeCost.High, stored.Annotations["queue_checksum"].Cost);
        Assert.Null(stored.LayoutProblem);
        Assert.Equal(80, stored.Layouts.Find("struct queue")!.Size);
        Assert.Contains(stored.Model.Functions, f => f.Name == "queue_push");
        Assert.Equal(bytes, stored.Serialize());
    }

    [Fact]
    public void TryDeserialize_ExtrasTruncatedOrChanged_ReturnsNull()
    {
        var bytes = Analyzed();
        var extrasLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));

        for (var i = 12; i < 12 + extrasLength; i++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[i] ^= 0x04;
            Assert.Null(StoredDeclarations.TryDeserialize(damaged));
        }

        var shortened = (byte[])bytes.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(shortened.AsSpan(8), extrasLength - 1);
        Assert.Null(StoredDeclarations.TryDeserialize(shortened));
        Assert.Null(StoredDeclarations.TryDeserialize(bytes[..(bytes.Length / 2)]));
    }

    [Fact]
    public void TryDeserialize_PreviousFormat_ReturnsNull()
    {
        // Format 4 held the extras as JSON: its entries are keyed under another format name and never read as these.
        var previous = Analyzed();
        BinaryPrimitives.WriteInt32LittleEndian(previous.AsSpan(4), 4);

        Assert.Null(StoredDeclarations.TryDeserialize(previous));
        Assert.DoesNotContain("RNDM4", StoredDeclarations.FormatName, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EntryOfPreviousFormat_IsRebuiltOnceThenHit()
    {
        var source = _fixture.Write("queue.c", Source);
        var first = NativeBuilder.Build(source, _fixture.Options, SourceAnalysis.Analyzer, CancellationToken.None);
        // Turn the entry into one a JSON-manifest release left: manifest.json in place of manifest.bin.
        var entry = Path.GetDirectoryName(first.LibraryPath)!;
        File.Move(Path.Combine(entry, BuildCache.ManifestFileName), Path.Combine(entry, "manifest.json"));

        var second = NativeBuilder.Build(source, _fixture.Options, SourceAnalysis.Analyzer, CancellationToken.None);
        var third = NativeBuilder.Build(source, _fixture.Options, SourceAnalysis.Analyzer, CancellationToken.None);

        Assert.False(second.CacheHit);
        Assert.True(third.CacheHit);
        Assert.False(File.Exists(Path.Combine(entry, "manifest.json")));
        Assert.NotNull(StoredDeclarations.TryDeserialize(third.Declarations));
    }

    private byte[] Analyzed()
    {
        var source = _fixture.Write("queue.c", Source);
        var result = NativeBuilder.Build(source, _fixture.Options, SourceAnalysis.Analyzer, CancellationToken.None);
        return result.Declarations ?? throw new InvalidOperationException("The build stored no declarations.");
    }
}
