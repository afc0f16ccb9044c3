@testable import DocgenRender
@testable import DocgenSite
import Testing

@Suite("Site paths")
struct SitePathTests {
    @Test("the way back to the root has one ../ per folder, as splitting the path at / counts them", arguments: [
        "index.html", "jobs/saga.html", "a/b/c/index.html", "/a/b.html", "a//b.html", "a/b/", "", "/", "café/é.html", "a/\u{301}b/c.html",
    ])
    func rootPrefix(path: String) {
        #expect(SitePath.rootPrefix(of: path) == String(repeating: "../", count: max(0, path.split(separator: "/").count - 1)))
    }

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

    @Test("resolving on bytes gives what resolving by characters gives", arguments: [1, 2, 3, 4])
    func resolveBytesMatchCharacters(seed: UInt64) {
        var random = JobScriptPropertyTests.SeededRandom(seed: seed)
        let parts = ["a", "bc", ".", "..", "", "x.md", "Saga Jobs", "..."]
        func path() -> String { (0..<Int.random(in: 0...5, using: &random)).map { _ in parts.randomElement(using: &random)! }.joined(separator: "/") }
        for _ in 0..<2000 {
            let relative = (Bool.random(using: &random) ? "/" : "") + path(), directory = path()
            #expect(SitePath.resolveASCII(relative, from: directory) == SitePath.resolveByCharacters(relative, from: directory), "\(relative) from \(directory)")
        }
    }

    /// `relativeURL` as it was before it read the strings' storage: on byte arrays copied from them.
    static func relativeURLByComponents(from: String, to: String) -> String {
        let fromDirectory = Array(SitePath.directory(of: from).utf8)
        let target = Array(to.utf8)
        let slash = UInt8(ascii: "/")
        var fromStart = 0, toStart = 0
        while fromStart < fromDirectory.count {
            let fromEnd = fromDirectory[fromStart...].firstIndex(of: slash) ?? fromDirectory.count
            guard let toEnd = target[toStart...].firstIndex(of: slash),
                  fromDirectory[fromStart..<fromEnd].elementsEqual(target[toStart..<toEnd]) else { break }
            fromStart = fromEnd + 1
            toStart = toEnd + 1
        }
        var ups = 0
        if fromStart < fromDirectory.count {
            ups = 1 + fromDirectory[fromStart...].reduce(0) { $1 == slash ? $0 + 1 : $0 }
        }
        return String(repeating: "../", count: ups) + String(decoding: target[toStart...], as: UTF8.self)
    }

    @Test("relative URLs on bytes match the component rules", arguments: [1, 2, 3])
    func relativeURLBytesMatchComponents(seed: UInt64) {
        var random = JobScriptPropertyTests.SeededRandom(seed: seed)
        let parts = ["a", "b", "ab", "jobs", "é", "e\u{301}", "x.html", "index.html", "Saga Jobs", "", "\u{301}", "a\u{301}"]
        func path(minimum: Int) -> String { (0..<Int.random(in: minimum...4, using: &random)).map { _ in parts.randomElement(using: &random)! }.joined(separator: "/") }
        for _ in 0..<3000 {
            let from = path(minimum: 1), to = path(minimum: 1)
            #expect(SitePath.relativeURL(from: from, to: to) == Self.relativeURLByComponents(from: from, to: to), "\(from) -> \(to)")
        }
    }

    @Test("a link's scheme on bytes matches the character rules", arguments: [
        "https://x", "HTTPS://x", "mailto:a@b", "c++:x", "1http:x", ":x", "x", "jav ascript:x", "java\u{0301}script:x",
        "javascript:\u{0301}x", "a:\u{0301}", "é:x", "data:image/png", "h-t.t+p:", "", "//host/x", "-a:x", "a-:x",
    ])
    func schemeBytesMatchCharacters(destination: String) {
        #expect(URLSafety.scheme(of: destination) == URLSafety.schemeByCharacters(destination))
    }

    @Test("file names become URL-safe", arguments: [
        ("Job Scripts", "job-scripts"), ("GPU & containers", "gpu-containers"), ("saga", "saga"), ("???", "page"),
    ])
    func slug(name: String, expected: String) {
        #expect(SitePath.slugComponent(name) == expected)
    }

    @Test("ASCII names are slugged on bytes as by Characters", arguments: [1, 2, 3])
    func slugBytesMatchCharacters(seed: UInt64) {
        var random = JobScriptPropertyTests.SeededRandom(seed: seed)
        let pieces = ["a", "Z", "9", "-", "--", ".", "_", " ", "\t", "\r\n", "&", "?", "/", "Job", "x.md", "~", "\u{7F}", "\u{0}"]
        for _ in 0..<3000 {
            let name = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(SitePath.asciiSlugComponent(name) == SitePath.characterSlugComponent(name), "\(name.debugDescription)")
        }
    }
}

