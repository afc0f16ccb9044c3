import DocgenCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a site into a staging folder beside the output folder, then swaps it in with one atomic
/// exchange, so killing a build at any moment leaves either the previous site or the new one.
///
/// The staging folder is `.NAME.tmp-PID-RANDOM`; the writer holds an exclusive `flock` on it for its
/// whole life, which is how a later build tells a live build's folder from one a killed build left.
final class OutputWriter: Sendable {
    /// The final output folder.
    let destination: URL
    /// The temporary folder being written.
    let staging: URL
    /// Folders already made in the staging folder: asking the file system again for each of ten
    /// thousand pages was a large part of a `docgen serve` rebuild.
    private let createdFolders = Mutex<Set<String>>([])
    /// `staging.path`, once: pages are written by path, making a URL for each took a third of writing it.
    private let stagingPath: String

    /// Makes the folder of the site path `path` (and its parents) in the staging folder, once.
    private func createFolder(containing path: String) throws {
        let folder = SitePath.directory(of: path)
        guard !folder.isEmpty, !createdFolders.withLock({ $0.contains(folder) }) else { return }
        try FileManager.default.createDirectory(atPath: stagingPath + "/" + folder, withIntermediateDirectories: true)
        createdFolders.withLock { _ = $0.insert(folder) }
    }
    /// A descriptor of the staging folder holding the lock (-1 when locking is not possible).
    private let lock: Int32

    /// Folders left by killed builds are removed once their process is gone, or after this long even
    /// if a process with their PID runs (the number may have been reused).
    static let staleAge: TimeInterval = 3600

    init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw DocgenError("cannot create the output's parent folder \(parent.path): \(error.localizedDescription)")
        }
        Self.removeStaleFolders(beside: self.destination)
        let name = ".\(self.destination.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        staging = parent.appendingPathComponent(name)
        stagingPath = staging.path
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw DocgenError("cannot write to \(parent.path): \(error.localizedDescription)")
        }
        let descriptor = open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            // Only a cleanup holding it for a moment can contend; an unlocked folder is still safe
            // from it for `staleAge` because its PID (ours) is alive.
            close(descriptor)
            lock = -1
        } else {
            lock = descriptor
        }
    }

    deinit {
        if lock >= 0 { close(lock) }
    }

    /// Writes `text` as UTF-8 at the site path `path`, creating folders as needed.
    func write(_ text: String, to path: String) throws {
        try write(path) { try PlainFile.write(text, to: $0) }
    }

    /// Writes the bytes `bytes` at the site path `path`, creating folders as needed.
    func write(_ bytes: [UInt8], to path: String) throws {
        try write(path) { try PlainFile.write(bytes, to: $0) }
    }

    /// Writes `data` at the site path `path`, creating folders as needed.
    func write(_ data: Data, to path: String) throws {
        try write(path) { try PlainFile.write(data, to: $0) }
    }

    private func write(_ path: String, with writeFile: (String) throws -> Void) throws {
        do {
            try createFolder(containing: path)
            try writeFile(stagingPath + "/" + path)
        } catch let error as DocgenError {
            throw DocgenError("cannot write \(path) into the output folder: \(error.message)")
        } catch {
            throw DocgenError("cannot write \(path) into the output folder: \(error.localizedDescription)")
        }
    }

    /// Hard-links `source` (a file of the previous site, which is never changed in place) into the
    /// site at `path`: `docgen serve` reuses unchanged pages this way instead of rendering them again.
    func link(_ source: URL, to path: String) throws {
        try createFolder(containing: path)
        #if canImport(Glibc)
        let status = Glibc.link(source.path, stagingPath + "/" + path)
        #else
        let status = Darwin.link(source.path, stagingPath + "/" + path)
        #endif
        guard status == 0 else {
            throw DocgenError("cannot link \(path) from the previous site (errno \(errno))")
        }
    }

    /// Writes `data` to `path` of an already published site `folder` (`docgen serve`'s) by renaming
    /// a new file over the old one: a request reading the file gets the old or the new one whole,
    /// and an earlier site that hard-links the old file keeps it.
    static func replace(_ path: String, in folder: URL, with text: String) throws {
        let destination = folder.appendingPathComponent(path)
        let temporary = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(getpid()).tmp")
        try PlainFile.write(text, to: temporary.path)
        guard rename(temporary.path, destination.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw DocgenError("cannot replace \(path) in the served site (errno \(errno))")
        }
    }

    /// Copies a file into the site at `path`.
    func copy(_ source: URL, to path: String) throws {
        let url = staging.appendingPathComponent(path)
        do {
            try createFolder(containing: path)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.copyItem(at: source, to: url)
        } catch {
            throw DocgenError("cannot copy \(source.lastPathComponent) into the output folder: \(error.localizedDescription)")
        }
    }

    /// Puts the staged site in place of the output folder. With a previous site the two are exchanged
    /// atomically (`renameat2(RENAME_EXCHANGE)`), so `site/` never goes missing, and the old site,
    /// now at the staging path, is deleted; without one a plain `rename` is already atomic.
    func commit() throws {
        // Two tries: a concurrent build may create the output folder between the check and the rename.
        for _ in 0..<2 {
            var info = stat()
            if lstat(destination.path, &info) != 0 {
                if rename(staging.path, destination.path) == 0 { return }
                let error = errno
                if error == EEXIST || error == ENOTEMPTY { continue }
                discard()
                throw DocgenError("cannot move the new site to \(destination.path): \(String(cString: strerror(error)))")
            }
            switch Self.exchange(staging.path, destination.path) {
            case 0:
                // The staging path now holds the previous site.
                try? FileManager.default.removeItem(at: staging)
                return
            case EINVAL, ENOSYS:
                // The file system (or an old kernel) cannot exchange: move the old site aside first.
                try replaceByMovingAside()
                return
            case ENOENT:
                continue
            case let error:
                discard()
                throw DocgenError("cannot replace \(destination.path) with the new site: \(String(cString: strerror(error)))")
            }
        }
        discard()
        throw DocgenError("cannot replace \(destination.path) with the new site: other builds keep replacing it")
    }

    /// Deletes the staged site (after a failed build); the previous site stays untouched.
    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// The fallback where exchanging is unsupported: there is a moment without the output folder, and
    /// a build killed in it leaves the old site in `.NAME.old-PID-RANDOM`, which the next build puts back.
    private func replaceByMovingAside() throws {
        let aside = staging.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard rename(destination.path, aside.path) == 0 else {
            let error = errno
            discard()
            throw DocgenError("cannot move the previous site out of \(destination.path): \(String(cString: strerror(error)))")
        }
        guard rename(staging.path, destination.path) == 0 else {
            let error = errno
            _ = rename(aside.path, destination.path)
            discard()
            throw DocgenError("cannot move the new site to \(destination.path): \(String(cString: strerror(error)))")
        }
        try? FileManager.default.removeItem(at: aside)
    }

    /// `renameat2(from, to, RENAME_EXCHANGE)`: 0, or the errno (ENOSYS when the C library lacks it).
    /// Swift cannot call the variadic `syscall`, and Glibc's module does not declare `renameat2`, so
    /// the symbol is looked up at run time.
    private static func exchange(_ from: String, _ to: String) -> Int32 {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return ENOSYS }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, from, AT_FDCWD, to, renameExchange) == 0 ? 0 : errno
        #else
        return ENOSYS
        #endif
    }

    /// Removes the staging and old folders that killed builds left beside `destination`
    /// (`.NAME.tmp-PID-*`, `.NAME.old-PID-*`). A folder is left alone while a build holds its lock,
    /// and while its PID is alive unless it is older than `staleAge`. An old site whose output folder
    /// is missing (a build killed in the middle of the fallback) is put back instead.
    static func removeStaleFolders(beside destination: URL) {
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        let stagingPrefix = ".\(name).tmp-", oldPrefix = ".\(name).old-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries.sorted() {
            let isOld = entry.hasPrefix(oldPrefix)
            guard isOld || entry.hasPrefix(stagingPrefix) else { continue }
            let digits = entry.dropFirst(isOld ? oldPrefix.count : stagingPrefix.count).prefix { $0 != "-" }
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let pid = pid_t(digits) else { continue }
            let url = parent.appendingPathComponent(entry)
            // O_NOFOLLOW: a symbolic link with this name is not a build's folder.
            let descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            // Holding the lock while deleting also keeps two cleaning builds off the same folder.
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            guard !isAlive(pid) || age(of: url) > staleAge else { continue }
            var info = stat()
            if isOld, lstat(destination.path, &info) != 0, rename(url.path, destination.path) == 0 { continue }
            try? FileManager.default.removeItem(at: url)
        }
    }

    private static func isAlive(_ pid: pid_t) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    private static func age(of url: URL) -> TimeInterval {
        let modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? Date()
        return Date().timeIntervalSince(modified)
    }
}
