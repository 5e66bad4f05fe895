using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace CommsHub.Tests.HostTests
{
    /// <summary>The device assemblies as Roslyn compilations over the real files, optionally with one line injected.</summary>
    public static class DeviceSources
    {

        public static Compilation Zigbee() =>
            NanoCompiler.Compile("CommsHub.Zigbee", NanoCompiler.TreesUnder("CommsHub.Zigbee"), new[] { NanoCompiler.Stub("nanoFramework.CoreLibrary") });

        /// <summary>
        /// The firmware; with <paramref name="injectInto"/>, <paramref name="statement"/> is added as a new line right
        /// after the first line containing <paramref name="after"/>, as a developer would add it.
        /// </summary>
        public static Compilation Firmware(string injectInto = null, string after = null, string statement = null)
        {
            IEnumerable<SyntaxTree> trees = NanoCompiler.TreesUnder("CommsHub.Firmware").Concat(NanoCompiler.TreesUnder("boards/esp32-devkitc-mrf24j40"));
            if (injectInto != null)
            {
                trees = trees.Select(t => t.FilePath != injectInto ? t : NanoCompiler.Tree(t.FilePath, Inject(t.GetText().ToString(), after, statement)));
            }

            var references = NanoCompiler.AllStubs.Where(r => r != NanoCompiler.Stub("nanoFramework.TestFramework")).ToList();
            references.Add(Zigbee().ToMetadataReference());
            return NanoCompiler.Compile("CommsHub.Firmware", trees, references);
        }

        /// <summary>Zero-based line number the injected statement lands on.</summary>
        public static int InjectedLine(string relativeFile, string after) =>
            Array.FindIndex(File.ReadAllLines(RepoPaths.Of(relativeFile)), l => l.Contains(after)) + 1;

        private static string Inject(string text, string after, string statement)
        {
            var lines = text.Split('\n').ToList();
            int at = lines.FindIndex(l => l.Contains(after));
            if (at < 0)
            {
                throw new InvalidOperationException("no line contains '" + after + "'");
            }

            lines.Insert(at + 1, "            " + statement);
            return string.Join("\n", lines);
        }
    }
}
