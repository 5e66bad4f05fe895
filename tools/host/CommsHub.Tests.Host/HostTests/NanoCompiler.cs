using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CommsHub.Tests.HostTests
{
    /// <summary>
    /// Compiles C# the way the device build does: no standard library, nanoFramework's real mscorlib (from the
    /// nanoFramework.CoreLibrary package) and the reference stubs of the packages NuGet does not serve (built here
    /// from their sources), C# 10. Used to prove the API check catches what it must.
    /// </summary>
    public static class NanoCompiler
    {
        public static readonly CSharpParseOptions Parse = new CSharpParseOptions(LanguageVersion.CSharp10);

        private static readonly Lazy<Dictionary<string, MetadataReference>> Stubs = new(BuildStubs);

        public static MetadataReference Stub(string package) => Stubs.Value[package];

        public static IReadOnlyCollection<MetadataReference> AllStubs => Stubs.Value.Values;

        public static Compilation Compile(string assemblyName, IEnumerable<SyntaxTree> trees, IEnumerable<MetadataReference> references) =>
            CSharpCompilation.Create(assemblyName, trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));

        public static SyntaxTree Tree(string path, string text) => CSharpSyntaxTree.ParseText(text, Parse, path);

        public static IEnumerable<SyntaxTree> TreesUnder(string relativeFolder) =>
            Directory.EnumerateFiles(RepoPaths.Of(relativeFolder), "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => Tree(Path.GetRelativePath(RepoPaths.Root, p).Replace('\\', '/'), File.ReadAllText(p)));

        /// <summary>Errors as csc reports them: some (missing compiler-required members) only appear when emitting.</summary>
        public static Diagnostic[] Errors(Compilation compilation)
        {
            using var sink = new MemoryStream();
            return compilation.Emit(sink).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        }

        public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));

        private static Dictionary<string, MetadataReference> BuildStubs()
        {
            var built = new Dictionary<string, MetadataReference>();
            MetadataReference core = MetadataReference.CreateFromFile(RealMscorlibPath);
            built["nanoFramework.CoreLibrary"] = core;

            // Runtime.Events first: the GPIO stub's event arguments derive from its BaseEvent.
            var order = Directory.GetDirectories(RepoPaths.Of("tools/nanoframework-stubs")).Where(d => Directory.EnumerateFiles(d, "*.csproj").Any()).Select(Path.GetFileName)
                .OrderBy(p => p == "nanoFramework.Runtime.Events" ? 0 : 1).ThenBy(p => p, StringComparer.Ordinal);
            foreach (string package in order)
            {
                built[package] = Emit(package, package, built.Values.ToArray());
            }

            return built;
        }

        /// <summary>lib/mscorlib.dll of the restored nanoFramework.CoreLibrary package.</summary>
        public static string RealMscorlibPath =>
            typeof(NanoCompiler).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "NanoMscorlib").Value;

        private static MetadataReference Emit(string package, string assemblyName, MetadataReference[] references)
        {
            var trees = TreesUnder("tools/nanoframework-stubs/" + package);
            Compilation compilation = Compile(assemblyName, trees, references);
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            if (!result.Success)
            {
                throw new InvalidOperationException("Stub " + package + " does not compile:" + Environment.NewLine + Describe(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }

            return MetadataReference.CreateFromImage(image.ToArray());
        }
    }
}
