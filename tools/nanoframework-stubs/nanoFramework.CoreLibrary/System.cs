// Reference stub of nanoFramework.CoreLibrary 1.17.11 (mscorlib): see ../README.md for how each member was checked.
namespace System
{
    public class Object
    {
        public Object() { }
        public virtual bool Equals(object obj) { throw null; }
        public static bool Equals(object objA, object objB) { throw null; }
        public static bool ReferenceEquals(object objA, object objB) { throw null; }
        public virtual int GetHashCode() { throw null; }
        public Type GetType() { throw null; }
        public virtual string ToString() { throw null; }
        ~Object() { }
    }

    public abstract class ValueType { }
    public abstract class Enum : ValueType { public bool HasFlag(Enum flag) { throw null; } }
    public struct Void { }
    public struct Boolean { public override string ToString() { throw null; } }
    public struct Char { public override string ToString() { throw null; } }
    public struct SByte { public override string ToString() { throw null; } }
    public struct Byte { public const byte MaxValue = 0xFF; public const byte MinValue = 0; public override string ToString() { throw null; } public string ToString(string format) { throw null; } }
    public struct Int16 { public override string ToString() { throw null; } }
    public struct UInt16 { public const ushort MaxValue = 0xFFFF; public const ushort MinValue = 0; public override string ToString() { throw null; } public string ToString(string format) { throw null; } }
    public struct Int32 { public const int MaxValue = 2147483647; public const int MinValue = -2147483648; public override string ToString() { throw null; } public string ToString(string format) { throw null; } }
    public struct UInt32 { public const uint MaxValue = 0xFFFFFFFF; public const uint MinValue = 0; public override string ToString() { throw null; } public string ToString(string format) { throw null; } }
    public struct Int64 { public const long MaxValue = 0x7FFFFFFFFFFFFFFFL; public const long MinValue = unchecked((long)0x8000000000000000L); public override string ToString() { throw null; } public string ToString(string format) { throw null; } }
    public struct UInt64 { public override string ToString() { throw null; } public string ToString(string format) { throw null; } }
    public struct Single { public override string ToString() { throw null; } }
    public struct Double { public override string ToString() { throw null; } }
    public struct IntPtr { }
    public struct UIntPtr { }
    public struct RuntimeTypeHandle { }
    public struct RuntimeFieldHandle { }
    public struct RuntimeMethodHandle { }

    public abstract class Type
    {
        public static Type GetTypeFromHandle(RuntimeTypeHandle handle) { throw null; }
        public abstract string FullName { get; }
        public abstract string Name { get; }
    }

    public sealed class String
    {
        public static readonly string Empty = "";
        public String(char[] value) { }
        public String(char c, int count) { }
        public String(char[] value, int startIndex, int length) { }
        public int Length { get { throw null; } }
        [System.Runtime.CompilerServices.IndexerName("Chars")]
        public char this[int index] { get { throw null; } }
        public static bool operator ==(string a, string b) { throw null; }
        public static bool operator !=(string a, string b) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public static bool Equals(string a, string b) { throw null; }
        public override string ToString() { throw null; }
        public static string Concat(object arg0) { throw null; }
        public static string Concat(object arg0, object arg1) { throw null; }
        public static string Concat(object arg0, object arg1, object arg2) { throw null; }
        public static string Concat(params object[] args) { throw null; }
        public static string Concat(string str0, string str1) { throw null; }
        public static string Concat(string str0, string str1, string str2) { throw null; }
        public static string Concat(string str0, string str1, string str2, string str3) { throw null; }
        public static string Concat(params string[] values) { throw null; }
        public static string Format(string format, params object[] args) { throw null; }
        public static bool IsNullOrEmpty(string value) { throw null; }
        public string Substring(int startIndex) { throw null; }
        public string Substring(int startIndex, int length) { throw null; }
        public int IndexOf(char value) { throw null; }
        public int IndexOf(string value) { throw null; }
        public bool StartsWith(string value) { throw null; }
        public bool EndsWith(string value) { throw null; }
        public bool Contains(string value) { throw null; }
        public string Trim() { throw null; }
        public string ToUpper() { throw null; }
        public string ToLower() { throw null; }
        public string[] Split(params char[] separator) { throw null; }
        public char[] ToCharArray() { throw null; }
        public string PadLeft(int totalWidth, char paddingChar = ' ') { throw null; }
        public string PadRight(int totalWidth, char paddingChar = ' ') { throw null; }
    }

    public abstract class Array : System.Collections.IList
    {
        public int Length { get { throw null; } }
        public static void Copy(Array sourceArray, Array destinationArray, int length) { throw null; }
        public static void Copy(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length) { throw null; }
        public static void Clear(Array array, int index, int length) { throw null; }
        // No Clone: it exists only in reflection-enabled mscorlib builds.
        public static int IndexOf(Array array, object value) { throw null; }
        object System.Collections.IList.this[int index] { get { throw null; } set { throw null; } }
        int System.Collections.IList.Add(object value) { throw null; }
        bool System.Collections.IList.Contains(object value) { throw null; }
        void System.Collections.IList.Clear() { throw null; }
        int System.Collections.IList.IndexOf(object value) { throw null; }
        void System.Collections.IList.Insert(int index, object value) { throw null; }
        void System.Collections.IList.Remove(object value) { throw null; }
        void System.Collections.IList.RemoveAt(int index) { throw null; }
        bool System.Collections.IList.IsReadOnly { get { throw null; } }
        bool System.Collections.IList.IsFixedSize { get { throw null; } }
        int System.Collections.ICollection.Count { get { throw null; } }
        object System.Collections.ICollection.SyncRoot { get { throw null; } }
        bool System.Collections.ICollection.IsSynchronized { get { throw null; } }
        public void CopyTo(Array array, int index) { throw null; }
        public System.Collections.IEnumerator GetEnumerator() { throw null; }
    }

    public interface IDisposable { void Dispose(); }
    public interface IAsyncResult { }

    public abstract class Delegate
    {
        public static Delegate Combine(Delegate a, Delegate b) { throw null; }
        public static Delegate Remove(Delegate source, Delegate value) { throw null; }
    }

    public abstract class MulticastDelegate : Delegate { }
    public delegate void AsyncCallback(IAsyncResult ar);
    public delegate void Action();
    public delegate void EventHandler(object sender, EventArgs e);
    public class EventArgs { public static readonly EventArgs Empty = new EventArgs(); }

    public abstract class Attribute { }

    public abstract class MarshalByRefObject { }

    [Flags]
    public enum AttributeTargets
    {
        Assembly = 0x0001, Module = 0x0002, Class = 0x0004, Struct = 0x0008, Enum = 0x0010, Constructor = 0x0020,
        Method = 0x0040, Property = 0x0080, Field = 0x0100, Event = 0x0200, Interface = 0x0400, Parameter = 0x0800,
        Delegate = 0x1000, ReturnValue = 0x2000, GenericParameter = 0x4000, All = 0x7FFF
    }

    public sealed class AttributeUsageAttribute : Attribute
    {
        public AttributeUsageAttribute(AttributeTargets validOn) { }
        public bool AllowMultiple { get { throw null; } set { } }
        public bool Inherited { get { throw null; } set { } }
    }

    public sealed class ParamArrayAttribute : Attribute { }
    public class FlagsAttribute : Attribute { }
    public sealed class SerializableAttribute : Attribute { }
    public sealed class CLSCompliantAttribute : Attribute { public CLSCompliantAttribute(bool isCompliant) { } }

    public sealed class ObsoleteAttribute : Attribute
    {
        public ObsoleteAttribute() { }
        public ObsoleteAttribute(string message) { }
        public ObsoleteAttribute(string message, bool error) { }
    }

    public static class Console
    {
        public static void Write(string value) { throw null; }
        public static void WriteLine() { throw null; }
        public static void WriteLine(string value) { throw null; }
    }
}

namespace System
{
    public class Random
    {
        public Random() { }
        public Random(int seed) { }
        public virtual int Next() { throw null; }
        public virtual int Next(int maxValue) { throw null; }
        public virtual void NextBytes(byte[] buffer) { throw null; }
    }
}
