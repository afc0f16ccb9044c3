import Foundation
import Testing

/// The `docgen` binary run as a process: the contract other tools and CI rely on.
@Suite("docgen command line")
struct CLITests {
    @Test("the original guide builds unchanged, with exit status 0")
    func seedGuide() throws {
        let seed = TestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds/hpc-guide.md")
        try #require(FileManager.default.fileExists(atPath: seed.path), "the shared seed guide is missing at ../shared/seeds")
        let project = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let result = try ProcessOutput.docgen(["build", project.path, "--content", seed.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: project.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(html.contains("<h1 class=\"page-title\">High Performance Clusters (HPC)</h1>"))
        #expect(html.contains("id=\"11-what-is-sigma2\""))
        #expect(html.contains("<table") == false, "the seed has no pipe tables; its dusage output stays a code block")
        #expect(result.stderr.contains("warning[heading.empty-section]"))
    }

    @Test("the guide in content/ builds with no errors and no warnings")
    func guideBuildsClean() throws {
        let output = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try ProcessOutput.docgen(["build", TestSupport.packageRoot.path, "--output", output.appendingPathComponent("site").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(": 0 errors, 0 warnings"), "\(result.stderr)")
        let home = try String(contentsOf: output.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(home.contains("assets/nina.css"), "the site's own theme override is applied")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("site/assets/nina-logo.svg").path))
    }

    @Test("a broken link fails the build with file:line:column and keeps the previous site")
    func brokenLinkKeepsPreviousSite() throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let first = try ProcessOutput.docgen(["build", project.path])
        #expect(first.status == 0, "\(first.stderr)")
        let saga = project.appendingPathComponent("site/jobs/saga.html")
        let before = try Data(contentsOf: saga)

        let page = project.appendingPathComponent("content/jobs/betzy.md")
        var text = try String(contentsOf: page, encoding: .utf8)
        text += "\nSee [the old page](fram.md).\n"
        try text.write(to: page, atomically: true, encoding: .utf8)
        let second = try ProcessOutput.docgen(["build", project.path])
        #expect(second.status == 1)
        #expect(second.stderr.contains("content/jobs/betzy.md:11:5: error[link.broken]: link 'fram.md'"))
        #expect(second.stderr.contains("the site was not written, the previous one is unchanged"))
        #expect(try Data(contentsOf: saga) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.path).filter { $0.hasPrefix(".site") }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
    }

    @Test("a second build with nothing changed keeps the site; a changed page, a changed site folder or --no-cache builds again")
    func unchangedBuildIsSkipped() throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let skipped = "nothing changed since the last build"
        let first = try ProcessOutput.docgen(["build", project.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stderr.contains(skipped))
        let second = try ProcessOutput.docgen(["build", project.path])
        #expect(second.status == 0 && second.stderr.contains(skipped), "\(second.stderr)")
        #expect(try ProcessOutput.docgen(["build", project.path, "--no-cache"]).stderr.contains(skipped) == false)

        let page = project.appendingPathComponent("content/jobs/betzy.md")
        try (try String(contentsOf: page, encoding: .utf8) + "\nA new line.\n").write(to: page, atomically: true, encoding: .utf8)
        let edited = try ProcessOutput.docgen(["build", project.path])
        #expect(edited.status == 0 && !edited.stderr.contains(skipped), "\(edited.stderr)")
        #expect(try String(contentsOf: project.appendingPathComponent("site/jobs/betzy.html"), encoding: .utf8).contains("A new line."))

        try FileManager.default.removeItem(at: project.appendingPathComponent("site/404.html"))
        let repaired = try ProcessOutput.docgen(["build", project.path])
        #expect(!repaired.stderr.contains(skipped), "\(repaired.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/404.html").path))
    }

    @Test("--format json prints the diagnostics as objects with the agreed keys")
    func json() throws {
        let project = try TestSupport.copyFixture("missing-anchor")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = try ProcessOutput.docgen(["check", project.path, "--format", "json"])
        #expect(result.status == 1)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        let first = try #require(objects.first)
        #expect(Set(first.keys) == ["file", "line", "column", "severity", "id", "message"])
        #expect(first["file"] as? String == "content/index.md")
        #expect(first["line"] as? Int == 3)
        #expect(first["column"] as? Int == 9)
        #expect(first["severity"] as? String == "error")
        #expect(first["id"] as? String == "link.anchor-missing")
    }

    @Test("check writes nothing")
    func checkWritesNothing() throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = try ProcessOutput.docgen(["check", project.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("docgen: checked 5 pages"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test("usage, config and environment errors exit with 2", arguments: [
        ["build", "--no-such-flag"],
        ["build", "/nonexistent/project"],
        ["check", ".", "--format", "yaml"],
        ["frobnicate"],
    ])
    func usageErrors(arguments: [String]) throws {
        let result = try ProcessOutput.docgen(arguments, in: TestSupport.fixtures)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test("the output folder may not be the project or its content")
    func unsafeOutput() throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        for output in [project.path, project.appendingPathComponent("content").path] {
            let result = try ProcessOutput.docgen(["build", project.path, "--output", output])
            #expect(result.status == 2)
            #expect(result.stderr.contains("refusing to write the site"))
        }
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("content/index.md").path))
    }

    @Test("--content accepts a single Markdown file and --output another folder")
    func singleFile() throws {
        let project = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let page = project.appendingPathComponent("guide.md")
        try "# Quick guide\n\nHello.\n".write(to: page, atomically: true, encoding: .utf8)
        let output = project.appendingPathComponent("public")
        let result = try ProcessOutput.docgen(["build", project.path, "--content", page.path, "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/docgen.css").path))
    }

    @Test("in a git repository, pages say when they were last changed and link to their source")
    func gitMetadata() throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        try "title: Example\nedit_url: https://git.example.org/guide/edit/main\n".write(
            to: project.appendingPathComponent("docgen.yml"), atomically: true, encoding: .utf8)
        let environment = [
            "GIT_AUTHOR_DATE": "2026-03-14T12:00:00Z", "GIT_COMMITTER_DATE": "2026-03-14T12:00:00Z",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
        ]
        for arguments in [["init", "-q"], ["add", "content"], ["commit", "-q", "-m", "guide"]] {
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            git.arguments = ["git", "-C", project.path] + arguments
            git.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            try git.run()
            git.waitUntilExit()
            try #require(git.terminationStatus == 0)
        }
        let result = try ProcessOutput.docgen(["build", project.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: project.appendingPathComponent("site/jobs/saga.html"), encoding: .utf8)
        #expect(html.contains("Last updated <time datetime=\"2026-03-14\">14 March 2026</time>"))
        #expect(html.contains("href=\"https://git.example.org/guide/edit/main/content/jobs/saga.md\""))
    }

    @Test("print.html holds every page in reading order, with links kept inside it")
    func printPage() throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = try ProcessOutput.docgen(["build", project.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: project.appendingPathComponent("site/print.html"), encoding: .utf8)
        let sections = html.matches(of: /<section class="print-page" id="([^"]+)">/).map { String($0.output.1) }
        #expect(sections == ["p-index", "p-jobs-index", "p-jobs-saga", "p-jobs-betzy", "p-storage-index"])
        let ids = Set(html.matches(of: /\sid="([^"]+)"/).map { String($0.output.1) })
        let targets = html.matches(of: /href="#([^"]+)"/).map { String($0.output.1) }
        #expect(!targets.isEmpty)
        for target in targets { #expect(ids.contains(target), "#\(target) has no element in print.html") }
        #expect(html.contains("href=\"#p-jobs-saga--memory\""), "a link to saga.md#memory points into the one page")
        #expect(html.contains("src=\"storage/areas.svg\""), "images are found from the site root")
    }

    @Test("aliases leave redirect stubs at the old paths; one that would replace a page is an error")
    func aliases() throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = try ProcessOutput.docgen(["build", project.path])
        #expect(result.status == 0, "\(result.stderr)")
        let stub = try String(contentsOf: project.appendingPathComponent("site/jobs/saga-jobs.html"), encoding: .utf8)
        #expect(stub.contains("<meta http-equiv=\"refresh\" content=\"0; url=saga.html\">"))

        let betzy = project.appendingPathComponent("content/jobs/betzy.md")
        let text = try String(contentsOf: betzy, encoding: .utf8)
        try text.replacingOccurrences(of: "weight: 30\n", with: "weight: 30\naliases: [saga.md]\n").write(to: betzy, atomically: true, encoding: .utf8)
        let clash = try ProcessOutput.docgen(["check", project.path])
        #expect(clash.status == 1)
        #expect(clash.stderr.contains("error[alias.conflict]: alias 'saga.md' would replace the page at 'jobs/saga.html'"), "\(clash.stderr)")
    }

    @Test("--base-url adds canonical links and a sitemap")
    func baseURL() throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = try ProcessOutput.docgen(["build", project.path, "--base-url", "https://wiki.example.org/hpc"])
        #expect(result.status == 0, "\(result.stderr)")
        let sitemap = try String(contentsOf: project.appendingPathComponent("site/sitemap.xml"), encoding: .utf8)
        #expect(sitemap.contains("<loc>https://wiki.example.org/hpc/jobs/saga.html</loc>"))
        let page = try String(contentsOf: project.appendingPathComponent("site/jobs/saga.html"), encoding: .utf8)
        #expect(page.contains("<link rel=\"canonical\" href=\"https://wiki.example.org/hpc/jobs/saga.html\">"))
        let notFound = try String(contentsOf: project.appendingPathComponent("site/404.html"), encoding: .utf8)
        #expect(notFound.contains("href=\"/hpc/assets/docgen.css\""))
    }
}
