import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path on disk is, from `stat`/`lstat`: content loading must tell regular files from
/// folders, pipes, devices, dangling links and link loops before it opens anything, because
/// reading a FIFO blocks forever and a device may never end.
enum FileKind: Equatable, Sendable {
    case regular, directory, symbolicLink, fifo, socket, device, other
    /// `stat` failed: the path (or a dangling link's target) does not exist.
    case missing
    /// `stat` failed with ELOOP: symbolic links lead back to themselves.
    case loop
    /// `stat` failed for another reason, described by `strerror`.
    case failed(String)

    /// The kind and size of the open file `descriptor` (from `fstat`), or nil when it cannot be examined.
    static func ofOpenFile(_ descriptor: Int32) -> (kind: FileKind, size: Int)? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return (FileKind(mode: info.st_mode), Int(info.st_size))
    }

    /// The kind of `path`; with `followingLinks`, of what a symbolic link points to.
    init(path: String, followingLinks: Bool) {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else {
            let error = errno
            switch error {
            case ENOENT, ENOTDIR: self = .missing
            case ELOOP: self = .loop
            default: self = .failed(String(cString: strerror(error)))
            }
            return
        }
        self.init(mode: info.st_mode)
    }

    /// The kind a `stat` mode stands for.
    private init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR, S_IFBLK: self = .device
        default: self = .other
        }
    }

    /// Why a file of this kind cannot be read as a page, or nil for a regular file.
    /// `path` is used to name a dangling link's target.
    func unreadableReason(path: String) -> String? {
        let target = { (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?" }
        switch self {
        case .regular: return nil
        case .directory: return "it is a folder, not a file"
        case .symbolicLink: return "it is a symbolic link"
        case .fifo: return "it is a named pipe (FIFO), not a regular file; reading it would wait forever"
        case .socket: return "it is a socket, not a regular file"
        case .device: return "it is a device, not a regular file"
        case .other: return "it is not a regular file"
        case .missing:
            if FileKind(path: path, followingLinks: false) == .symbolicLink {
                return "it is a symbolic link to '\(target())', which does not exist"
            }
            return "it does not exist (it was removed during the build?)"
        case .loop: return "it is a symbolic link that leads back to itself (a loop through '\(target())')"
        case .failed(let reason): return reason
        }
    }
}
