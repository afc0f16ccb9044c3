import Foundation
import Testing

/// Whole projects, valid and broken, built by the real `docgen` binary and checked against golden files
/// (`Fixtures/NAME/expected/`); `DOCGEN_RECORD=1` re-records them.
@Suite("Fixture sites")
struct FixtureSiteTests {
    @Test("each fixture reports what it should, with the right exit status", arguments: [
        ("valid-guide", 0 as Int32),
        ("broken-link", 1),
        ("missing-anchor", 1),
        ("bad-front-matter", 1),
        ("bad-info-string", 1),
        ("duplicate-paths", 1),
        ("bad-config", 2),
        ("theme-override", 0),
        ("broken-template", 2),
        ("verify-guide", 0),
        ("verify-broken", 1),
    ])
    func fixture(name: String, status: Int32) throws {
        let project = try TestSupport.copyFixture(name)
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = try ProcessOutput.docgen(["build", project.path])
        #expect(result.status == status, "\(result.stderr)")
        // The summary line carries a timing, so only the diagnostics above it are golden.
        let report = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("docgen: ") }
        try TestSupport.assertGolden(report.joined(separator: "\n"), "\(name)/expected/diagnostics.txt")
        let site = project.appendingPathComponent("site")
        #expect(FileManager.default.fileExists(atPath: site.path) == (status == 0))
    }

    @Test("a site theme replaces one template and adds assets, keeping the rest of the default theme")
    func themeOverride() throws {
        let project = try TestSupport.copyFixture("theme-override")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = try ProcessOutput.docgen(["build", project.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: project.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(html.contains("<footer class=\"site-footer custom-footer\"><p>Custom footer for Custom</p></footer>"))
        #expect(html.contains("<nav class=\"sidebar\""), "the default layout and sidebar are still used")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/assets/extra.css").path))
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/assets/docgen.css").path))
    }

    @Test("the valid guide's pages match their golden HTML")
    func validGuidePages() throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = try ProcessOutput.docgen(["build", project.path])
        #expect(result.status == 0, "\(result.stderr)")
        let site = project.appendingPathComponent("site")
        let files = try FileManager.default.subpathsOfDirectory(atPath: site.path)
            .filter { !$0.hasPrefix("assets") && !$0.hasSuffix("/") }
            .filter { path in
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path, isDirectory: &isDirectory)
                return exists && !isDirectory.boolValue
            }
            .sorted()
        try TestSupport.assertGolden(files.joined(separator: "\n") + "\n", "valid-guide/expected/files.txt")
        for page in ["index.html", "jobs/index.html", "jobs/saga.html", "storage/index.html"] {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            try TestSupport.assertGolden(html, "valid-guide/expected/site/\(page)")
        }
    }
}
