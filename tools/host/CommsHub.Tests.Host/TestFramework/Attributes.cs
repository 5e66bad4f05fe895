using System;

namespace nanoFramework.TestFramework
{
    // Host implementation of the nanoFramework.TestFramework API, so test sources compile unchanged here.

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
        public DataRowAttribute(params object[] methodParameters)
        {
            MethodParameters = methodParameters ?? new object[] { null };
        }

        public object[] MethodParameters { get; }
    }


    public class SkipTestException : Exception
    {
        public SkipTestException(string message) : base(message) { }
    }

    public static class OutputHelper
    {
        public static void WriteLine(string message) => Console.WriteLine(message);
    }
}

namespace TestFrameworkShared
{
    public class AssertFailedException : Exception
    {
        public AssertFailedException() { }

        public AssertFailedException(string message) : base(message) { }
    }
}
