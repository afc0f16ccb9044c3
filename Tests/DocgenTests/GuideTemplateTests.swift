import Foundation
import Testing

/// The guide's job-script templates are exactly what `docgen jobscript` prints for their specs,
/// on the page, in the download, and listed on the templates page.
@Suite("The guide's job-script templates")
struct GuideTemplateTests {
    @Test("every generate=jobscript example equals docgen jobscript's output, shown and downloadable")
    func templatesMatchTheCommandLine() throws {
        let work = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let site = work.appendingPathComponent("site")
        let build = try ProcessOutput.docgen(["build", TestSupport.packageRoot.path, "--output", site.path])
        try #require(build.status == 0, "\(build.stderr)")

        let content = TestSupport.packageRoot.appendingPathComponent("content")
        let files = try FileManager.default.subpathsOfDirectory(atPath: content.path).filter { $0.hasSuffix(".md") }.sorted()
        var count = 0
        var clusters: Set<String> = []
        for file in files {
            let text = try String(contentsOf: content.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /```yaml \{generate=jobscript\}\n([\s\S]*?)```\n/) {
                count += 1
                let spec = work.appendingPathComponent("spec-\(count).yml")
                try String(match.output.1).write(to: spec, atomically: true, encoding: .utf8)
                let generated = try ProcessOutput.docgen(["jobscript", "--spec", spec.path])
                #expect(generated.status == 0, "\(file): \(generated.stderr)")
                let filename = try #require(generated.stdout.split(separator: "\n").dropFirst().first?.split(separator: ":").first.map {
                    String($0.dropFirst(2))
                })
                let pagePath = (file.hasSuffix("index.md") ? String(file.dropLast("index.md".count)) + "index" : String(file.dropLast(3))) + ".html"
                let page = try String(contentsOf: site.appendingPathComponent(pagePath), encoding: .utf8)
                let directory = (pagePath as NSString).deletingLastPathComponent
                let download = site.appendingPathComponent(directory).appendingPathComponent(filename)
                #expect(try String(contentsOf: download, encoding: .utf8) == generated.stdout, "\(file): the download of \(filename)")
                #expect(page.contains("download=\"\(filename)\""), "\(file): no download link for \(filename)")
                let shown = page.components(separatedBy: "data-filename=\"\(filename)\"><pre><code class=\"language-bash\">").dropFirst().first?
                    .components(separatedBy: "</code></pre>").first ?? ""
                let text = shown.replacing(/<[^>]+>/, with: "").replacing("&quot;", with: "\"").replacing("&#39;", with: "'")
                    .replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&amp;", with: "&")
                #expect(text == generated.stdout, "\(file): the script shown for \(filename)")
                if let cluster = generated.stdout.firstMatch(of: /a job script for (\w+)/)?.output.1 { clusters.insert(String(cluster)) }
            }
        }
        #expect(count >= 7, "the guide's main examples are templates")
        #expect(clusters.isSuperset(of: ["Saga", "Betzy", "Olivia", "LUMI"]))
        let listing = try String(contentsOf: site.appendingPathComponent("templates.html"), encoding: .utf8)
        #expect(listing.components(separatedBy: "<tr><td><a href=").count - 1 == count, "the templates page lists every template")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("assets/clusters.js").path))
    }
}
