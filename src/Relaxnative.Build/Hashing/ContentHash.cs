using System.Security.Cryptography;

namespace Relaxnative.Build;

/// <summary>
/// SHA-256 of bytes and files as the cache records them (lowercase hex): small inputs in managed code
/// (<see cref="Sha256"/>), large ones by the platform, whose one-time start then costs less than hashing them in managed code.
/// </summary>
internal static class ContentHash
{
    /// <summary>
    /// From this size on the platform hashes. Managed SHA-256 runs at roughly 200 MB/s, so 256 KiB takes about 1.3 ms,
    /// an eighth of the crypto library's start; a warm load's sources, headers and manifests are far below it.
    /// </summary>
    internal const int ManagedLimit = 256 * 1024;

    /// <summary>The SHA-256 of <paramref name="data"/>.</summary>
    public static byte[] Of(ReadOnlySpan<byte> data) => data.Length < ManagedLimit ? Sha256.HashData(data) : Platform(data);

    /// <summary>The lowercase hex SHA-256 of <paramref name="data"/>.</summary>
    public static string HexOf(ReadOnlySpan<byte> data) => Hex(Of(data));

    /// <summary>
    /// <paramref name="bytes"/> as lowercase hex, as <see cref="Convert.ToHexStringLower(byte[])"/> writes them; a loop,
    /// because that method's vectorized code is generic code no precompiled image holds and costs a fresh process its JIT.
    /// </summary>
    public static string Hex(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[(2 * i) + 1] = "0123456789abcdef"[bytes[i] & 0xF];
        }

        return new string(chars);
    }

    /// <summary>The lowercase hex SHA-256 of the file's bytes, read to its end (a file that grows while read is hashed as read).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static string HexOfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        if (stream.Length >= ManagedLimit)
        {
            return Hex(Platform(stream));
        }

        var sha = new Sha256();
        Span<byte> buffer = stackalloc byte[16 * 1024];
        for (int read; (read = stream.Read(buffer)) > 0;)
        {
            sha.Append(buffer[..read]);
        }

        return Hex(sha.Finish());
    }

    // Apart from the managed path, so a process that hashes only small inputs never loads the crypto library.
    private static byte[] Platform(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    private static byte[] Platform(Stream stream) => SHA256.HashData(stream);
}
