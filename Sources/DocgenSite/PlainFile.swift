import DocgenCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files with `open`, `write` and `close`, without the `fsync` that Foundation's
/// `Data.write(to:)` ends every file with.
///
/// That flush waited for the disk once per page: 1,127 of them took 0.57 s of thread time on a
/// 1,000-page site. Nothing docgen writes needs it: a site is published by renaming its staging
/// folder, served files are replaced by renaming, and a cache entry that is lost is only a cache miss.
enum PlainFile {
    /// Writes `text` as UTF-8 to `path`, replacing the file if it exists.
    static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: path) }
    }

    /// Writes `bytes` to `path`, replacing the file if it exists.
    static func write(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { try write($0, to: path) }
    }

    /// Writes `data` to `path`, replacing the file if it exists.
    static func write(_ data: Data, to path: String) throws {
        try data.withUnsafeBytes { try write($0, to: path) }
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(path) }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            #else
            let written = Darwin.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                let error = failure(path)
                close(descriptor)
                throw error
            }
            offset += written
        }
        // A failed close can report a delayed write error (NFS, quota): the file is then not whole.
        guard close(descriptor) == 0 else { throw failure(path) }
    }

    private static func failure(_ path: String) -> DocgenError {
        DocgenError("\(String(cString: strerror(errno))) (\(path))")
    }
}
