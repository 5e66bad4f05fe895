using System.Linq;
using Microsoft.CodeAnalysis;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.HostTests
{
    /// <summary>
    /// The API check must refuse what nanoFramework 1.x cannot run and accept what it can. Each snippet is
    /// compiled against the stubs exactly as the device sources are.
    /// </summary>
    [TestClass]
    public class ApiCheckTests
    {
        [TestMethod]
        public void CodeWrittenForNanoFrameworkCompiles()
        {
            const string ok = @"using System;
using System.Collections;
namespace Probe
{
    public delegate void Tick(int n);
    public sealed class Good
    {
        private readonly ArrayList _items = new ArrayList();
        private readonly object _gate = new object();
        public event Tick Ticked;
        public string Describe(byte b, int n)
        {
            lock (_gate) { _items.Add(n); }
            foreach (object o in _items) { n += (int)o; }
            byte[] table = new byte[] { 1, 2, 3 };
            SpanByte slice = new SpanByte(table, 1, 2);
            long now = DateTime.UtcNow.Ticks;
            if (Ticked != null) { Ticked(n); }
            return $""{b:X2}/{n}/{slice.Length}/{now}"" + string.Format(""{0}"", new object[] { n });
        }
    }
}";
            var errors = Errors(ok);
            Assert.AreEqual(0, errors.Length, NanoCompiler.Describe(errors));
        }

        [TestMethod]
        [DataRow("var l = new System.Collections.Generic.List<int>();", "CS0234")]
        [DataRow("var q = System.Linq.Enumerable.Empty();", "CS0234")]
        [DataRow("var q = from x in new int[] { 1 } select x;", "CS1935")]
        [DataRow("System.Span<byte> s = default;", "CS0234")]
        [DataRow("var t = System.DateTime.Now;", "CS0117")]
        [DataRow("System.FormattableString f = $\"{1}\";", "CS0234")]
        [DataRow("System.IFormattable f = $\"{1}\";", "CS0518")]
        [DataRow("System.Runtime.CompilerServices.DefaultInterpolatedStringHandler h = $\"{1}\";", "CS0234")]
        [DataRow("string line = System.Console.ReadLine();", "CS0117")]
        [DataRow("int? maybe = null;", "CS0518")]
        [DataRow("var pair = (1, 2);", "CS8179")]
        [DataRow("var kind = System.DateTimeKind.Local;", "CS0619")]
        [DataRow("var kind = System.DateTimeKind.Unspecified;", "CS0117")]
        [DataRow("var a = System.AttributeTargets.GenericParameter;", "CS0117")]
        public void WhatTheDeviceCannotRunFailsOnThatLine(string statement, string expectedError)
        {
            string source = "namespace Probe\n{\n    public static class Bad\n    {\n        public static void M()\n        {\n            " + statement + "\n        }\n    }\n}\n";
            var errors = Errors(source);

            Assert.IsTrue(errors.Length > 0, "compiled against the stubs: " + statement);
            var first = errors.First();
            Assert.IsTrue(errors.Any(e => e.Id == expectedError), statement + " gave " + NanoCompiler.Describe(errors));
            Assert.AreEqual("Probe.cs", first.Location.GetLineSpan().Path);
            Assert.AreEqual(6, first.Location.GetLineSpan().StartLinePosition.Line);
        }

        [TestMethod]
        public void TheCoreLibraryIsNanoFrameworksOwnMscorlib()
        {
            var compilation = NanoCompiler.Compile("Probe", new[] { NanoCompiler.Tree("Probe.cs", "class P { }") }, NanoCompiler.AllStubs);
            var core = compilation.ObjectType.ContainingAssembly.Identity;

            Assert.AreEqual("mscorlib", core.Name);
            Assert.AreEqual(1, core.Version.Major, "not nanoFramework's mscorlib: version " + core.Version);
            Assert.IsTrue(NanoCompiler.RealMscorlibPath.Replace('\\', '/').Contains("nanoframework.corelibrary/1.17.11/lib/mscorlib.dll"), NanoCompiler.RealMscorlibPath);
        }

        [TestMethod]
        public void AsyncMethodsFail()
        {
            var errors = Errors("namespace Probe { public static class Bad { public static async void M() { } } }");

            Assert.IsTrue(errors.Length > 0, "async compiled against the stubs");
        }

        [TestMethod]
        public void TheRealDeviceSourcesCompileAgainstTheStubs()
        {
            var errors = NanoCompiler.Errors(DeviceSources.Firmware());

            Assert.AreEqual(0, errors.Length, NanoCompiler.Describe(errors));
        }

        [TestMethod]
        public void AListInARealFirmwareFileFailsWithThatFileAndLine()
        {
            const string file = "CommsHub.Firmware/Hub/HubFirmware.cs";
            const string after = "_flash.Identify();";
            var errors = NanoCompiler.Errors(DeviceSources.Firmware(file, after, "var injected = new System.Collections.Generic.List<int>();"));

            Assert.AreEqual(1, errors.Length, NanoCompiler.Describe(errors));
            FileLinePositionSpan where = errors[0].Location.GetLineSpan();
            Assert.AreEqual(file, where.Path);
            Assert.AreEqual(DeviceSources.InjectedLine(file, after), where.StartLinePosition.Line);
            Assert.AreEqual("CS0234", errors[0].Id);
        }

        private static Diagnostic[] Errors(string source) =>
            NanoCompiler.Errors(NanoCompiler.Compile("Probe", new[] { NanoCompiler.Tree("Probe.cs", source) }, NanoCompiler.AllStubs));
    }
}
