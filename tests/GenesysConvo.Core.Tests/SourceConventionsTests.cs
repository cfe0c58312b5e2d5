using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>
/// Size limits on every C# file under src/, read from syntax trees. A failure lists every offender, worst first,
/// so one run gives the whole to-do list.
/// </summary>
public sealed class SourceConventionsTests
{
    private const int MaxFileLines = 400;
    private const int MaxMethodLines = 60;
    private const int MaxLineLength = 140; // .editorconfig's max_line_length for *.cs

    // The engine builds for netstandard2.0 and net8.0: parsing with each one's symbols measures a member
    // wherever it sits in an #if NET … #else … block.
    private static readonly string[][] s_preprocessorSymbolSets =
    [
        ["NETSTANDARD", "NETSTANDARD2_0"],
        ["NET", "NETCOREAPP", "NET8_0", "NET8_0_OR_GREATER"],
    ];

    private static readonly Lazy<IReadOnlyList<SourceFile>> s_sources = new(ReadSources);

    [Fact]
    public void No_source_file_is_over_400_lines()
    {
        var offenders = s_sources.Value
            .Select(file => new Offender(file.Path, null, null, LineCount(file.Text), "lines"))
            .Where(file => file.Size > MaxFileLines);

        AssertNone(offenders, $"files over {MaxFileLines} lines");
    }

    [Fact]
    public void No_method_is_over_60_lines()
    {
        var offenders = s_sources.Value
            .SelectMany(MeasureMethods)
            .Distinct()
            .Where(method => method.Size > MaxMethodLines);

        AssertNone(offenders, $"methods over {MaxMethodLines} lines (declaration after attributes, to its closing brace or ;)");
    }

    [Fact]
    public void No_line_is_over_140_characters()
    {
        var offenders = s_sources.Value.SelectMany(file => file.Text.Lines
            .Where(line => line.Span.Length > MaxLineLength)
            .Select(line => new Offender(file.Path, line.LineNumber + 1, null, line.Span.Length, "chars")));

        AssertNone(offenders, $"lines over {MaxLineLength} characters");
    }

    private static void AssertNone(IEnumerable<Offender> offenders, string rule)
    {
        var worstFirst = offenders
            .OrderByDescending(offender => offender.Size)
            .ThenBy(offender => offender.Path, StringComparer.Ordinal)
            .ThenBy(offender => offender.Line)
            .ToList();
        if (worstFirst.Count > 0)
        {
            Assert.Fail($"{worstFirst.Count} {rule}:{Environment.NewLine}{string.Join(Environment.NewLine, worstFirst)}");
        }
    }

    /// <summary>Lines as an editor numbers them: the empty remainder after the final newline is no line.</summary>
    private static int LineCount(SourceText text) =>
        text.Lines.Count > 0 && text.Lines[^1].Span.IsEmpty ? text.Lines.Count - 1 : text.Lines.Count;

    private static IEnumerable<Offender> MeasureMethods(SourceFile file) =>
        file.Trees.SelectMany(tree => tree.GetRoot().DescendantNodes())
            .Where(IsMethodLike)
            .Select(node => Measure(file, node));

    /// <summary>
    /// Everything with a body of statements or an expression: methods, constructors, finalizers, operators,
    /// local functions, accessors, and expression-bodied properties and indexers (a getter without the keyword).
    /// Lambdas are not listed: they count as part of the method that holds them.
    /// </summary>
    private static bool IsMethodLike(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax => true,
        BasePropertyDeclarationSyntax property => ExpressionBody(property) is not null,
        _ => false,
    };

    private static ArrowExpressionClauseSyntax? ExpressionBody(BasePropertyDeclarationSyntax property) => property switch
    {
        PropertyDeclarationSyntax p => p.ExpressionBody,
        IndexerDeclarationSyntax i => i.ExpressionBody,
        _ => null,
    };

    private static Offender Measure(SourceFile file, SyntaxNode node)
    {
        // Doc comments are trivia, outside the span; attributes are inside it and skipped here.
        var attributes = node switch
        {
            MemberDeclarationSyntax member => member.AttributeLists,
            AccessorDeclarationSyntax accessor => accessor.AttributeLists,
            LocalFunctionStatementSyntax local => local.AttributeLists,
            _ => default,
        };
        var firstToken = attributes.Count > 0 ? attributes.Last().GetLastToken().GetNextToken() : node.GetFirstToken();
        var lines = node.SyntaxTree.GetText().Lines;
        var first = lines.GetLineFromPosition(firstToken.SpanStart).LineNumber;
        var last = lines.GetLineFromPosition(node.Span.End).LineNumber;
        return new Offender(file.Path, first + 1, QualifiedName(node), last - first + 1, "lines");
    }

    /// <summary>Type.Member[.LocalFunction|.accessor], e.g. GenesysConnection.Names.get or ConversationMetrics.Map.</summary>
    private static string QualifiedName(SyntaxNode node) =>
        string.Join(".", node.AncestorsAndSelf().Select(NameOf).OfType<string>().Reverse());

    private static string? NameOf(SyntaxNode node) => node switch
    {
        BaseTypeDeclarationSyntax type => type.Identifier.Text,
        MethodDeclarationSyntax method => method.Identifier.Text,
        ConstructorDeclarationSyntax => "ctor",
        DestructorDeclarationSyntax destructor => "~" + destructor.Identifier.Text,
        OperatorDeclarationSyntax op => "operator " + op.OperatorToken.Text,
        ConversionOperatorDeclarationSyntax conversion => $"{conversion.ImplicitOrExplicitKeyword.Text} operator {conversion.Type}",
        LocalFunctionStatementSyntax local => local.Identifier.Text,
        PropertyDeclarationSyntax property => property.Identifier.Text,
        IndexerDeclarationSyntax => "this[]",
        EventDeclarationSyntax @event => @event.Identifier.Text,
        AccessorDeclarationSyntax accessor => accessor.Keyword.Text,
        _ => null,
    };

    private static IReadOnlyList<SourceFile> ReadSources()
    {
        var root = Repository.Root;
        var src = Path.Combine(root, "src");
        return System.IO.Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !Repository.IsBuildOutput(Path.GetRelativePath(src, path)))
            .Select(path => Read(path, Path.GetRelativePath(root, path).Replace('\\', '/')))
            .ToList();
    }

    private static SourceFile Read(string path, string relativePath)
    {
        var text = SourceText.From(File.ReadAllText(path));
        var trees = s_preprocessorSymbolSets
            .Select(symbols => new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: symbols))
            .Select(options => CSharpSyntaxTree.ParseText(text, options))
            .ToList();
        return new SourceFile(relativePath, text, trees);
    }

    private sealed record SourceFile(string Path, SourceText Text, IReadOnlyList<SyntaxTree> Trees);

    /// <summary>One thing over its limit; Line and Name are absent where the whole file is the offender.</summary>
    private sealed record Offender(string Path, int? Line, string? Name, int Size, string Unit)
    {
        public override string ToString() =>
            (Line is null ? Path : $"{Path}:{Line}") + (Name is null ? "" : $"  {Name}") + $"  {Size} {Unit}";
    }
}
