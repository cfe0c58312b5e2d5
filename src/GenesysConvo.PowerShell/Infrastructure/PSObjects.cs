using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace GenesysConvo.Infrastructure
{
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

        private static object? Base(object? value) => value is PSObject ps ? ps.BaseObject : value;
    }
}
