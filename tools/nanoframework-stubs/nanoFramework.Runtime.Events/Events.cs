// Reference stub of nanoFramework.Runtime.Events 1.11.39: only the base class of GPIO's event arguments.
namespace nanoFramework.Runtime.Events
{
    // BaseEvent.cs
    public class BaseEvent
    {
        public ushort Source;
        public byte Message;
    }
}
