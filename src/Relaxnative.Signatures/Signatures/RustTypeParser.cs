namespace Relaxnative.Signatures;

/// <summary>
/// Maps Rust FFI types to the C model: integers and floats by width, <c>*const T</c>/<c>*mut T</c> and
/// references to pointers, <c>c_char</c> (and <c>i8</c> behind a pointer) to <c>char</c>, <c>c_void</c> to
/// <c>void</c>, and <c>extern "C" fn</c> (optionally in <c>Option</c>) to function pointers. Unknown names
/// are structs by value and opaque behind a pointer. Returns null with a reason for types C cannot express.
/// </summary>
internal sealed class RustTypeParser
{
    private readonly List<CToken> _tokens;
    private readonly int _end;
    private int _position;

    private RustTypeParser(List<CToken> tokens, int start, int end)
    {
        _tokens = tokens;
        _position = start;
        _end = end;
    }

    private CToken Current => _position < _end ? _tokens[_position] : new CToken(CTokenKind.End, string.Empty, 0);

    /// <summary>Parses tokens [start, end) as one type; null when unsupported or malformed.</summary>
    public static CType? Parse(List<CToken> tokens, int start, int end)
    {
        var parser = new RustTypeParser(tokens, start, end);
        var type = parser.ParseType(behindPointer: false, depth: 0);
        return parser._position == end ? type : null;
    }

    private CType? ParseType(bool behindPointer, int depth)
    {
        if (depth > 32)
        {
            return null;
        }

        var token = Current;
        if (token.Is("*"))
        {
            _position++;
            var isConst = Current.Is("const");
            if (!isConst && !Current.Is("mut"))
            {
                return null;
            }

            _position++;
            var pointee = ParsePointee(depth);
            return pointee is null ? null : CType.PointerTo(pointee.WithConst(isConst));
        }

        if (token.Is("&") || token.Is("&&"))
        {
            _position++;
            var isMutable = Current.Is("mut");
            if (isMutable)
            {
                _position++;
            }

            var pointee = ParsePointee(depth);
            return pointee is null ? null : CType.PointerTo(pointee.WithConst(!isMutable));
        }

        if (token.Is("(") && _position + 1 < _end && _tokens[_position + 1].Is(")"))
        {
            _position += 2;
            return CType.Scalar(CTypeKind.Void);
        }

        if (token.Is("!"))
        {
            _position++;
            return CType.Scalar(CTypeKind.Void);
        }

        if (token.Is("unsafe") || token.Is("extern") || token.Is("fn"))
        {
            var function = ParseFunctionType(depth);
            return function is null ? null : CType.FunctionPointerTo(function);
        }

        if (!token.IsIdentifier && !token.Is("::"))
        {
            return null;
        }

        var name = ParsePath();
        if (name is null)
        {
            return null;
        }

        if (Current.Is("<"))
        {
            // Option<T> of a pointer-like T, NonNull<T> and Box<T> are pointers in the C ABI.
            _position++;
            var argument = name is "NonNull" or "Box" ? ParsePointee(depth) : ParseType(behindPointer: false, depth + 1);
            if (argument is null || !Current.Is(">"))
            {
                return null;
            }

            _position++;
            return name switch
            {
                "Option" when argument.Kind is CTypeKind.Pointer or CTypeKind.FunctionPointer => argument,
                "NonNull" or "Box" => CType.PointerTo(argument),
                _ => null,
            };
        }

        if (name is "str" or "String" or "Vec" or "Self" or "dyn" or "impl")
        {
            return null;
        }

        if (name == "i8" && behindPointer)
        {
            return CType.Scalar(CTypeKind.Int8, "char");
        }

        return MapName(name) ?? CType.Named(behindPointer ? CTypeKind.Opaque : CTypeKind.Struct, name);
    }

    private CType? ParsePointee(int depth)
    {
        // A slice, str or trait object behind a pointer is a two-word fat pointer: not C.
        if (Current.Is("[") || Current.Is("str") || Current.Is("dyn"))
        {
            return null;
        }

        return ParseType(behindPointer: true, depth + 1);
    }

    private CFunctionSignature? ParseFunctionType(int depth)
    {
        if (Current.Is("unsafe"))
        {
            _position++;
        }

        if (Current.Is("extern"))
        {
            _position++;
            if (Current.Kind == CTokenKind.String)
            {
                _position++;
            }
        }

        if (!Current.Is("fn") || _position + 1 >= _end || !_tokens[_position + 1].Is("("))
        {
            return null;
        }

        _position += 2;
        var parameters = new List<CParameter>();
        var isVariadic = false;
        while (!Current.Is(")"))
        {
            if (Current.Is("..."))
            {
                isVariadic = true;
                _position++;
                continue;
            }

            string? name = null;
            if (Current.IsIdentifier && _position + 1 < _end && _tokens[_position + 1].Is(":") && !_tokens[_position + 1].Is("::"))
            {
                name = Current.Text == "_" ? null : Current.Text;
                _position += 2;
            }

            var type = ParseType(behindPointer: false, depth + 1);
            if (type is null || type.Kind == CTypeKind.Void)
            {
                return null;
            }

            parameters.Add(new CParameter(parameters.Count, name, type));
            if (Current.Is(","))
            {
                _position++;
            }
            else if (!Current.Is(")"))
            {
                return null;
            }
        }

        _position++;
        var returnType = CType.Scalar(CTypeKind.Void);
        if (Current.Is("-") && _position + 1 < _end && _tokens[_position + 1].Is(">") || Current.Is("->"))
        {
            _position += Current.Is("->") ? 1 : 2;
            returnType = ParseType(behindPointer: false, depth + 1)!;
            if (returnType is null)
            {
                return null;
            }
        }

        return new CFunctionSignature(string.Empty, returnType, parameters, isVariadic);
    }

    private string? ParsePath()
    {
        if (Current.Is("::"))
        {
            _position++;
        }

        string? last = null;
        while (Current.IsIdentifier)
        {
            last = Current.Text;
            _position++;
            if (!Current.Is("::"))
            {
                break;
            }

            _position++;
        }

        return last;
    }

    private static CType? MapName(string name) => name switch
    {
        "i8" => CType.Scalar(CTypeKind.Int8, "int8_t"),
        "u8" => CType.Scalar(CTypeKind.UInt8, "uint8_t"),
        "i16" => CType.Scalar(CTypeKind.Int16, "int16_t"),
        "u16" => CType.Scalar(CTypeKind.UInt16, "uint16_t"),
        "i32" => CType.Scalar(CTypeKind.Int32, "int32_t"),
        "u32" => CType.Scalar(CTypeKind.UInt32, "uint32_t"),
        "i64" => CType.Scalar(CTypeKind.Int64, "int64_t"),
        "u64" => CType.Scalar(CTypeKind.UInt64, "uint64_t"),
        "isize" => CType.Scalar(CTypeKind.IntPtr, "intptr_t"),
        "usize" => CType.Scalar(CTypeKind.UIntPtr, "uintptr_t"),
        "f32" => CType.Scalar(CTypeKind.Float, "float"),
        "f64" => CType.Scalar(CTypeKind.Double, "double"),
        "bool" => CType.Scalar(CTypeKind.Bool, "bool"),
        "c_char" => CType.Scalar(CTypeKind.Int8, "char"),
        "c_schar" => CType.Scalar(CTypeKind.Int8, "signed char"),
        "c_uchar" => CType.Scalar(CTypeKind.UInt8, "unsigned char"),
        "c_short" => CType.Scalar(CTypeKind.Int16, "short"),
        "c_ushort" => CType.Scalar(CTypeKind.UInt16, "unsigned short"),
        "c_int" => CType.Scalar(CTypeKind.Int32, "int"),
        "c_uint" => CType.Scalar(CTypeKind.UInt32, "unsigned int"),
        "c_long" => CType.Scalar(CTypeKind.Int64, "long"),
        "c_ulong" => CType.Scalar(CTypeKind.UInt64, "unsigned long"),
        "c_longlong" => CType.Scalar(CTypeKind.Int64, "long long"),
        "c_ulonglong" => CType.Scalar(CTypeKind.UInt64, "unsigned long long"),
        "c_float" => CType.Scalar(CTypeKind.Float, "float"),
        "c_double" => CType.Scalar(CTypeKind.Double, "double"),
        "c_void" => CType.Scalar(CTypeKind.Void, "void"),
        "size_t" => CType.Scalar(CTypeKind.UIntPtr, "size_t"),
        "ssize_t" => CType.Scalar(CTypeKind.Int64, "ssize_t"),
        _ => null,
    };
}
