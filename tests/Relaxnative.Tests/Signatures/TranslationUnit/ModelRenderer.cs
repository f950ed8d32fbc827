using System.Text;
using Relaxnative.Signatures;

namespace Relaxnative.Tests.Signatures.TranslationUnit;

/// <summary>Renders the user-file part of a model (system headers left out) as reviewable text for golden files.</summary>
internal static class ModelRenderer
{
    public static string Render(CDeclarationModel model)
    {
        var text = new StringBuilder();
        foreach (var f in model.Functions.Where(f => !f.Location.IsSystemHeader))
        {
            text.Append("function ").Append(f.Location).Append(' ').Append(f.Signature)
                .Append(f.IsDefinition ? " [definition" : " [declaration")
                .Append(f.Storage == CStorageClass.None ? string.Empty : ", " + f.Storage.ToString().ToLowerInvariant())
                .Append(f.IsInline ? ", inline" : string.Empty)
                .Append(f.Visibility is { } v ? ", visibility " + v.ToString().ToLowerInvariant() : string.Empty)
                .Append(f.AsmLabel is { } label ? ", symbol " + label : string.Empty)
                .Append(f.HasCLinkage ? string.Empty : ", C++ linkage")
                .AppendLine("]");
            foreach (var p in f.Signature.Parameters)
            {
                text.Append("    ").Append(p.Name ?? "(unnamed)").Append(": ").Append(p.Type.Description).Append(" = ").AppendLine(p.Type.Kind.ToString());
            }

            text.Append("    returns: ").Append(f.Signature.ReturnType.Description).Append(" = ").AppendLine(f.Signature.ReturnType.Kind.ToString());
        }

        foreach (var t in model.Typedefs.Where(t => !t.Location.IsSystemHeader))
        {
            text.Append("typedef ").Append(t.Location).Append(' ').Append(t.Name).Append(" = ").Append(t.Type.Description)
                .Append(string.Concat(t.ArrayBounds.Select(b => "[" + b + "]"))).Append(" (").Append(t.Type.Kind).AppendLine(")");
        }

        foreach (var r in model.Records.Where(r => !r.Location.IsSystemHeader))
        {
            text.Append("record ").Append(r.Location).Append(' ').Append(r.Key)
                .Append(r.IsPacked ? " packed" : string.Empty)
                .Append(r.AlignmentBytes is { } a ? " aligned(" + a + ")" : string.Empty).AppendLine();
            foreach (var m in r.Members)
            {
                text.Append("    ").Append(m.Name ?? "(unnamed)").Append(": ").Append(m.Type.Description)
                    .Append(string.Concat(m.ArrayBounds.Select(b => "[" + b + "]")))
                    .Append(m.BitWidth is { } w ? " : " + w : string.Empty).AppendLine();
            }
        }

        foreach (var e in model.Enums.Where(e => !e.Location.IsSystemHeader))
        {
            text.Append("enum ").Append(e.Location).Append(' ').AppendLine(e.Tag ?? "(anonymous)");
            foreach (var c in e.Constants)
            {
                text.Append("    ").Append(c.Name).Append(" = ").AppendLine(c.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown: " + c.UnknownReason);
            }
        }

        foreach (var s in model.Skipped.Where(s => !s.Location.IsSystemHeader))
        {
            text.Append("skipped ").Append(s.Location).Append(' ').Append(s.Name.Length == 0 ? "(unnamed)" : s.Name).Append(": ").AppendLine(s.Reason);
        }

        return text.ToString();
    }
}
