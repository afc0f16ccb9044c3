@testable import DocgenServe
import Foundation
import Testing

/// `docgen serve`'s kernel change notifications: the paths an edit, a new folder and a deletion
/// report, and what the watcher's snapshot makes of them.
@Suite("docgen serve: change notifications")
struct ChangeNotifierTests {
    /// The next `.changed` event within `timeout`, skipping idle ones.
    private static func nextChange(_ iterator: inout AsyncStream<ChangeNotifier.Event>.Iterator, timeout: Duration = .seconds(10)) async -> Set<String>? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let event = await iterator.next() else { return nil }
            if case .changed(let paths) = event { return paths }
        }
        return nil
    }

    #if os(Linux)
    @Test("an edit, a new folder with a page, and a deletion are reported with their paths")
    func reportsChangedPaths() async throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content").standardizedFileURL
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        let page = content.appendingPathComponent("index.md")
        try "# Home\n".write(to: page, atomically: false, encoding: .utf8)
        let config = root.appendingPathComponent("docgen.yml").standardizedFileURL

        let notifier = try #require(ChangeNotifier.make(paths: [config, content]))
        defer { notifier.stop() }
        var events = notifier.events(idleAfter: .milliseconds(200)).makeAsyncIterator()

        let handle = try FileHandle(forWritingTo: page)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("More.\n".utf8))
        try handle.close()
        #expect(await Self.nextChange(&events) == [page.path])

        let jobs = content.appendingPathComponent("jobs")
        try FileManager.default.createDirectory(at: jobs, withIntermediateDirectories: true)
        try "# Jobs\n".write(to: jobs.appendingPathComponent("saga.md"), atomically: false, encoding: .utf8)
        var seen: Set<String> = []
        while !seen.contains(jobs.appendingPathComponent("saga.md").path), let paths = await Self.nextChange(&events) {
            seen.formUnion(paths)
        }
        #expect(seen.contains(jobs.appendingPathComponent("saga.md").path), "a page in a new folder is seen")

        try "title: Guide\n".write(to: config, atomically: true, encoding: .utf8)
        var configSeen: Set<String> = []
        while !configSeen.contains(config.path), let paths = await Self.nextChange(&events) {
            configSeen.formUnion(paths)
        }
        #expect(configSeen.contains(config.path))
        #expect(!configSeen.contains { $0.hasPrefix(root.path + "/.") }, "hidden temporary files are not reported")

        try FileManager.default.removeItem(at: page)
        #expect(await Self.nextChange(&events)?.contains(page.path) == true)
    }
    #endif

    @Test("the snapshot refresh reports only files that really changed")
    func refreshReportsRealChanges() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appendingPathComponent("a.md").path
        try "x".write(toFile: page, atomically: false, encoding: .utf8)
        let watcher = SiteWatcher(paths: [root])
        var snapshot = watcher.snapshot()
        #expect(SiteWatcher.refresh([page], in: &snapshot).isEmpty, "already known as it is")
        try "xy".write(toFile: page, atomically: false, encoding: .utf8)
        #expect(SiteWatcher.refresh([page], in: &snapshot) == [page])
        #expect(SiteWatcher.refresh([root.appendingPathComponent("gone.tmp").path], in: &snapshot).isEmpty, "came and went")
        let folder = root.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "z".write(to: folder.appendingPathComponent("b.md"), atomically: false, encoding: .utf8)
        #expect(SiteWatcher.refresh([folder.path], in: &snapshot) == [folder.appendingPathComponent("b.md").path])
        try FileManager.default.removeItem(at: folder)
        #expect(SiteWatcher.refresh([folder.path], in: &snapshot) == [folder.appendingPathComponent("b.md").path])
        #expect(snapshot == watcher.snapshot())
    }
}
