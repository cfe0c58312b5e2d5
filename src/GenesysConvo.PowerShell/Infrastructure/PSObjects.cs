using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace GenesysConvo.Infrastructure;

internal static class PSObjects
{
    /// <summary>The engine's plain JSON tree as PowerShell objects: objects become PSCustomObjects (property order
    /// kept, as ConvertFrom-Json does), arrays object[], scalars stay as they are.</summary>
    public static object? FromJsonTree(object? node) => node switch
    {
        List<KeyValuePair<string, object?>> properties => ToCustomObject(properties),
        object?[] items => items.Select(FromJsonTree).ToArray(),
        _ => node,
    };

    private static PSObject ToCustomObject(List<KeyValuePair<string, object?>> properties)
    {
        var result = new PSObject();
        foreach (var property in properties) result.Properties.Add(new PSNoteProperty(property.Key, FromJsonTree(property.Value)));
        return result;
    }

    /// <summary>A dictionary whose keys and values are free of PSObject wrappers, for the engine.</summary>
    public static IDictionary? Unwrap(IDictionary? dictionary)
    {
        if (dictionary is null) return null;
        var plain = new Dictionary<string, object?>();
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = Base(entry.Key)?.ToString() ?? "";
            plain[key] = Base(entry.Value) is IEnumerable many && !(Base(entry.Value) is string)
                ? many.Cast<object?>().Select(Base).ToArray()
                : Base(entry.Value);
        }
        return plain;
    }

    /// <summary>JSON for a value a user passed: a string as it is, anything else (hashtable, object) through
    /// PowerShell's own ConvertTo-Json, so it serialises exactly as the user sees it.</summary>
    public static string? ToJson(PSCmdlet cmdlet, object? value)
    {
        value = Base(value);
        if (value is null || value is string) return (string?)value;
        var convertToJson = ScriptBlock.Create("param($o) ConvertTo-Json -InputObject $o -Depth 100 -Compress");
        return cmdlet.InvokeCommand.InvokeScript(false, convertToJson, null, value).FirstOrDefault()?.BaseObject as string;
    }

    private static object? Base(object? value) => value is PSObject ps ? ps.BaseObject : value;
}
