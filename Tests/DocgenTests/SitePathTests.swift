import DocgenSite
import Testing

@Suite("Site paths")
struct SitePathTests {
    @Test("relative URLs between pages", arguments: [
        ("index.html", "jobs/saga.html", "jobs/saga.html"),
        ("jobs/saga.html", "index.html", "../index.html"),
        ("jobs/saga.html", "jobs/betzy.html", "betzy.html"),
        ("jobs/clusters/saga.html", "containers/index.html", "../../containers/index.html"),
        ("a/b.html", "a/c/d.html", "c/d.html"),
    ])
    func relative(from: String, to: String, expected: String) {
        #expect(SitePath.relativeURL(from: from, to: to) == expected)
    }

    @Test("resolving ../ stays inside the root", arguments: [
        ("../jobs/saga.md", "first-steps", "jobs/saga.md" as String?),
        ("./a/../b.md", "", "b.md"),
        ("../../etc/passwd", "jobs", nil),
    ])
    func resolve(relative: String, directory: String, expected: String?) {
        #expect(SitePath.resolve(relative, from: directory) == expected)
    }

    @Test("file names become URL-safe", arguments: [
        ("Job Scripts", "job-scripts"), ("GPU & containers", "gpu-containers"), ("saga", "saga"), ("???", "page"),
    ])
    func slug(name: String, expected: String) {
        #expect(SitePath.slugComponent(name) == expected)
    }
}
