import Foundation
import Testing

/// Site search in a real browser (`Tests/browser/search_check.py`, selenium with Debian's chromium
/// and chromedriver; `make test` installs them): the guide opened from file://, and a site whose
/// titles and text try to inject HTML.
@Suite("Search in a real browser")
struct SearchBrowserTests {
    @Test("'/', typing, arrow keys, Enter and Escape work on the guide from file://, at phone and desktop widths")
    func guide() throws {
        try requireBrowser()
        let output = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let site = output.appendingPathComponent("site")
        let build = try ProcessOutput.docgen(["build", TestSupport.packageRoot.path, "--output", site.path])
        try #require(build.status == 0, "\(build.stderr)")
        let report = try runCheck([site.path])
        #expect(report.status == 0, "\(report.output)")
        #expect(report.output.contains(" passed, 0 failed"), "\(report.output)")
    }

    @Test("titles and text that look like HTML show as text in the results")
    func hostileSite() throws {
        try requireBrowser()
        let project = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let content = project.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try """
            ---
            title: "</script><script>window.__docgenInjected=true;alert(1)</script>"
            ---
            An alert in the text: \\<img src=x onerror="window.__docgenInjected=true;alert(2)"\\>.

            ## \\<b onmouseover=alert(3)\\>alert\\</b\\>

            Another alert.
            """.write(to: content.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        let site = project.appendingPathComponent("site")
        let build = try ProcessOutput.docgen(["build", project.path, "--output", site.path, "--verify", "off"])
        try #require(build.status == 0, "\(build.stderr)")
        let report = try runCheck([site.path, "--hostile"])
        #expect(report.status == 0, "\(report.output)")
        #expect(report.output.contains(" passed, 0 failed"), "\(report.output)")
    }

    private func requireBrowser() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/bin/python3"] {
            try #require(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: run `make test-deps`")
        }
    }

    private func runCheck(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let (status, report) = try ProcessOutput.python([ProcessOutput.browserScript("search_check.py")] + arguments)
        return (status, report)
    }
}
