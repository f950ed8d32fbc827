namespace Relaxnative.Signatures;

/// <summary>Collects the type words of one declaration and maps their combination to a type.</summary>
internal sealed partial class CDeclarationParser
{
    private sealed class TypeWords
    {
        private int _void;
        private int _bool;
        private int _char;
        private int _short;
        private int _int;
        private int _long;
        private int _float;
        private int _double;
        private int _signed;
        private int _unsigned;
        private int _complex;
        private int _int128;
        private string? _tagKeyword;
        private string? _firstWord;

        public string? TagName { get; set; }

        /// <summary>The full spelling of a tag type when it is not 'keyword tag' (an anonymous record or enum).</summary>
        public string? TagSpelling { get; set; }

        public string? TypedefName
        {
            get => _firstWord is not null && _tagKeyword is null && !IsTypeKeyword(_firstWord) ? _firstWord : null;
            set => _firstWord = value;
        }

        public bool Any => _firstWord is not null;

        /// <summary>Whether '_Complex' is the only type word so far, so a floating typedef name may follow (<c>_Complex _Float32</c>).</summary>
        public bool IsComplexOnly => _complex > 0 && _float + _double + _long + _int + _char + _short + _signed + _unsigned + _void + _bool + _int128 == 0 && ComplexBase is null;

        /// <summary>The floating type name after '_Complex' when it is not a keyword (<c>_Float32</c>).</summary>
        public string? ComplexBase { get; set; }

        public static bool IsTypeKeyword(string text) => text is "void" or "_Bool" or "bool" or "char" or "short" or "int"
            or "long" or "float" or "double" or "signed" or "__signed" or "__signed__" or "unsigned" or "__unsigned"
            or "_Complex" or "__complex__" or "__int128";

        public void Add(CDeclarationParser parser, CToken token, string text)
        {
            if (TypedefName is not null || _tagKeyword is not null)
            {
                var previous = TypedefName ?? _tagKeyword + " " + TagName;
                throw parser.Error(token, "a name", "'" + previous + "' already names the type; '" + text + "' cannot be added to it.");
            }

            _firstWord ??= text;
            switch (text)
            {
                case "void": _void++; break;
                case "_Bool" or "bool": _bool++; break;
                case "char": _char++; break;
                case "short": _short++; break;
                case "int": _int++; break;
                case "long": _long++; break;
                case "float": _float++; break;
                case "double": _double++; break;
                case "signed" or "__signed" or "__signed__": _signed++; break;
                case "unsigned" or "__unsigned": _unsigned++; break;
                case "_Complex" or "__complex__": _complex++; break;
                case "__int128": _int128++; break;
                default:
                    if (_firstWord != text)
                    {
                        throw parser.Error(token, "a name", "'" + text + "' cannot be combined with '" + _firstWord + "'.");
                    }

                    _tagKeyword = text;
                    break;
            }

            var problem = Validate(text);
            if (problem is not null)
            {
                throw parser.Error(token, "a valid combination of type words", problem);
            }
        }

        public (CType Type, bool IsUnknown) Resolve(CDeclarationParser parser, CToken last, bool isConst)
        {
            if (TypedefName is { } typedefName)
            {
                if (parser.TryResolveTypedef(typedefName, isConst) is { } declared)
                {
                    return (declared, false);
                }

                return CTypeNames.TryGetTypedef(typedefName, out var kind)
                    ? (CType.Scalar(kind, typedefName, isConst), false)
                    : (CType.Named(CTypeKind.Struct, typedefName, typedefName, isConst), true);
            }

            if (_tagKeyword is { } keyword)
            {
                var tag = TagName ?? throw parser.Error(last, "a tag name", null);
                return keyword switch
                {
                    "enum" => (CType.Scalar(parser._unit?.EnumKind(TagSpelling ?? "enum " + tag) ?? CTypeKind.Int32, TagSpelling ?? "enum " + tag, isConst, tag), false),
                    "union" => (CType.Named(CTypeKind.Struct, tag, TagSpelling ?? "union " + tag, isConst), false),
                    _ => (CType.Named(CTypeKind.Struct, tag, TagSpelling ?? "struct " + tag, isConst), false),
                };
            }

            var sign = _unsigned > 0 ? "unsigned " : string.Empty;
            return (this switch
            {
                { _complex: > 0 } => CType.Named(CTypeKind.Struct, "_Complex", "_Complex " + (ComplexBase ?? (_float > 0 ? "float" : _long > 0 ? "long double" : "double")), isConst),
                { _int128: > 0 } => CType.Named(CTypeKind.Struct, sign + "__int128", sign + "__int128", isConst),
                { _void: > 0 } => CType.Scalar(CTypeKind.Void, "void", isConst),
                { _bool: > 0 } => CType.Scalar(CTypeKind.Bool, "bool", isConst),
                { _float: > 0 } => CType.Scalar(CTypeKind.Float, "float", isConst),
                { _double: > 0, _long: > 0 } => CType.Named(CTypeKind.Struct, "long double", "long double", isConst),
                { _double: > 0 } => CType.Scalar(CTypeKind.Double, "double", isConst),
                { _char: > 0, _unsigned: > 0 } => CType.Scalar(CTypeKind.UInt8, "unsigned char", isConst),
                { _char: > 0, _signed: > 0 } => CType.Scalar(CTypeKind.Int8, "signed char", isConst),
                { _char: > 0 } => CType.Scalar(CTypeKind.Int8, "char", isConst),
                { _short: > 0, _unsigned: > 0 } => CType.Scalar(CTypeKind.UInt16, "unsigned short", isConst),
                { _short: > 0 } => CType.Scalar(CTypeKind.Int16, "short", isConst),
                { _long: > 1, _unsigned: > 0 } => CType.Scalar(CTypeKind.UInt64, "unsigned long long", isConst),
                { _long: > 1 } => CType.Scalar(CTypeKind.Int64, "long long", isConst),
                { _long: > 0, _unsigned: > 0 } => CType.Scalar(CTypeKind.UInt64, "unsigned long", isConst),
                { _long: > 0 } => CType.Scalar(CTypeKind.Int64, "long", isConst),
                { _unsigned: > 0 } => CType.Scalar(CTypeKind.UInt32, "unsigned int", isConst),
                _ => CType.Scalar(CTypeKind.Int32, "int", isConst),
            }, false);
        }

        private string? Validate(string text)
        {
            var kinds = _void + _bool + _char + _int + _float + _double + _int128;
            if (_long > 2)
            {
                return "'long long long' is not a C type; use 'long long' (64 bits).";
            }

            if (_signed > 1 || _unsigned > 1 || _short > 1 || _void > 1 || _bool > 1 || _char > 1 || _int > 1 || _float > 1 || _double > 1 || _complex > 1)
            {
                return "'" + text + "' appears twice.";
            }

            if (_signed > 0 && _unsigned > 0)
            {
                return "'signed' and 'unsigned' cannot be combined.";
            }

            if (kinds > 1)
            {
                return "'" + text + "' cannot be combined with '" + _firstWord + "'; a declaration has one type.";
            }

            if (_short > 0 && _long > 0)
            {
                return "'short' and 'long' cannot be combined.";
            }

            var sized = _short + _long;
            if ((_void + _bool + _float) > 0 && (sized + _signed + _unsigned) > 0)
            {
                return "'" + text + "' cannot modify '" + (_void > 0 ? "void" : _bool > 0 ? "bool" : "float") + "'.";
            }

            if (_char > 0 && sized > 0)
            {
                return "'char' cannot be 'short' or 'long'.";
            }

            if (_double > 0 && (_short > 0 || _long > 1 || _signed + _unsigned > 0))
            {
                return "'double' can only be modified by one 'long' ('long double').";
            }

            return null;
        }
    }
}
