import Foundation
import Testing

/// The offline bundle: a folder and a .zip, or one HTML file, loading nothing from the network.
@Suite("Offline bundle")
struct BundleTests {
    @Test("the bundle is a folder and a zip of the whole site with relative links only")
    func folderAndZip() throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let zip = project.appendingPathComponent("out/guide.zip")
        let result = try ProcessOutput.docgen(["bundle", project.path, "--output", zip.path])
        #expect(result.status == 0, "\(result.stderr)")
        let folder = project.appendingPathComponent("out/guide")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("jobs/saga.html").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("search-index.js").path))
        let data = try Data(contentsOf: zip)
        #expect(data.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]), "a zip archive")
        let list = Process()
        list.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        list.arguments = ["python3", "-c", "import sys, zipfile; print('\\n'.join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))", zip.path]
        let pipe = Pipe()
        list.standardOutput = pipe
        try list.run()
        let names = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        list.waitUntilExit()
        #expect(names.contains("jobs/saga.html"))
        #expect(names.contains("assets/docgen.css"))
        let page = try String(contentsOf: folder.appendingPathComponent("jobs/saga.html"), encoding: .utf8)
        #expect(!page.contains("href=\"/"), "no root-absolute links in an offline page")
    }

    @Test("the unzipped bundle works from file:// with the network off: navigation, search, copy, theme")
    func offlineInABrowser() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/bin/python3"] {
            try #require(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: run `make test-deps`")
        }
        let work = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let zip = work.appendingPathComponent("guide.zip")
        let result = try ProcessOutput.docgen(["bundle", TestSupport.packageRoot.path, "--output", zip.path])
        try #require(result.status == 0, "\(result.stderr)")
        let unzipped = work.appendingPathComponent("unzipped")
        let script = """
            import sys, zipfile
            zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
            """
        for arguments in [["-c", script, zip.path, unzipped.path], [ProcessOutput.browserScript("bundle_check.py"), unzipped.path]] {
            let (status, report) = try ProcessOutput.python(arguments)
            #expect(status == 0, "\(report)")
        }
    }

    @Test("--single-file writes one HTML file with styles and images inlined")
    func singleFile() throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let output = project.appendingPathComponent("guide.html")
        let result = try ProcessOutput.docgen(["bundle", project.path, "--single-file", "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: output, encoding: .utf8)
        #expect(html.contains("<style>"))
        #expect(!html.contains("<link rel=\"stylesheet\""))
        #expect(html.contains("src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("id=\"p-jobs-saga\""))
    }

    @Test("a page that would load something from the network fails the bundle")
    func networkResources() throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let page = project.appendingPathComponent("content/jobs/betzy.md")
        try (String(contentsOf: page, encoding: .utf8) + "\n![Betzy](https://www.sigma2.no/betzy.png)\n").write(to: page, atomically: true, encoding: .utf8)
        let result = try ProcessOutput.docgen(["bundle", project.path, "--output", project.appendingPathComponent("b.zip").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[bundle.network-resource]"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("b.zip").path))
    }
}
