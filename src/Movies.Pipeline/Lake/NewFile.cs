using System.Runtime.InteropServices;

namespace Movies.Pipeline.Lake;

/// <summary>Publishes a finished temp file under its final name only if no file has that name yet, atomically.
/// <c>File.Move(overwrite: false)</c> checks and then renames on Unix, so two racing writers can both "win";
/// <c>link(2)</c> fails with EEXIST instead, in one step.</summary>
internal static partial class NewFile
{
    private const int EEXIST = 17;

    /// <summary>True when <paramref name="temp"/> now also lives at <paramref name="path"/>; false when
    /// <paramref name="path"/> already existed. The caller deletes the temp file.</summary>
    public static bool TryPublish(string temp, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                // MoveFileEx without REPLACE_EXISTING is atomic on Windows.
                File.Move(temp, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }

        if (Link(temp, path) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == EEXIST ? false : throw new IOException($"Could not create {path}: {Marshal.GetPInvokeErrorMessage(error)}");
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);
}
