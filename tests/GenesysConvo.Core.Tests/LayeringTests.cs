using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>
/// The engine's folders form layers: each may use its own folder and the layers below it, nothing else, so the
/// folder graph has no cycle. What each folder uses is read from the source by <see cref="EngineSource"/> (Roslyn's
/// semantic model: signatures and bodies, async iterators, constants and nameof included); a failure names each
/// offending file:line and what it uses.
/// </summary>
public sealed class LayeringTests
{
    private const string Engine = EngineSource.RootNamespace;

    // The engine's layers, bottom to top; README's "How it is built" explains them. A folder (namespace
    // GenesysConvo.Core.<Folder>, with its sub-namespaces) may depend on its own folder and on folders of lower
    // layers: never on a higher layer, nor on a peer in its own layer. A new folder goes in here on purpose.
    private static readonly string[][] s_layers =
    [
        ["Diagnostics", "Json"],
        ["Http"],
        ["Auth"],
        ["Session"],
        ["Api"],
        ["Names", "Notifications"],
        ["Analytics"],
        ["Conversations", "Metrics"],
    ];

    private static readonly HashSet<string> s_placed = s_layers.SelectMany(folders => folders).ToHashSet();

    private static EngineSource Source => EngineSource.Instance;

    public static TheoryData<string> PlacedFolders => new(s_layers.SelectMany(folders => folders));

    /// <summary>The other tests would miss what does not resolve: only ApiJson's generated half may be absent.</summary>
    [Fact]
    public void Engine_source_compiles_but_for_the_generated_json_context()
    {
        Assert.True(Source.UnexpectedErrors.Count == 0,
            "The engine's source does not compile here, so dependencies may go unseen (a reference missing from "
            + $"{nameof(EngineSource)}?):" + Lines(Source.UnexpectedErrors));
    }

    [Theory]
    [MemberData(nameof(PlacedFolders))]
    public void Folder_depends_only_on_itself_and_lower_layers(string folder)
    {
        var layer = LayerOf(folder);
        var forbidden = s_layers.Skip(layer).SelectMany(folders => folders).Where(other => other != folder).ToHashSet();
        var offences = Source.Dependencies
            .Where(dependency => dependency.From == folder && forbidden.Contains(dependency.To))
            .Select(dependency => $"{dependency}  ({dependency.To}, layer {LayerOf(dependency.To)})");

        AssertNone(offences,
            $"{folder} is in layer {layer} and may use only its own folder and {LowerThan(layer)}; it uses:");
    }

    [Fact]
    public void Engine_folders_have_no_dependency_cycle()
    {
        var usedBy = Source.Dependencies.ToLookup(dependency => dependency.From);
        var cycle = FindCycle(usedBy.Select(uses => uses.Key), folder => usedBy[folder].Select(use => use.To).Distinct());
        if (cycle is null) return;

        var evidence = cycle.Zip(cycle.Skip(1), (from, to) => usedBy[from].First(use => use.To == to).ToString());
        Assert.Fail($"The engine's folders depend on each other in a cycle, {string.Join(" → ", cycle)}:" + Lines(evidence));
    }

    [Fact]
    public void Every_engine_namespace_is_placed_in_a_layer()
    {
        var unplaced = Source.Namespaces
            .Where(ns => ns.Name != Engine && !(EngineSource.FolderOf(ns.Name) is { } folder && s_placed.Contains(folder)));

        AssertNone(unplaced,
            $"Namespaces outside every layer (place the folder in the table at the top of {nameof(LayeringTests)}, "
            + $"or move the code into a folder of {Engine}):");
    }

    [Fact]
    public void Root_namespace_holds_no_types()
    {
        var outsideFolders = Source.Types.Where(type => EngineSource.FolderOf(type.Namespace) is null);

        AssertNone(outsideFolders, $"Types directly in {Engine} or outside it, in no layer (move each into a folder):");
    }

    [Fact]
    public void Every_folder_in_the_layer_table_exists()
    {
        var existing = Source.Namespaces.Select(ns => EngineSource.FolderOf(ns.Name)).OfType<string>().ToHashSet();
        var missing = s_layers.SelectMany(folders => folders).Where(folder => !existing.Contains(folder));

        AssertNone(missing, $"Folders in the layer table with no namespace in {Engine} (renamed, or not written yet):");
    }

    /// <summary>The dependency graph is keyed by each file's folder, so a file's namespace must say the same.</summary>
    [Fact]
    public void Every_engine_file_declares_namespaces_of_its_own_folder()
    {
        var misplaced = Source.Namespaces
            .Where(ns => EngineSource.FolderOf(ns.Name) is { } folder && folder != ns.FileFolder);

        AssertNone(misplaced, "Namespaces declared in a file of another folder (move the file, or rename the namespace):");
    }

    private static int LayerOf(string folder) => Array.FindIndex(s_layers, folders => folders.Contains(folder));

    private static string LowerThan(int layer) =>
        layer == 0 ? "nothing else of the engine" : string.Join(", ", s_layers.Take(layer).SelectMany(folders => folders));

    /// <summary>A path of folders that leads back to its start (first and last alike), or null: depth-first.</summary>
    private static IReadOnlyList<string>? FindCycle(IEnumerable<string> folders, Func<string, IEnumerable<string>> uses)
    {
        var visited = new HashSet<string>();
        var path = new List<string>();
        return folders.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(cycle => cycle is not null);

        IReadOnlyList<string>? Visit(string folder)
        {
            var onPath = path.IndexOf(folder);
            if (onPath >= 0) return [.. path.Skip(onPath), folder];
            if (!visited.Add(folder)) return null;

            path.Add(folder);
            var cycle = uses(folder).Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(found => found is not null);
            path.RemoveAt(path.Count - 1);
            return cycle;
        }
    }

    private static void AssertNone<T>(IEnumerable<T> offenders, string rule)
    {
        var listed = offenders.Select(offender => offender?.ToString() ?? "").ToList();
        Assert.True(listed.Count == 0, rule + Lines(listed));
    }

    private static string Lines(IEnumerable<string> items) =>
        string.Concat(items.Select(item => Environment.NewLine + "  " + item));
}
