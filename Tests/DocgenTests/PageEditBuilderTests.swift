import DocgenCore
@testable import DocgenSite
import Foundation
import Testing

/// `docgen serve`'s rebuild of an edited page in place: the served folder must end up exactly as a
/// full build of the same content would write it, and edits that other pages depend on must take
/// the full build.
@Suite("docgen serve: page edits rebuilt in place")
struct PageEditBuilderTests {
    /// A project copied from the valid-guide fixture, with a memo shared by its builds.
    private struct Session {
        let project: URL
        let workspace: URL
        let memo = BuildMemo()
        var count = 0

        init() throws {
            project = try TestSupport.copyFixture("valid-guide")
            workspace = project.deletingLastPathComponent().appendingPathComponent("serve")
        }

        /// The standardized path of a content file, or of a project file when `contentPath` starts with `../`.
        func path(_ contentPath: String) -> String {
            project.appendingPathComponent("content").appendingPathComponent(contentPath).standardizedFileURL.path
        }

        /// One `docgen serve` rebuild into a fresh folder, told which files changed.
        mutating func rebuild(changed: [String]?) async throws -> BuildResult {
            count += 1
            var options = BuildOptions(projectDirectory: project)
            options.output = workspace.appendingPathComponent("build-\(count)")
            options.verifyMode = .static
            options.memo = memo
            options.changedPaths = changed.map { Set($0.map(path)) }
            options.useCache = false
            let result = try await SiteBuilder(options: options).build()
            result.followUp?()
            return result
        }

        /// A plain `docgen build` of the same content, for comparison.
        func fullBuild() async throws -> BuildResult {
            var options = BuildOptions(projectDirectory: project)
            options.output = workspace.appendingPathComponent("full-\(UUID().uuidString)")
            options.verifyMode = .static
            options.useCache = false
            return try await SiteBuilder(options: options).build()
        }

        func append(_ text: String, to contentPath: String) throws {
            let url = URL(fileURLWithPath: path(contentPath))
            let original = try String(contentsOf: url, encoding: .utf8)
            try (original + text).write(to: url, atomically: true, encoding: .utf8)
        }

        func replace(_ old: String, with new: String, in contentPath: String) throws {
            let url = URL(fileURLWithPath: path(contentPath))
            let original = try String(contentsOf: url, encoding: .utf8)
            try original.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// Every file of `folder` by relative path, hidden files left out.
    private static func files(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [:] }
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return files
    }

    private static func expectSameSite(_ served: URL, _ full: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let left = try files(served), right = try files(full)
        #expect(left.keys.sorted() == right.keys.sorted(), sourceLocation: sourceLocation)
        for (path, data) in left where right[path] != data {
            Issue.record("\(path) differs from a full build's", sourceLocation: sourceLocation)
        }
    }

    @Test("an edit of page text is written into the served folder, byte for byte what a full build writes")
    func textEditInPlace() async throws {
        var session = try Session()
        defer { try? FileManager.default.removeItem(at: session.project.deletingLastPathComponent()) }
        let first = try await session.rebuild(changed: nil)
        let served = try #require(first.outputURL)

        try session.append("\nA new paragraph with `squeue --me`, and [Saga](saga.md).\n", to: "jobs/betzy.md")
        let edit = try await session.rebuild(changed: ["jobs/betzy.md"])
        #expect(edit.outputURL == served, "rebuilt in place")
        #expect(!FileManager.default.fileExists(atPath: session.workspace.appendingPathComponent("build-2").path))
        let page = try String(contentsOf: served.appendingPathComponent("jobs/betzy.html"), encoding: .utf8)
        #expect(page.contains("A new paragraph with"))

        let full = try await session.fullBuild()
        #expect(edit.diagnostics == full.diagnostics)
        #expect(edit.pageCount == full.pageCount)
        #expect(Set(edit.blocks) == Set(full.blocks))
        try Self.expectSameSite(served, try #require(full.outputURL))
    }

    @Test("a new title, a new page or a changed config takes the full build")
    func structuralEditsRebuildEverything() async throws {
        var session = try Session()
        defer { try? FileManager.default.removeItem(at: session.project.deletingLastPathComponent()) }
        let served = try #require(try await session.rebuild(changed: nil).outputURL)

        try session.replace("title: Jobs on Betzy", with: "title: Betzy jobs", in: "jobs/betzy.md")
        let retitled = try await session.rebuild(changed: ["jobs/betzy.md"])
        let second = try #require(retitled.outputURL)
        #expect(second != served, "every page's navigation shows the title")
        #expect(try String(contentsOf: second.appendingPathComponent("index.html"), encoding: .utf8).contains("Betzy jobs"))

        try session.append("\n## A new section\n", to: "jobs/betzy.md")
        #expect(try await session.rebuild(changed: ["jobs/betzy.md"]).outputURL != second, "a new anchor other pages may link to")

        try "# Quotas\n\nText.\n".write(toFile: session.path("storage/quotas.md"), atomically: true, encoding: .utf8)
        let added = try await session.rebuild(changed: ["storage/quotas.md"])
        #expect(FileManager.default.fileExists(atPath: try #require(added.outputURL).appendingPathComponent("storage/quotas.html").path))
        try Self.expectSameSite(try #require(added.outputURL), try #require(try await session.fullBuild().outputURL))

        let config = session.project.appendingPathComponent("docgen.yml")
        try (try String(contentsOf: config, encoding: .utf8)).replacingOccurrences(of: "footer: Example Institute", with: "footer: Another Institute")
            .write(to: config, atomically: true, encoding: .utf8)
        let reconfigured = try await session.rebuild(changed: ["../docgen.yml"])
        let third = try #require(reconfigured.outputURL)
        #expect(third != added.outputURL)
        #expect(try String(contentsOf: third.appendingPathComponent("jobs/saga.html"), encoding: .utf8).contains("Another Institute"))
    }

    @Test("a broken link keeps the served page and stays reported while another page is edited")
    func errorsSurviveLaterEdits() async throws {
        var session = try Session()
        defer { try? FileManager.default.removeItem(at: session.project.deletingLastPathComponent()) }
        let served = try #require(try await session.rebuild(changed: nil).outputURL)
        let before = try Data(contentsOf: served.appendingPathComponent("jobs/betzy.html"))

        try session.append("\nSee [the old page](no-such-page.md).\n", to: "jobs/betzy.md")
        let broken = try await session.rebuild(changed: ["jobs/betzy.md"])
        #expect(broken.outputURL == nil)
        #expect(broken.diagnostics.contains { $0.id == "link.broken" })
        #expect(try Data(contentsOf: served.appendingPathComponent("jobs/betzy.html")) == before, "the last good page stays served")

        try session.append("\nMore about Saga.\n", to: "jobs/saga.md")
        let other = try await session.rebuild(changed: ["jobs/saga.md"])
        #expect(other.outputURL == nil, "the broken link is still there")
        #expect(other.diagnostics.contains { $0.id == "link.broken" && $0.location.file.hasSuffix("jobs/betzy.md") })

        try session.replace("See [the old page](no-such-page.md).", with: "See the old page.", in: "jobs/betzy.md")
        let fixed = try await session.rebuild(changed: ["jobs/betzy.md"])
        #expect(fixed.outputURL == served)
        #expect(!fixed.hasErrors)
        try Self.expectSameSite(served, try #require(try await session.fullBuild().outputURL))
    }
}
