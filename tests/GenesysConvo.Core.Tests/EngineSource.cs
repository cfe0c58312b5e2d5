using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenesysConvo.Core.Tests;

/// <summary>One use, in a file of one engine folder, of a type or member that another engine folder declares.</summary>
internal sealed record FolderDependency(string From, string To, string Location, string Used)
{
    public override string ToString() => $"{Location} → {Used}";
}

/// <summary>A namespace or type as the engine's source declares it, and where; a namespace is its own Namespace.</summary>
internal sealed record Declaration(string? FileFolder, string Namespace, string Name, string Location)
{
    public override string ToString() => $"{Location}  {Name}";
}

/// <summary>
/// The engine's source compiled with Roslyn, the net8.0 side of every #if NET, against the assemblies of this test
/// run, and read with the semantic model for what each folder uses: every name, member access, object creation,
/// attribute, nameof and constant, and the type of every expression (so a var or a lambda parameter counts), in every
/// kind of body, async iterators included. A using directive or a doc comment alone is no dependency.
/// Nothing runs the JSON source generator, so the generated half of each JSON context is missing: what does not resolve is
/// skipped, and <see cref="UnexpectedErrors"/> lists every other compile error, so that a missing reference cannot
/// hide a dependency.
/// </summary>
internal sealed class EngineSource
{
    public const string RootNamespace = "GenesysConvo.Core";

    private static readonly string[] s_netPreprocessorSymbols = ["NET", "NETCOREAPP", "NET8_0", "NET8_0_OR_GREATER"];
    private static readonly Lazy<EngineSource> s_instance = new(Read);

    private EngineSource(
        IReadOnlyList<FolderDependency> dependencies,
        IReadOnlyList<Declaration> namespaces,
        IReadOnlyList<Declaration> types,
        IReadOnlyList<string> unexpectedErrors)
    {
        Dependencies = dependencies;
        Namespaces = namespaces;
        Types = types;
        UnexpectedErrors = unexpectedErrors;
    }

    public static EngineSource Instance => s_instance.Value;

    /// <summary>Every use of another engine folder, one per file line and thing used.</summary>
    public IReadOnlyList<FolderDependency> Dependencies { get; }

    /// <summary>Every namespace declaration, by its full name.</summary>
    public IReadOnlyList<Declaration> Namespaces { get; }

    /// <summary>Every type declaration, by its full name (nested types included).</summary>
    public IReadOnlyList<Declaration> Types { get; }

    /// <summary>Compile errors other than the missing generated members of the JSON contexts.</summary>
    public IReadOnlyList<string> UnexpectedErrors { get; }

    /// <summary>The folder of an engine namespace: GenesysConvo.Core.Analytics.Details → Analytics.</summary>
    public static string? FolderOf(string ns) =>
        ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal) ? ns[(RootNamespace.Length + 1)..].Split('.')[0] : null;

    private static EngineSource Read()
    {
        var repository = Repository.Root;
        var engineDirectory = Path.Combine(repository, "src", RootNamespace);
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: s_netPreprocessorSymbols);
        var trees = System.IO.Directory.EnumerateFiles(engineDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !Repository.IsBuildOutput(Path.GetRelativePath(engineDirectory, path)))
            .Order(StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(
                File.ReadAllText(path), parseOptions, Path.GetRelativePath(repository, path).Replace('\\', '/')))
            .ToList();
        var compilation = CSharpCompilation.Create(
            RootNamespace,
            trees,
            TestRunReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // Files are read in parallel (a semantic model per file; the compilation is shared and thread-safe), in order.
        var jsonContexts = JsonContexts(trees);
        var files = trees.AsParallel().AsOrdered().Select(tree => ReadFile(compilation.GetSemanticModel(tree), jsonContexts)).ToList();
        return new EngineSource(
            MostSpecificPerLine(files.SelectMany(file => file.Dependencies)),
            files.SelectMany(file => file.Namespaces).ToList(),
            files.SelectMany(file => file.Types).ToList(),
            files.SelectMany(file => file.UnexpectedErrors).ToList());
    }

    /// <summary>
    /// One file's uses of other folders, declarations and compile errors. The errors come from the same semantic
    /// model as the uses, which reuses what it has bound already.
    /// </summary>
    private static FileFacts ReadFile(SemanticModel model, IReadOnlyList<ClassDeclarationSyntax> jsonContexts)
    {
        var fileFolder = FileFolder(model.SyntaxTree.FilePath);
        return new FileFacts(
            UsesOfOtherFolders(model, fileFolder).ToList(),
            Declarations(model, fileFolder, node => node is BaseNamespaceDeclarationSyntax).ToList(),
            Declarations(model, fileFolder, node => node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax).ToList(),
            model.GetDiagnostics()
                .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error && !IsForGeneratedJsonContext(diagnostic, jsonContexts))
                .Select(diagnostic => diagnostic.ToString())
                .ToList());
    }

    /// <summary>Each use once per line, and a type not again beside a member of it (AnalyticsApi.MaxDetailsPageSize).</summary>
    private static List<FolderDependency> MostSpecificPerLine(IEnumerable<FolderDependency> dependencies)
    {
        var distinct = dependencies.Distinct().ToList();
        var byLine = distinct.ToLookup(dependency => dependency.Location);
        return distinct
            .Where(dependency => !byLine[dependency.Location]
                .Any(other => other.Used.StartsWith(dependency.Used + ".", StringComparison.Ordinal)))
            .ToList();
    }

    private sealed record FileFacts(
        List<FolderDependency> Dependencies, List<Declaration> Namespaces, List<Declaration> Types, List<string> UnexpectedErrors);

    /// <summary>
    /// The runtime's assemblies and every other assembly beside this test (Polly, Microsoft.Extensions.*,
    /// GenesysConvo.Models); not the compiled engine, whose types the source declares.
    /// </summary>
    private static IEnumerable<MetadataReference> TestRunReferences()
    {
        var trustedPlatform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator);
        var besideTheTest = System.IO.Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        var excluded = new[] { RootNamespace, typeof(EngineSource).Assembly.GetName().Name };
        return trustedPlatform.Concat(besideTheTest)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(path => !excluded.Contains(Path.GetFileNameWithoutExtension(path)))
            .DistinctBy(path => Path.GetFileName(path), StringComparer.OrdinalIgnoreCase)
            .Where(IsManagedAssembly)
            .Select(path => MetadataReference.CreateFromFile(path));
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The generator writes a JSON context's constructor, its overrides and one property per serializable type (the
    /// classes marked [JsonSerializable]: ApiJson, ExportJson); without it the class misses them (errors at its
    /// declaration) and every use of such a property fails to bind (CS0117 naming the context).
    /// </summary>
    private static bool IsForGeneratedJsonContext(Diagnostic diagnostic, IReadOnlyList<ClassDeclarationSyntax> contexts)
    {
        var inContext = contexts.Any(type => type.SyntaxTree == diagnostic.Location.SourceTree && type.Span.Contains(diagnostic.Location.SourceSpan));
        var usesContext = diagnostic.Id == "CS0117"
            && contexts.Any(type => diagnostic.GetMessage().StartsWith($"'{type.Identifier.Text}' ", StringComparison.Ordinal));
        return inContext || usesContext;
    }

    private static List<ClassDeclarationSyntax> JsonContexts(IEnumerable<SyntaxTree> trees) => trees
        .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
        .Where(type => type.AttributeLists.SelectMany(list => list.Attributes).Any(a => a.Name.ToString() == "JsonSerializable"))
        .ToList();

    private static IEnumerable<FolderDependency> UsesOfOtherFolders(SemanticModel model, string? fileFolder)
    {
        if (fileFolder is null) yield break;
        // Names in namespace declarations resolve to namespaces, which belong to no folder; usings are skipped.
        var namingNodes = model.SyntaxTree.GetRoot()
            .DescendantNodes(descendIntoChildren: node => node is not UsingDirectiveSyntax)
            .Where(node => node is ExpressionSyntax or ConstructorInitializerSyntax);
        foreach (var node in namingNodes)
        {
            var symbol = model.GetSymbolInfo(node).Symbol;
            var typeInfo = model.GetTypeInfo(node);
            var named = TypesOf(symbol).Select(type => (Type: type, Member: symbol));
            var implied = TypesOf(typeInfo.Type).Concat(TypesOf(typeInfo.ConvertedType))
                .Select(type => (Type: type, Member: (ISymbol?)null));
            foreach (var (type, member) in named.Concat(implied))
            {
                if (FolderOf(type.ContainingNamespace.ToDisplayString()) is { } to && to != fileFolder)
                {
                    yield return new FolderDependency(fileFolder, to, Location(node), Describe(type, member));
                }
            }
        }
    }

    /// <summary>The engine types a symbol stands for or belongs to: a member's type, a type's type arguments.</summary>
    private static IEnumerable<INamedTypeSymbol> TypesOf(ISymbol? symbol) => symbol switch
    {
        IErrorTypeSymbol => [],
        INamedTypeSymbol type => [type, .. type.TypeArguments.SelectMany(TypesOf)],
        IArrayTypeSymbol array => TypesOf(array.ElementType),
        IPointerTypeSymbol pointer => TypesOf(pointer.PointedAtType),
        IAliasSymbol alias => TypesOf(alias.Target),
        IMethodSymbol method => [.. TypesOf(method.ContainingType), .. method.TypeArguments.SelectMany(TypesOf)],
        IPropertySymbol or IFieldSymbol or IEventSymbol => TypesOf(symbol.ContainingType),
        _ => [], // namespaces, type parameters, locals, parameters, labels: their types are read where they are used
    };

    /// <summary>The type used and, where a member of it was named, the member: MetricCatalog.Find.</summary>
    private static string Describe(INamedTypeSymbol type, ISymbol? member) =>
        member is null or ITypeSymbol or IMethodSymbol { MethodKind: MethodKind.Constructor }
            || !SymbolEqualityComparer.Default.Equals(member.ContainingType, type)
            ? type.OriginalDefinition.ToDisplayString()
            : $"{type.OriginalDefinition.ToDisplayString()}.{member.Name}";

    private static IEnumerable<Declaration> Declarations(SemanticModel model, string? fileFolder, Func<SyntaxNode, bool> declares)
    {
        foreach (var node in model.SyntaxTree.GetRoot().DescendantNodes().Where(declares))
        {
            var symbol = model.GetDeclaredSymbol(node) ?? throw new InvalidOperationException($"No symbol for {Location(node)}");
            var ns = symbol as INamespaceSymbol ?? symbol.ContainingNamespace;
            yield return new Declaration(fileFolder, ns.ToDisplayString(), symbol.ToDisplayString(), Location(node));
        }
    }

    private static string Location(SyntaxNode node) =>
        $"{node.SyntaxTree.FilePath}:{node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}";

    /// <summary>The first folder under src/GenesysConvo.Core of a repository-relative path; null for a file at its top.</summary>
    private static string? FileFolder(string relativePath)
    {
        var segments = relativePath.Split('/');
        return segments.Length > 3 ? segments[2] : null;
    }

}
