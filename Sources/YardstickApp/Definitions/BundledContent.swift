import Foundation

/// Where the bundled standards and forms are: `./standards` and `./forms` in a project folder, else
/// the copies `scripts/install.sh` puts beside the installed command (`<prefix>/share/yardstick`).
public enum BundledContent {
    /// The folders to register, in the order `load` takes them; empty when there are none.
    public static func folders() -> [String] {
        let local = ["standards", "forms"].filter(FileKind.isFolder)
        if !local.isEmpty { return local }
        guard let share = installedShareFolder else { return [] }
        return ["standards", "forms"].map { share + "/" + $0 }.filter(FileKind.isFolder)
    }

    /// `<prefix>/share/yardstick` for an executable at `<prefix>/bin/yardstick`.
    static var installedShareFolder: String? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let prefix = ((executable as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        let share = prefix + "/share/yardstick"
        return FileKind.isFolder(share) ? share : nil
    }
}
