using System.Globalization;
using System.Text;

namespace Relaxnative.Benchmarks.Signatures;

/// <summary>Preprocessed text shaped like a real library's header and sources, with a given number of functions.</summary>
internal static class GeneratedHeader
{
    public static string Create(int functionCount)
    {
        var text = new StringBuilder(functionCount * 160);
        text.Append("# 1 \"gen.c\"\n# 1 \"gen.h\" 1\n");
        text.Append("typedef unsigned long uLong;\ntypedef unsigned char Bytef;\ntypedef struct gen_state gen_state;\n");
        text.Append("typedef int (*gen_cb)(gen_state *s, void *user);\n");
        text.Append("struct gen_state { int top; uLong flags; Bytef buf[64]; gen_cb cb; };\n");
        text.Append("enum gen_mode { GEN_A = 1, GEN_B = GEN_A << 2, GEN_C = sizeof(uLong) * 8 };\n");
        for (var i = 0; i < functionCount; i++)
        {
            // One in four is a definition with a body, the rest are prototypes with attributes, as in a header + source.
            var name = "gen_fn_" + i.ToString(CultureInfo.InvariantCulture);
            if (i % 4 == 0)
            {
                text.Append("# ").Append(i + 10).Append(" \"gen.c\"\n");
                text.Append("uLong ").Append(name).Append("(gen_state *s, const Bytef *buf, unsigned int len)\n{\n    uLong h = 0;\n")
                    .Append("    for (unsigned int k = 0; k < len; k++) { h = h * 31 + buf[k]; }\n    return h + (uLong)s->top;\n}\n");
            }
            else
            {
                text.Append("extern __attribute__((visibility(\"default\"))) int ").Append(name)
                    .Append("(gen_state *s, const char *restrict name, double scale, gen_cb cb, ...) __attribute__((__nonnull__(1)));\n");
            }
        }

        return text.ToString();
    }
}
