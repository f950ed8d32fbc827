using System.Text;
using Relaxnative.Signatures;

namespace Relaxnative.Tests.Signatures;

/// <summary>
/// Generates declarations from the grammar with known expected models, and garbage derived from them,
/// with fixed seeds so failures reproduce.
/// </summary>
public class CDeclarationParserRandomizedTests
{
    // Spellings (any of which may be written) with their kind and normalized spelling.
    private static readonly (string[] Spellings, CTypeKind Kind, string Normalized)[] s_scalars =
    [
        (["int", "signed", "signed int", "int signed"], CTypeKind.Int32, "int"),
        (["unsigned", "unsigned int", "int unsigned"], CTypeKind.UInt32, "unsigned int"),
        (["long", "long int", "int long", "signed long"], CTypeKind.Int64, "long"),
        (["unsigned long", "long unsigned", "unsigned long int", "long unsigned int"], CTypeKind.UInt64, "unsigned long"),
        (["long long", "long long int", "signed long long"], CTypeKind.Int64, "long long"),
        (["unsigned long long", "long long unsigned", "unsigned long long int"], CTypeKind.UInt64, "unsigned long long"),
        (["short", "short int", "signed short"], CTypeKind.Int16, "short"),
        (["unsigned short", "short unsigned int"], CTypeKind.UInt16, "unsigned short"),
        (["char"], CTypeKind.Int8, "char"),
        (["unsigned char", "char unsigned"], CTypeKind.UInt8, "unsigned char"),
        (["uint8_t"], CTypeKind.UInt8, "uint8_t"),
        (["int32_t"], CTypeKind.Int32, "int32_t"),
        (["uint32_t"], CTypeKind.UInt32, "uint32_t"),
        (["int64_t"], CTypeKind.Int64, "int64_t"),
        (["uint64_t"], CTypeKind.UInt64, "uint64_t"),
        (["size_t"], CTypeKind.UIntPtr, "size_t"),
        (["ssize_t"], CTypeKind.Int64, "ssize_t"),
        (["intptr_t"], CTypeKind.IntPtr, "intptr_t"),
        (["float"], CTypeKind.Float, "float"),
        (["double"], CTypeKind.Double, "double"),
        (["bool", "_Bool"], CTypeKind.Bool, "bool"),
        (["struct node"], CTypeKind.Struct, "struct node"),
        (["enum mode"], CTypeKind.Int32, "enum mode"),
    ];

    private static readonly string[] s_names = ["a", "value", "interval", "print_count", "size_int", "longest", "charset", "x1", "unsigned_value"];

    private static readonly string[] s_garbageTokens =
        ["(", ")", "*", ",", "...", "[", "]", "int", "const", "void", "struct", "{", "}", ";", "&", "::", "<", ">", "x", "3", "\"", "'", "/*", "//", "\\", "@", "\u00e9", "__attribute__", "((", "))", "long", "unsigned", "\n", " "];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Parse_GeneratedValidDeclaration_ReturnsExpectedModel(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 1000; i++)
        {
            var (declaration, expected, kinds) = Generate(random);

            var signature = CDeclarationParser.Parse(declaration);

            Assert.True(expected == signature.ToString(), $"'{declaration}' gave '{signature}', expected '{expected}'.");
            Assert.Equal(kinds, signature.Parameters.Select(p => p.Type.Kind));
            Assert.Equal(signature, CDeclarationParser.Parse(signature.ToString()));
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Parse_Garbage_ReturnsModelOrThrowsCParseException(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 1500; i++)
        {
            var text = i % 2 == 0 ? Mutate(random, Generate(random).Declaration) : Soup(random);
            try
            {
                var signature = CDeclarationParser.Parse(text);
                Assert.NotNull(signature.ToString());
            }
            catch (CParseException error)
            {
                Assert.InRange(error.Column, 1, text.Length + 1);
            }
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void Scan_Garbage_NeverThrows(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var text = Soup(random) + " { " + Soup(random) + " } " + Mutate(random, Generate(random).Declaration) + " { }";
            Assert.NotNull(CTranslationUnitParser.Parse(text, i % 2 == 0 ? CParseOptions.Cpp : CParseOptions.C));
            Assert.NotNull(SourceScanner.ScanRust("#[no_mangle] pub extern \"C\" fn " + text));
        }
    }

    private static (string Declaration, string Expected, CTypeKind[] Kinds) Generate(Random random)
    {
        var (returnWritten, returnExpected) = Type(random, out _);
        var count = random.Next(0, 5);
        var written = new List<string>();
        var expected = new List<string>();
        var kinds = new List<CTypeKind>();
        for (var i = 0; i < count; i++)
        {
            var name = random.Next(4) == 0 ? null : s_names[random.Next(s_names.Length)] + i;
            if (random.Next(8) == 0)
            {
                written.Add($"int (*{name})(const char*, ...)");
                expected.Add($"int (*{name})(const char*, ...)");
                kinds.Add(CTypeKind.FunctionPointer);
                continue;
            }

            var (w, e) = Type(random, out var kind);
            if (random.Next(6) == 0)
            {
                written.Add(w + " " + (name ?? string.Empty) + "[" + (random.Next(2) == 0 ? string.Empty : "8") + "]");
                expected.Add(e + "*" + (name is null ? string.Empty : " " + name));
                kinds.Add(CTypeKind.Pointer);
                continue;
            }

            written.Add(name is null ? w : w + " " + name);
            expected.Add(name is null ? e : e + " " + name);
            kinds.Add(kind);
        }

        var variadic = count > 0 && random.Next(5) == 0;
        var writtenList = count == 0 ? (random.Next(2) == 0 ? "void" : string.Empty) : string.Join(random.Next(2) == 0 ? ", " : ",", written) + (variadic ? ", ..." : string.Empty);
        var expectedList = count == 0 ? "void" : string.Join(", ", expected) + (variadic ? ", ..." : string.Empty);
        var fn = "fn_" + random.Next(1000);
        var declaration = $"{returnWritten} {fn}({writtenList}){(random.Next(2) == 0 ? ";" : string.Empty)}";
        return (declaration, $"{returnExpected} {fn}({expectedList})", kinds.ToArray());
    }

    private static (string Written, string Expected) Type(Random random, out CTypeKind kind)
    {
        var scalar = s_scalars[random.Next(s_scalars.Length)];
        var spelling = scalar.Spellings[random.Next(scalar.Spellings.Length)];
        var isConst = random.Next(4) == 0;
        var written = isConst ? (random.Next(2) == 0 ? "const " + spelling : spelling + " const") : spelling;
        var expected = isConst ? "const " + scalar.Normalized : scalar.Normalized;
        kind = scalar.Kind;
        var depth = random.Next(4) == 0 ? 0 : random.Next(0, 4);
        for (var i = 0; i < depth; i++)
        {
            var constPointer = random.Next(6) == 0;
            written += random.Next(2) == 0 ? "*" : " * ";
            expected += "*";
            if (constPointer)
            {
                written += " const ";
                expected += " const";
            }

            kind = CTypeKind.Pointer;
        }

        return (written, expected);
    }

    private static string Mutate(Random random, string text)
    {
        var builder = new StringBuilder(text);
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits; i++)
        {
            var position = builder.Length == 0 ? 0 : random.Next(builder.Length);
            switch (random.Next(3))
            {
                case 0 when builder.Length > 0:
                    builder.Remove(position, 1);
                    break;
                case 1:
                    builder.Insert(position, s_garbageTokens[random.Next(s_garbageTokens.Length)]);
                    break;
                default:
                    if (builder.Length > 1)
                    {
                        var other = random.Next(builder.Length);
                        (builder[position], builder[other]) = (builder[other], builder[position]);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static string Soup(Random random)
    {
        var builder = new StringBuilder();
        var length = random.Next(0, 40);
        for (var i = 0; i < length; i++)
        {
            builder.Append(s_garbageTokens[random.Next(s_garbageTokens.Length)]).Append(random.Next(3) == 0 ? string.Empty : " ");
        }

        if (random.Next(20) == 0)
        {
            builder.Append(new string('(', 200)); // Deep nesting must not overflow the stack.
        }

        return builder.ToString();
    }
}
