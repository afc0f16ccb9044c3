import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The files and folders of the host's `/etc` that other users may not read: `/etc/shadow`,
/// `sudoers`, SSH host keys, `/etc/ssl/private` and the like.
///
/// The sandbox shows `/etc` read-only as it is, which is what a reader's commands expect (`passwd`,
/// `hosts`, the shell's start-up files). Run as an ordinary user, docgen could not read these paths
/// anyway; run as root (in a container, in CI) the sandbox's commands, which keep docgen's user,
/// could. The sandbox covers each of them: a file with the host's `/dev/null`, which the sandbox
/// mounts without devices, so reading it is refused ("Permission denied", as an ordinary user is
/// told), and a folder with an empty one.
enum UnreadableSystemPaths {
    /// One path to cover and whether it is a folder.
    struct Entry: Hashable, Sendable {
        var path: String
        var isFolder: Bool
    }

    /// The entries under `/etc`, found once per process (the walk takes milliseconds, a sandbox is
    /// made per page): /etc changes with packages, not during a build, though a `docgen serve`
    /// running while a package adds such a file covers it only after a restart.
    static let etc: [Entry] = find(under: "/etc")

    /// Every entry under `root` that others cannot read: a file without the others' read bit, or a
    /// folder without their read or search bit (its contents are then covered with it). Symbolic
    /// links are left alone: one that leads to a covered path reaches the cover.
    static func find(under root: String) -> [Entry] {
        var found: [Entry] = []
        var pending = [root]
        while let folder = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names {
                let path = folder + "/" + name
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                let kind = status.st_mode & S_IFMT
                let others = status.st_mode & 0o007
                if kind == S_IFDIR {
                    if others & 0o005 != 0o005 {
                        found.append(Entry(path: path, isFolder: true))
                    } else {
                        pending.append(path)
                    }
                } else if kind == S_IFREG, others & 0o004 == 0 {
                    found.append(Entry(path: path, isFolder: false))
                }
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}
