using System.Reflection;
using System.Runtime.CompilerServices;
using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using Xunit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Assembly = System.Reflection.Assembly;

namespace GenesysConvo.Core.Tests;

/// <summary>
/// The engine's folders form layers: each may use its own folder and the layers below it, nothing else, so the
/// folder graph has no cycle. Dependencies are read by ArchUnitNET from the compiled engine, in signatures and in
/// method bodies (lambdas, async methods and iterators included). Constants, enum members and nameof are compiled
/// into values, so a use of only those is not seen.
/// </summary>
public sealed class LayeringTests
{
    private const string Engine = "GenesysConvo.Core";

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
        ["Names"],
        ["Analytics"],
        ["Conversations", "Metrics"],
    ];

    private static readonly Assembly s_engineAssembly = Assembly.Load(Engine);
    private static readonly Architecture s_engine = new ArchLoader().LoadAssemblies(s_engineAssembly).Build();

    public static TheoryData<string> PlacedFolders => new(s_layers.SelectMany(folders => folders));

    [Theory]
    [MemberData(nameof(PlacedFolders))]
    public void Folder_depends_only_on_itself_and_lower_layers(string folder)
    {
        var layer = Array.FindIndex(s_layers, folders => folders.Contains(folder));
        var forbidden = s_layers.Skip(layer).SelectMany(folders => folders).Where(other => other != folder).ToArray();
        if (forbidden.Length == 0) return;

        Types().That().ResideInNamespaceMatching(InFolders(folder))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(InFolders(forbidden)))
            .Because($"{folder} is in layer {layer} and may use only its own folder and {LowerThan(layer)}")
            .WithoutRequiringPositiveResults() // a folder not written yet breaks no rule; the existence test names it
            .Check(s_engine);
    }

    [Fact]
    public void Engine_folders_have_no_dependency_cycle()
    {
        // Slices().Matching("GenesysConvo.Core.(*)") would make Analytics.Details a slice apart from Analytics;
        // here a folder and its sub-namespaces are one slice.
        var byFolder = new SliceRuleCreator();
        byFolder.SetSliceAssignment(new SliceAssignment(
            type => FolderOf(type.Namespace.FullName) is { } folder ? SliceIdentifier.Of(folder) : SliceIdentifier.Ignore(),
            $"by folder of {Engine}"));

        new GivenSlices(byFolder).Should().BeFreeOfCycles().Check(s_engine);
    }

    [Fact]
    public void Every_engine_namespace_is_placed_in_a_layer()
    {
        var placed = s_layers.SelectMany(folders => folders).ToHashSet();
        var unplaced = EngineNamespaces().Where(ns => FolderOf(ns) is { } folder && !placed.Contains(folder)).ToList();

        Assert.True(unplaced.Count == 0,
            $"Namespaces whose folder is in no layer (place it in the table at the top of {nameof(LayeringTests)}):"
            + Lines(unplaced));
    }

    [Fact]
    public void Every_folder_in_the_layer_table_exists()
    {
        var existing = EngineNamespaces().Select(FolderOf).OfType<string>().ToHashSet();
        var missing = s_layers.SelectMany(folders => folders).Where(folder => !existing.Contains(folder)).ToList();

        Assert.True(missing.Count == 0,
            $"Folders in the layer table with no types in {Engine} (renamed, or not written yet):" + Lines(missing));
    }

    [Fact]
    public void Root_namespace_holds_no_types()
    {
        var atRoot = s_engine.Types.Where(type => type.Namespace.FullName == Engine).Select(type => type.FullName).Order().ToList();

        Assert.True(atRoot.Count == 0, $"Types directly in {Engine}, outside every layer (move each into a folder):" + Lines(atRoot));
    }

    /// <summary>
    /// ArchUnitNET 0.13.5 does not read the bodies of async iterators (async IAsyncEnumerable/IAsyncEnumerator;
    /// it does read async methods, iterators and lambdas), so the layer tests would miss what they use.
    /// Until it does, the engine has none.
    /// </summary>
    [Fact]
    public void Engine_has_no_async_iterator_the_layer_tests_cannot_read()
    {
        const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static
            | BindingFlags.Public | BindingFlags.NonPublic;
        var asyncIterators = s_engineAssembly.GetTypes()
            .SelectMany(type => type.GetMethods(Declared))
            .Where(method => method.IsDefined(typeof(AsyncIteratorStateMachineAttribute), inherit: false))
            .Select(method => $"{method.DeclaringType?.FullName}.{method.Name}")
            .Order()
            .ToList();

        Assert.True(asyncIterators.Count == 0,
            "Async iterators, whose dependencies ArchUnitNET does not see (return a Task of a page, or check that a "
            + "newer ArchUnitNET reads them and drop this test):" + Lines(asyncIterators));
    }

    private static IEnumerable<string> EngineNamespaces() =>
        s_engine.Types.Select(type => type.Namespace.FullName).Distinct().Order();

    /// <summary>The folder of an engine namespace: GenesysConvo.Core.Analytics.Details → Analytics.</summary>
    private static string? FolderOf(string ns) =>
        ns.StartsWith(Engine + ".", StringComparison.Ordinal) ? ns[(Engine.Length + 1)..].Split('.')[0] : null;

    /// <summary>A regular expression for the namespaces of these folders, sub-namespaces included.</summary>
    private static string InFolders(params string[] folders) =>
        $@"^{Engine.Replace(".", @"\.")}\.({string.Join("|", folders)})(\..+)?$";

    private static string LowerThan(int layer) =>
        layer == 0 ? "nothing else of the engine" : string.Join(", ", s_layers.Take(layer).SelectMany(folders => folders));

    private static string Lines(IEnumerable<string> items) => string.Concat(items.Select(item => Environment.NewLine + "  " + item));
}
