import DocgenCore
@testable import DocgenSite
import Foundation
import Testing

/// The no-op check compares files' stamps (`stat` alone) before it reads and hashes them. Stamps
/// must never let a changed file pass for unchanged, and files too new to trust are hashed.
@Suite("no-op check by file stamps")
struct NoOpStampTests {
    @Test("stamps: nil for a file changed in the last seconds, else they change with the file or its absence")
    func stampDigest() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("page.md")
        try "# One\n".write(to: file, atomically: false, encoding: .utf8)
        let now = Date().timeIntervalSince1970
        #expect(InputDigest.stamps(of: ["x"], files: [file], now: now) == nil)
        let later = now + 10
        let first = try #require(InputDigest.stamps(of: ["x"], files: [file], now: later))
        #expect(InputDigest.stamps(of: ["x"], files: [file], now: later) == first)
        #expect(InputDigest.stamps(of: ["y"], files: [file], now: later) != first)
        // Same size, same modification time put back: the change time still moves.
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date)
        Thread.sleep(forTimeInterval: 0.02)
        try "# Two\n".write(to: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path)
        #expect(InputDigest.stamps(of: ["x"], files: [file], now: later) != first)
        let missing = folder.appendingPathComponent("missing.md")
        let withoutIt = try #require(InputDigest.stamps(of: ["x"], files: [missing], now: later))
        try "new".write(to: missing, atomically: false, encoding: .utf8)
        #expect(InputDigest.stamps(of: ["x"], files: [missing], now: later) != withoutIt)
    }

    @Test("a build with old files is skipped by stamps; an edit that keeps size and time is not")
    func buildSkippedByStamps() async throws {
        let project = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let content = project.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        let page = content.appendingPathComponent("index.md")
        try "# Home\n\nSome text.\n".write(to: page, atomically: false, encoding: .utf8)
        try "# Other\n\nMore text.\n".write(to: content.appendingPathComponent("other.md"), atomically: false, encoding: .utf8)
        // Older than the racy window, so the record gets stamps.
        try await Task.sleep(for: .milliseconds(2200))
        var options = BuildOptions(projectDirectory: project)
        options.verifyMode = .static
        let output = project.appendingPathComponent("site")
        let first = try await SiteBuilder(options: options).build()
        #expect(!first.upToDate && first.outputURL != nil)
        let record = try #require(BuildRecord.load(project: project, output: output))
        #expect(record.stamps != nil)

        let second = try await SiteBuilder(options: options).build()
        #expect(second.upToDate)

        let modified = try #require(try FileManager.default.attributesOfItem(atPath: page.path)[.modificationDate] as? Date)
        try "# Home\n\nSame size.\n".write(to: page, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: page.path)
        let third = try await SiteBuilder(options: options).build()
        #expect(!third.upToDate)
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8).contains("Same size."))
    }
}
