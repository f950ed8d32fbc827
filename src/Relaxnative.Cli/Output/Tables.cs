using Spectre.Console;

namespace Relaxnative.Cli.Output;

/// <summary>Tables whose cells are plain text (never parsed as markup: C code is full of brackets).</summary>
internal static class Tables
{
    /// <summary>Creates a table with the given column headers.</summary>
    public static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    /// <summary>Adds a row of plain-text cells.</summary>
    public static Table Row(this Table table, params string?[] cells)
    {
        table.AddRow([.. cells.Select(c => new Text(c ?? ""))]);
        return table;
    }
}
