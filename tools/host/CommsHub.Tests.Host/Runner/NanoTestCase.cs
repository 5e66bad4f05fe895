using System;
using System.Linq;
using System.Reflection;

namespace CommsHub.Tests.Runner
{
    /// <summary>One [TestMethod], or one [DataRow] of it.</summary>
    public sealed class NanoTestCase
    {
        public NanoTestCase(Type testClass, MethodInfo method, object[] row, int rowIndex)
        {
            TestClass = testClass;
            Method = method;
            Row = row ?? Array.Empty<object>();
            Id = $"{testClass.FullName}.{method.Name}" + (row == null ? string.Empty : $"#{rowIndex}");
            DisplayName = $"{testClass.Name}.{method.Name}" + (row == null ? string.Empty : "(" + string.Join(", ", Row.Select(Show)) + ")");
        }

        public Type TestClass { get; }

        public MethodInfo Method { get; }

        public object[] Row { get; }

        public string Id { get; }

        public string DisplayName { get; }

        private static string Show(object value) => value switch
        {
            null => "null",
            string s => "\"" + s + "\"",
            _ => value.ToString(),
        };
    }
}
