import DocgenCore
@testable import DocgenSite
import Foundation
import Testing

/// Links are resolved once against the content inventory while bodies render; the check after
/// loading starts from that result. `docgen check` renders no bodies and resolves every link from
/// scratch, so the two must report exactly the same link diagnostics.
@Suite("link checks: build and check agree")
struct LinkCheckTests {
    /// Pages whose links point at drafts (by `.md`, `.html` and folder), at anchors present and
    /// missing, at a page that fails to load, and at pages whose output paths collide.
    static let pages: [String: String] = [
        "index.md": """
            # Home

            ## Intro

            [draft](guide/draft.md) [draft html](guide/draft.html) [draft folder](drafts/) [draft folder bare](drafts)
            [anchor ok](guide/setup.md#install) [anchor missing](guide/setup.md#instal) [own ok](#intro) [own missing](#intr)
            [html anchor](guide/setup.html#install) [html anchor missing](guide/setup.html#nope) [folder page](guide/)
            [broken](guide/setp.md) [unloadable](broken.md) [unloadable html](broken.html) [asset](guide/data.csv)
            [outside](../../etc/passwd) [external](https://example.org/x#y) [script](javascript:alert(1))
            [clash](clash/a-b.md#top) [clash html](clash/a-b.html#nowhere) [query](guide/setup.md?x=1#install)

            """,
        "guide/index.md": "# Guide\n\n## Pages\n\nSee [home](../index.md#intro) and [the draft's anchor](draft.md#secret).\n",
        "guide/setup.md": "# Setup\n\n## Install\n\nBack to [the guide](./#pages) or [nowhere](#missing-here).\n",
        "guide/draft.md": "---\ndraft: true\n---\n# Draft\n\n## Secret\n\nLinks to [setup](setup.md#gone).\n",
        "drafts/index.md": "---\ndraft: true\n---\n# Drafts\n",
        "clash/a-b.md": "# Top\n",
        "clash/a b.md": "# Other\n",
    ]

    /// The link diagnostics of one build of `project`, as sorted lines.
    static func linkDiagnostics(of project: URL, writing: Bool, drafts: Bool) async throws -> [String] {
        var options = BuildOptions(projectDirectory: project)
        options.output = project.appendingPathComponent("site-\(UUID().uuidString)")
        options.verifyMode = .static
        options.useCache = false
        options.writeOutput = writing
        options.includeDrafts = drafts
        let result = try await SiteBuilder(options: options).build()
        return result.diagnostics
            .filter { $0.id.hasPrefix("link.") || $0.id.hasPrefix("image.") }
            .map { "\($0.location.file):\($0.location.line):\($0.location.column) \($0.id) \($0.message) \($0.fixIt?.message ?? "")" }
            .sorted()
    }

    @Test("build (links resolved once) and check (resolved from scratch) report the same", arguments: [false, true])
    func buildAgreesWithCheck(includeDrafts: Bool) async throws {
        let project = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let content = project.appendingPathComponent("content")
        for (path, text) in Self.pages {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try "a,b\n".write(to: content.appendingPathComponent("guide/data.csv"), atomically: true, encoding: .utf8)
        // A PNG with a .md name: the page is reported and never loaded.
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 64)).write(to: content.appendingPathComponent("broken.md"))

        let built = try await Self.linkDiagnostics(of: project, writing: true, drafts: includeDrafts)
        let checked = try await Self.linkDiagnostics(of: project, writing: false, drafts: includeDrafts)
        #expect(built == checked)
        // Both must find the problems, not merely agree.
        let ids = Set(built.map { $0.split(separator: " ")[1] })
        #expect(ids.isSuperset(of: ["link.anchor-missing", "link.broken", "link.outside-content", "link.unsafe-scheme"]))
        #expect(built.contains { $0.contains("#instal'") } && built.contains { $0.contains("#intr'") } && built.contains { $0.contains("#missing-here'") })
        #expect(built.contains { $0.contains("'broken.md'") } && built.contains { $0.contains("'broken.html'") })
        #expect(!built.contains { $0.contains("anchor '#install'") || $0.contains("anchor '#intro'") || $0.contains("anchor '#pages'") || $0.contains("data.csv") })
        if includeDrafts {
            #expect(!ids.contains("link.to-draft"))
            #expect(built.contains { $0.contains("#gone'") })
        } else {
            #expect(built.contains { $0.contains("link.to-draft") && $0.contains("'guide/draft.md'") })
            #expect(built.contains { $0.contains("'guide/draft.html'") && $0.contains("link.broken") })
            #expect(!built.contains { $0.contains("#gone'") })
        }
    }
}
