// Reference stub of nanoFramework.TestFramework 3.0.80 (the 1.x, no-generics line).
using System;

namespace nanoFramework.TestFramework
{
    [AttributeUsage(AttributeTargets.Class)]
    public class TestClassAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method)]
    public class TestMethodAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method)]
    public class SetupAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method)]
    public class CleanupAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters) { }
        public object[] MethodParameters { get { throw null; } }
    }

    public sealed class Assert
    {
        public static void AreEqual(bool expected, bool actual, string message = "") { throw null; }
        public static void AreEqual(byte expected, byte actual, string message = "") { throw null; }
        public static void AreEqual(char expected, char actual, string message = "") { throw null; }
        public static void AreEqual(int expected, int actual, string message = "") { throw null; }
        public static void AreEqual(long expected, long actual, string message = "") { throw null; }
        public static void AreEqual(uint expected, uint actual, string message = "") { throw null; }
        public static void AreEqual(ulong expected, ulong actual, string message = "") { throw null; }
        public static void AreEqual(ushort expected, ushort actual, string message = "") { throw null; }
        public static void AreEqual(string expected, string actual, string message = "") { throw null; }
        public static void AreEqual(DateTime expected, DateTime actual, string message = "") { throw null; }
        public static void AreEqual(object expected, object actual, string message = "") { throw null; }
        public static void AreNotEqual(int notExpected, int actual, string message = "") { throw null; }
        public static void AreNotEqual(object notExpected, object actual, string message = "") { throw null; }
        public static void AreSame(object expected, object actual, string message = "") { throw null; }
        public static void IsTrue(bool condition, string message = "") { throw null; }
        public static void IsFalse(bool condition, string message = "") { throw null; }
        public static void IsNull(object value, string message = "") { throw null; }
        public static void IsNotNull(object value, string message = "") { throw null; }
        public static void ThrowsException(Type exceptionType, Action action, string message = "") { throw null; }
        public static void SkipTest(string message = null) { throw null; }
    }

    public static class OutputHelper
    {
        public static void WriteLine(string message) { throw null; }
    }
}

// TestFrameworkShared/AssertFailedException.cs declares it in its own namespace.
namespace TestFrameworkShared
{
    public class AssertFailedException : Exception
    {
        public AssertFailedException() { }
        public AssertFailedException(string msg) { }
        public AssertFailedException(string msg, Exception ex) { }
    }
}
