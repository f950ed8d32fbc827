using System.Text.Json.Serialization;

namespace Relaxnative.Signatures;

// The serialized shape of a CDeclarationModel. Short property names keep cache entries small; every type is
// written once in T and referenced by index (children before parents), so reading needs no recursion.
#pragma warning disable SA1649, CA1819 // DTOs of one format, kept together; arrays are the wire shape.
internal sealed class ModelDto
{
    public int V { get; set; }

    public string[] Files { get; set; } = [];

    public bool[] Sys { get; set; } = [];

    public TypeDto[] T { get; set; } = [];

    public FunctionDto[] F { get; set; } = [];

    public TypedefDto[] D { get; set; } = [];

    public RecordDto[] R { get; set; } = [];

    public EnumDto[] E { get; set; } = [];

    public SkipDto[] S { get; set; } = [];

    public VariableDto[] Va { get; set; } = [];
}

internal sealed class TypeDto
{
    public int K { get; set; }

    public bool C { get; set; }

    public int P { get; set; } // pointee index + 1; 0: none

    public string? Sp { get; set; }

    public string? Tag { get; set; }

    public string? Td { get; set; }

    public SignatureDto? Fn { get; set; }
}

internal sealed class SignatureDto
{
    public string? N { get; set; }

    public int R { get; set; }

    public ParameterDto[] P { get; set; } = [];

    public bool Va { get; set; }
}

internal sealed class ParameterDto
{
    public string? N { get; set; }

    public int T { get; set; }
}

internal sealed class FunctionDto
{
    public SignatureDto Sig { get; set; } = new();

    public int St { get; set; }

    public bool In { get; set; }

    public bool Def { get; set; }

    public int Vis { get; set; } // CVisibility + 1; 0: none

    public string? Asm { get; set; }

    public bool CL { get; set; }

    public int Fi { get; set; }

    public int L { get; set; }

    public BoundsDto[]? Bd { get; set; }
}

internal sealed class BoundsDto
{
    public int B { get; set; }

    public int N { get; set; }

    public string O { get; set; } = string.Empty;
}

internal sealed class TypedefDto
{
    public string N { get; set; } = string.Empty;

    public int T { get; set; }

    public long?[]? B { get; set; }

    public int Fi { get; set; }

    public int L { get; set; }
}

internal sealed class RecordDto
{
    public int K { get; set; }

    public string? Tag { get; set; }

    public string Key { get; set; } = string.Empty;

    public MemberDto[] M { get; set; } = [];

    public bool Pk { get; set; }

    public int? Al { get; set; }

    public int Fi { get; set; }

    public int L { get; set; }
}

internal sealed class MemberDto
{
    public string? N { get; set; }

    public int T { get; set; }

    public int? W { get; set; }

    public long?[]? B { get; set; }

    public int? Al { get; set; }

    public bool Pk { get; set; }
}

internal sealed class EnumDto
{
    public string? Tag { get; set; }

    public EnumConstantDto[] C { get; set; } = [];

    public int Fi { get; set; }

    public int L { get; set; }
}

internal sealed class EnumConstantDto
{
    public string N { get; set; } = string.Empty;

    public long? V { get; set; }

    public string? Why { get; set; }
}

internal sealed class VariableDto
{
    public string N { get; set; } = string.Empty;

    public int T { get; set; }

    public long?[]? B { get; set; }

    public int St { get; set; }

    public bool Def { get; set; }

    public int Vis { get; set; } // CVisibility + 1; 0: none

    public string? Asm { get; set; }

    public bool CL { get; set; }

    public int Fi { get; set; }

    public int L { get; set; }
}

internal sealed class SkipDto
{
    public string N { get; set; } = string.Empty;

    public string Why { get; set; } = string.Empty;

    public int Fi { get; set; }

    public int L { get; set; }

    public bool Fn { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(ModelDto))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
#pragma warning restore SA1649, CA1819
