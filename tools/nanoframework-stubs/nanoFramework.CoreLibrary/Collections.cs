namespace System.Collections
{
    public interface IEnumerable { IEnumerator GetEnumerator(); }

    public interface IEnumerator
    {
        object Current { get; }
        bool MoveNext();
        void Reset();
    }

    public interface ICollection : IEnumerable
    {
        int Count { get; }
        object SyncRoot { get; }
        bool IsSynchronized { get; }
        void CopyTo(Array array, int index);
    }

    public interface IList : ICollection
    {
        object this[int index] { get; set; }
        int Add(object value);
        bool Contains(object value);
        void Clear();
        bool IsReadOnly { get; }
        bool IsFixedSize { get; }
        int IndexOf(object value);
        void Insert(int index, object value);
        void Remove(object value);
        void RemoveAt(int index);
    }

    // ArrayList lives in nanoFramework's mscorlib, unlike Hashtable and Queue.
    public class ArrayList : IList
    {
        public ArrayList() { }
        public virtual int Capacity { get { throw null; } set { } }
        public virtual int Count { get { throw null; } }
        public virtual bool IsFixedSize { get { throw null; } }
        public virtual bool IsReadOnly { get { throw null; } }
        public virtual bool IsSynchronized { get { throw null; } }
        public virtual object SyncRoot { get { throw null; } }
        public virtual object this[int index] { get { throw null; } set { } }
        public virtual int Add(object value) { throw null; }
        public virtual void Clear() { throw null; }
        public virtual bool Contains(object item) { throw null; }
        public virtual void CopyTo(Array array, int index) { throw null; }
        public virtual IEnumerator GetEnumerator() { throw null; }
        public virtual int IndexOf(object value) { throw null; }
        public virtual void Insert(int index, object value) { throw null; }
        public virtual void Remove(object obj) { throw null; }
        public virtual void RemoveAt(int index) { throw null; }
        public virtual object[] ToArray() { throw null; }
        public virtual Array ToArray(Type type) { throw null; }
    }
}
