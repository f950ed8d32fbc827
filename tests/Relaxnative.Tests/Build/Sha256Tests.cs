using System.Security.Cryptography;
using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

/// <summary>The managed SHA-256 against FIPS 180-4's examples and the platform's implementation, at every block boundary.</summary>
public sealed class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void HashData_StandardExamples_MatchPublishedDigests(string message, string digest)
    {
        Assert.Equal(digest, Convert.ToHexStringLower(Sha256.HashData(System.Text.Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void HashData_MillionA_MatchesPublishedDigest()
    {
        var sha = new Sha256();
        var chunk = new byte[1000];
        Array.Fill(chunk, (byte)'a');
        for (var i = 0; i < 1000; i++)
        {
            sha.Append(chunk);
        }

        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(sha.Finish()));
    }

    [Fact]
    public void HashData_EveryLengthUpToThreeBlocks_MatchesPlatform()
    {
        var random = new Random(20261201);
        for (var length = 0; length <= 200; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(SHA256.HashData(data), Sha256.HashData(data));
        }
    }

    [Fact]
    public void Append_AnySplitOfTheMessage_SameAsOneShot()
    {
        var random = new Random(7);
        var data = new byte[1000];
        random.NextBytes(data);
        for (var trial = 0; trial < 50; trial++)
        {
            var sha = new Sha256();
            var rest = data.AsSpan();
            while (!rest.IsEmpty)
            {
                var take = Math.Min(rest.Length, random.Next(0, 150));
                sha.Append(rest[..take]);
                rest = rest[take..];
            }

            Assert.Equal(SHA256.HashData(data), sha.Finish());
        }
    }

    [Fact]
    public void Append_AfterFinish_Throws()
    {
        var sha = new Sha256();
        sha.Finish();

        var error = Assert.Throws<InvalidOperationException>(() => sha.Append([1]));

        Assert.Contains("already taken", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(ContentHash.ManagedLimit - 1)]
    [InlineData(ContentHash.ManagedLimit)]
    [InlineData(ContentHash.ManagedLimit + 4097)]
    public void ContentHash_FilesAndBytesEitherSideOfTheLimit_MatchPlatform(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, data);

            var expected = Convert.ToHexStringLower(SHA256.HashData(data));
            Assert.Equal(expected, ContentHash.HexOfFile(path));
            Assert.Equal(expected, ContentHash.HexOf(data));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ContentHash_Hex_WritesWhatConvertWrites()
    {
        var bytes = new byte[256];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)i;
        }

        Assert.Equal(Convert.ToHexStringLower(bytes), ContentHash.Hex(bytes));
        Assert.Equal("", ContentHash.Hex([]));
    }
}
