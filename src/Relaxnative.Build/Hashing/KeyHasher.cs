using System.Buffers.Binary;
using System.Text;

namespace Relaxnative.Build;

/// <summary>
/// Feeds tagged, length-prefixed fields into SHA-256 so that no two different input lists can produce the
/// same byte stream (["a b"] and ["a", "b"] hash differently).
/// </summary>
internal sealed class KeyHasher
{
    private readonly Sha256 _hash = new();

    public KeyHasher Add(string tag, string value)
    {
        AddRaw(tag);
        AddRaw(value);
        return this;
    }

    public KeyHasher Add(string tag, IReadOnlyList<string> values)
    {
        AddRaw(tag);
        AddLength(values.Count);
        foreach (var value in values)
        {
            AddRaw(value);
        }

        return this;
    }

    public string Finish() => ContentHash.Hex(_hash.Finish());

    /// <summary>Returns the lowercase hex SHA-256 of a file's bytes.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static string HashFile(string path) => ContentHash.HexOfFile(path);

    /// <summary>Returns the hash of a file, or <see langword="null"/> when it is missing or unreadable.</summary>
    public static string? TryHashFile(string path)
    {
        try
        {
            return HashFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Returns the lowercase hex SHA-256 of bytes.</summary>
    public static string HashBytes(ReadOnlySpan<byte> bytes) => ContentHash.HexOf(bytes);

    /// <summary>
    /// Reads a file named by a manifest (a plain name inside <paramref name="folder"/>) and returns its bytes only when
    /// they still hash to <paramref name="sha256"/>; <see langword="null"/> when missing, unreadable, renamed outside the folder, or changed.
    /// </summary>
    public static byte[]? TryReadVerified(string folder, string? name, string? sha256)
    {
        if (name is null || sha256 is null || Path.GetFileName(name) != name)
        {
            return null;
        }

        try
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, name));
            return HashBytes(bytes) == sha256 ? bytes : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void AddRaw(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        AddLength(bytes.Length);
        _hash.Append(bytes);
    }

    private void AddLength(int length)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, length);
        _hash.Append(prefix);
    }
}
