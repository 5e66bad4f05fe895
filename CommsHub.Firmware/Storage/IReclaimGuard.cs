namespace CommsHub.Storage
{
    /// <summary>Says whether a sector may be erased now: a log refuses the sector it is writing into.</summary>
    public interface IReclaimGuard
    {
        bool MayErase(int sectorAddress);
    }
}
