using System;

namespace CommsHub.Zcl
{
    /// <summary>The attributes of one cluster server, kept in ascending id order as Discover Attributes needs.</summary>
    public sealed class ZclAttributeTable
    {
        private readonly ZclAttribute[] _attributes;

        public ZclAttributeTable(ZclAttribute[] attributes)
        {
            if (attributes == null)
            {
                throw new ArgumentNullException("attributes");
            }

            for (int i = 1; i < attributes.Length; i++)
            {
                if (attributes[i].Id <= attributes[i - 1].Id)
                {
                    throw new ArgumentException("attribute ids must be unique and ascending");
                }
            }

            _attributes = attributes;
        }

        public int Count
        {
            get { return _attributes.Length; }
        }

        public ZclAttribute At(int index)
        {
            return _attributes[index];
        }

        /// <summary>The attribute with <paramref name="id"/>, or null when the server does not have it.</summary>
        public ZclAttribute Find(ushort id)
        {
            for (int i = 0; i < _attributes.Length; i++)
            {
                if (_attributes[i].Id == id)
                {
                    return _attributes[i];
                }
            }

            return null;
        }

        /// <summary>Index of the first attribute whose id is at least <paramref name="id"/>; Count when none is.</summary>
        public int IndexFrom(ushort id)
        {
            int i = 0;
            while (i < _attributes.Length && _attributes[i].Id < id)
            {
                i++;
            }

            return i;
        }
    }
}
