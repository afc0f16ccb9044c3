import DocgenCore
import Foundation

/// Writes a site into a temporary folder beside the output folder, then swaps it in,
/// so a failed or interrupted build never leaves a half-written site behind.
final class OutputWriter: Sendable {
    /// The final output folder.
    let destination: URL
    /// The temporary folder being written.
    let staging: URL

    init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw DocgenError("cannot create the output's parent folder \(parent.path): \(error.localizedDescription)")
        }
        let name = ".\(self.destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        staging = parent.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw DocgenError("cannot write to \(parent.path): \(error.localizedDescription)")
        }
    }

    /// Writes `data` at the site path `path`, creating folders as needed.
    func write(_ data: Data, to path: String) throws {
        let url = staging.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw DocgenError("cannot write \(path) into the output folder: \(error.localizedDescription)")
        }
    }

    /// Copies a file into the site at `path`.
    func copy(_ source: URL, to path: String) throws {
        let url = staging.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.copyItem(at: source, to: url)
        } catch {
            throw DocgenError("cannot copy \(source.lastPathComponent) into the output folder: \(error.localizedDescription)")
        }
    }

    /// Replaces the output folder with the staged site: the old site is moved aside first and only
    /// deleted once the new one is in place.
    func commit() throws {
        let manager = FileManager.default
        let aside = staging.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        let hadPrevious = manager.fileExists(atPath: destination.path)
        do {
            if hadPrevious {
                try? manager.removeItem(at: aside)
                try manager.moveItem(at: destination, to: aside)
            }
            try manager.moveItem(at: staging, to: destination)
        } catch {
            if hadPrevious, !manager.fileExists(atPath: destination.path) {
                try? manager.moveItem(at: aside, to: destination)
            }
            discard()
            throw DocgenError("cannot replace \(destination.path) with the new site: \(error.localizedDescription)")
        }
        if hadPrevious { try? manager.removeItem(at: aside) }
    }

    /// Deletes the staged site (after a failed build); the previous site stays untouched.
    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
