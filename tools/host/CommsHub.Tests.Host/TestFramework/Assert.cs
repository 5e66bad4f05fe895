using System;
using System.Runtime.CompilerServices;
using TestFrameworkShared;

namespace nanoFramework.TestFramework
{
    /// <summary>Same overloads and semantics as the device's Assert (no generics, exact-type ThrowsException).</summary>
    public sealed class Assert
    {
        public static void AreEqual(bool expected, bool actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(byte expected, byte actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(char expected, char actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(uint expected, uint actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(ulong expected, ulong actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(ushort expected, ushort actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(DateTime expected, DateTime actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);
        public static void AreEqual(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "") => Equal(expected, actual, message);

        public static void AreNotEqual(int notExpected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (notExpected == actual)
            {
                Fail("Assert.AreNotEqual", $"Expected any value except:<{notExpected}>. Actual:<{actual}>. {message}");
            }
        }

        public static void AreNotEqual(object notExpected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (Equals(notExpected, actual))
            {
                Fail("Assert.AreNotEqual", $"Expected any value except:<{Show(notExpected)}>. Actual:<{Show(actual)}>. {message}");
            }
        }

        public static void AreSame(object expected, object actual, [CallerArgumentExpression(nameof(actual))] string message = "")
        {
            if (!ReferenceEquals(expected, actual))
            {
                Fail("Assert.AreSame", message);
            }
        }

        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (!condition)
            {
                Fail("Assert.IsTrue", message);
            }
        }

        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "")
        {
            if (condition)
            {
                Fail("Assert.IsFalse", message);
            }
        }

        public static void IsNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value != null)
            {
                Fail("Assert.IsNull", $"Actual:<{Show(value)}>. {message}");
            }
        }

        public static void IsNotNull(object value, [CallerArgumentExpression(nameof(value))] string message = "")
        {
            if (value == null)
            {
                Fail("Assert.IsNotNull", message);
            }
        }

        /// <summary>Passes only for exactly <paramref name="exceptionType"/>, as on the device.</summary>
        public static void ThrowsException(Type exceptionType, Action action, [CallerArgumentExpression(nameof(action))] string message = "")
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is not AssertFailedException)
            {
                if (ex.GetType() != exceptionType)
                {
                    Fail("Assert.ThrowsException", $"Expected exception type:<{exceptionType}>. Actual exception type:<{ex.GetType()}>: {ex.Message}. {message}");
                }

                return;
            }

            Fail("Assert.ThrowsException", $"Expected exception type:<{exceptionType}> but no exception was thrown. {message}");
        }

        public static void SkipTest(string message = null) => throw new SkipTestException(message);

        private static void Equal(object expected, object actual, string message)
        {
            if (!Equals(expected, actual))
            {
                Fail("Assert.AreEqual", $"Expected:<{Show(expected)}>. Actual:<{Show(actual)}>. {message}");
            }
        }

        private static string Show(object value) => value == null ? "(null)" : value.ToString();

        private static void Fail(string assertion, string message) => throw new AssertFailedException(assertion + " failed. " + message);
    }
}
