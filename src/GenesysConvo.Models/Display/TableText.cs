namespace GenesysConvo;

/// <summary>Text for the default table views (GenesysConvo.format.ps1xml), where every column has a fixed width so
/// the tables fit a 120-column console.</summary>
public static class TableText
{
    /// <summary>A name cut in the middle to <paramref name="width"/> characters, keeping its start and its (longer) end:
    /// names in one org share prefixes ("Customer Care - General", "Customer Care - Gold"), so cutting the end, as
    /// PowerShell does, makes them look alike.</summary>
    public static string? Shorten(string? text, int width)
    {
        if (text is null || text.Length <= width) return text;
        if (width < 3) return text.Substring(0, width < 0 ? 0 : width);
        var kept = width - 1;
        var tail = (kept + 1) / 2;
        return text.Substring(0, kept - tail).TrimEnd() + "…" + text.Substring(text.Length - tail).TrimStart();
    }
}
