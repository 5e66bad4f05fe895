using System;
using System.IO;

namespace CommsHub.Tests.HostTests
{
    /// <summary>Finds the repository from the test binary, so tests read the real device sources and project files.</summary>
    public static class RepoPaths
    {
        public static readonly string Root = Find();

        public static string Of(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

        private static string Find()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "nanoFramework.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("nanoFramework.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
