import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The malformed-input corpus (`Fixtures/bad-input/NAME/`): each case is a small project with an
/// `expected.json` (exit status, diagnostic ids and locations, optional output checks). The real
/// `docgen` binary builds each one; it must exit with exactly the expected status, never by a
/// signal or a Swift runtime trap, never hang, report each expected id at its location, and say
/// how to fix every error it reports. Cases git cannot hold (FIFOs, symlinks, a 50 MB page, names
/// that clash on macOS) are made by `BadInputCase.setUp` in a temporary copy.
@Suite("Bad input: a clear diagnostic, never a crash")
struct BadInputTests {
    /// Every case of the corpus; `allCasesAreListed` keeps this table and the folders in step.
    static let cases = [
        // Encodings.
        "utf8-lone-continuation", "utf8-overlong", "utf8-truncated-at-eof", "utf8-latin1", "utf8-encoded-surrogate",
        "utf16-file", "bom-front-matter", "crlf-front-matter", "mixed-line-endings", "cr-only-line-endings", "nul-byte",
        "binary-png-named-md", "binary-data-named-md", "control-character", "control-character-in-title",
        // Empty pages and folders.
        "empty-file", "whitespace-only", "front-matter-only", "no-pages", "content-folder-missing", "content-empty-folder",
        // Size and depth.
        "huge-page-50mb", "nested-lists-10000", "nested-ordered-lists-10000", "nested-quotes-10000", "nested-quotes-lines",
        "nested-emphasis-10000", "nested-links-brackets", "nested-list-and-quote-mix", "nested-yaml-front-matter", "long-line",
        "long-file-name", "file-name-too-long-for-output", "deeply-nested-folders",
        // Front matter.
        "frontmatter-invalid-yaml", "frontmatter-tab-indent", "frontmatter-list", "frontmatter-scalar",
        "frontmatter-wrong-type-weight", "frontmatter-wrong-type-draft", "frontmatter-wrong-type-title",
        "frontmatter-wrong-type-aliases", "frontmatter-unterminated", "frontmatter-duplicate-keys", "frontmatter-unknown-key",
        "frontmatter-alias-bomb",
        // docgen.yml.
        "config-not-yaml", "config-markdown", "config-list", "config-scalar", "config-unknown-key", "config-wrong-type",
        "config-wrong-type-bool", "config-bad-clusters", "config-is-folder", "config-fifo", "config-invalid-utf8",
        "config-deep-nesting",
        // Themes.
        "theme-missing", "theme-template-syntax-error", "theme-without-page-template", "theme-recursive-partial",
        "theme-template-invalid-utf8",
        // Code blocks.
        "codeblock-unknown-attribute", "codeblock-info-syntax", "codeblock-unterminated",
        // Links.
        "link-relative-etc-passwd", "link-absolute-etc-passwd", "link-file-url", "link-javascript-url", "image-outside-content",
        "image-file-url", "link-reference-undefined", "link-folder-without-index", "link-anchor-missing", "duplicate-heading-ids",
        // Output paths.
        "duplicate-slug-space-dash", "duplicate-slug-case", "duplicate-slug-unicode-normalization", "duplicate-folder-slug",
        "page-and-file-clash", "reserved-404-page", "reserved-search-index", "unicode-names",
        // The file system.
        "symlink-loop-files", "symlink-loop-folder", "symlink-outside-file", "symlink-outside-folder", "dangling-symlink",
        "fifo-page", "folder-named-md", "content-argument-fifo", "content-argument-missing", "output-under-file",
        "output-is-file", "project-missing",
    ]

    @Test("each malformed project gets its diagnostic, with the right exit status and no crash", arguments: cases)
    func badInput(name: String) throws {
        let badCase = try BadInputCase(name: name)
        let project = try badCase.prepare()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let run = try BadInputRun.docgen(badCase.arguments(project: project), in: project, timeout: badCase.expected.maxSeconds ?? 60)

        #expect(!run.timedOut, "docgen did not finish within \(badCase.expected.maxSeconds ?? 60) s (a hang?)")
        #expect(run.exitedNormally, "docgen was killed by signal \(run.status): \(run.stderr.suffix(2000))")
        for trap in ["Fatal error", "Stack dump", "Segmentation fault", "Illegal instruction", "Current stack trace"] {
            #expect(!run.stderr.contains(trap), "docgen crashed: \(run.stderr.suffix(2000))")
        }
        if let status = badCase.expected.exit {
            #expect(run.status == status, "exit status \(run.status), expected \(status):\n\(run.stderr.suffix(3000))")
        }
        let reported = ReportedDiagnostic.parse(run.stderr)
        for expected in badCase.expected.diagnostics {
            let matches = reported.filter { $0.id == expected.id && (expected.location == nil || $0.location == expected.location) }
            #expect(!matches.isEmpty, "expected \(expected.id) at \(expected.location ?? "any place"); got:\n\(run.stderr.suffix(3000))")
        }
        if badCase.expected.exit == 0 {
            #expect(!reported.contains { $0.severity == "error" }, "a build that should pass reported errors:\n\(run.stderr)")
        }
        // Every problem docgen reports must say what is wrong and how to fix it.
        for diagnostic in reported where diagnostic.severity == "error" || badCase.expected.diagnostics.contains(where: { $0.id == diagnostic.id }) {
            #expect(diagnostic.isUnderstandable, "unclear message: \(diagnostic)")
        }
        if let status = badCase.expected.exit, status == 2 {
            #expect(reported.contains { $0.severity == "error" && $0.id != nil }, "exit 2 without an error id:\n\(run.stderr)")
        }
        let site = project.appendingPathComponent("site")
        for (path, text) in badCase.expected.outputContains ?? [:] {
            let html = try? String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            #expect(html?.contains(text) == true, "site/\(path) should contain \(text)")
        }
        for path in badCase.expected.outputMissing ?? [] {
            #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path), "site/\(path) must not be written")
        }
        if name == "output-is-file" {
            let notes = try String(contentsOf: project.appendingPathComponent("notes.txt"), encoding: .utf8)
            #expect(notes == "a file\n", "the file named by --output must be left alone")
        }
    }

    @Test("every folder of the corpus is in the table, and the corpus has at least 60 cases")
    func allCasesAreListed() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: BadInputCase.corpus.path).filter { !$0.hasPrefix(".") }
        #expect(Set(folders) == Set(Self.cases))
        #expect(Self.cases.count >= 60)
    }

    @Test("--format json stays valid JSON for pages with bad bytes and odd names", arguments: [
        "utf8-latin1", "nul-byte", "control-character", "unicode-names", "binary-png-named-md", "mixed-line-endings",
    ])
    func jsonStaysValid(name: String) throws {
        let badCase = try BadInputCase(name: name)
        let project = try badCase.prepare()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let run = try BadInputRun.docgen(["check", project.path, "--format", "json"], in: project, timeout: 60)
        #expect(run.exitedNormally)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        for expected in badCase.expected.diagnostics {
            #expect(objects.contains { object in
                object["id"] as? String == expected.id
                    && expected.location.map { "\(object["file"] ?? ""):\(object["line"] ?? 0):\(object["column"] ?? 0)" == $0 } ?? true
            }, "\(expected.id) missing from \(run.stdout)")
        }
    }
}

/// One case of the corpus: its folder, its `expected.json`, and how to make what git cannot hold.
struct BadInputCase {
    /// What `expected.json` records.
    struct Expected: Decodable {
        /// One diagnostic that must be reported: its id and `file:line:column` (nil: any place, or none).
        struct ExpectedDiagnostic: Decodable {
            var id: String
            var location: String?
        }

        var description: String
        /// The exit status; nil only when either outcome is acceptable as long as nothing crashes.
        var exit: Int32?
        var diagnostics: [ExpectedDiagnostic]
        /// A step of `BadInputCase.setUp`, for what cannot be committed.
        var setup: String?
        /// Extra arguments after `build DIR`; `{project}` is replaced by the project's path.
        var arguments: [String]?
        /// When true, `arguments` replace the project folder argument.
        var noProjectArgument: Bool?
        var maxSeconds: Double?
        /// Site files (relative to `site/`) and text each must contain.
        var outputContains: [String: String]?
        /// Site paths that must not exist.
        var outputMissing: [String]?
    }

    static let corpus = TestSupport.fixtures.appendingPathComponent("bad-input")

    let name: String
    let expected: Expected

    init(name: String) throws {
        self.name = name
        let data = try Data(contentsOf: Self.corpus.appendingPathComponent(name).appendingPathComponent("expected.json"))
        expected = try JSONDecoder().decode(Expected.self, from: data)
    }

    /// The arguments of the `docgen` run.
    func arguments(project: URL) -> [String] {
        let extra = (expected.arguments ?? []).map { $0.replacingOccurrences(of: "{project}", with: project.path) }
        return expected.noProjectArgument == true ? ["build"] + extra : ["build", project.path] + extra
    }

    /// A temporary copy of the case (without `expected.json`), with the run-time parts made.
    func prepare() throws -> URL {
        let project = try TestSupport.temporaryDirectory().appendingPathComponent(name)
        try FileManager.default.copyItem(at: Self.corpus.appendingPathComponent(name), to: project)
        try FileManager.default.removeItem(at: project.appendingPathComponent("expected.json"))
        if let setup = expected.setup { try setUp(setup, in: project) }
        return project
    }

    private func setUp(_ step: String, in project: URL) throws {
        let manager = FileManager.default
        let content = project.appendingPathComponent("content")
        func write(_ text: String, _ path: String) throws {
            let url = project.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        func link(_ path: String, to destination: String) throws {
            try manager.createSymbolicLink(atPath: project.appendingPathComponent(path).path, withDestinationPath: destination)
        }
        func fifo(_ path: String) throws {
            guard mkfifo(project.appendingPathComponent(path).path, 0o644) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        switch step {
        case "empty-content-folder":
            try manager.createDirectory(at: content, withIntermediateDirectories: true)
        case "huge-page":
            try write(Self.hugePage(bytes: 50 * 1024 * 1024), "content/big.md")
        case "long-line":
            try write("# Long line\n\n" + String(repeating: "word ", count: 400_000) + "\n", "content/long.md")
        case "name-too-long":
            try write("# Long\n", "content/" + String(repeating: "b", count: 252) + ".md")
        case "config-fifo":
            try fifo("docgen.yml")
        case "case-clash":
            try write("# Upper\n", "content/Foo.md")
            try write("# Lower\n", "content/foo.md")
        case "nfc-nfd-clash":
            try write("# Composed\n", "content/caf\u{E9}.md")
            try write("# Decomposed\n", "content/cafe\u{301}.md")
        case "symlink-loop-files":
            try link("content/a.md", to: "b.md")
            try link("content/b.md", to: "a.md")
        case "symlink-loop-folder":
            try link("content/loop", to: ".")
        case "symlink-outside-file":
            try link("content/passwd.md", to: "/etc/passwd")
        case "symlink-outside-folder":
            try link("content/etc", to: "/etc")
        case "dangling-symlink":
            try link("content/gone.md", to: "deleted.md")
        case "fifo-page":
            try fifo("content/pipe.md")
        case "folder-named-md":
            try manager.createDirectory(at: content.appendingPathComponent("notes.md"), withIntermediateDirectories: true)
        case "content-argument-fifo":
            try fifo("page.md")
        default:
            Issue.record("unknown setup step \(step)")
        }
    }

    /// A realistic page of about `bytes` bytes: sections with prose, lists, a table, code and links.
    static func hugePage(bytes: Int) -> String {
        let section = """
            ## Section

            Slurm jobs on **Saga** share nodes, so ask for the memory you need with `--mem-per-cpu` and
            check the [storage page](index.md) before writing large files. See also [the top](#section).

            - one item with *emphasis*
            - another item with a [link](https://example.org/docs)
              1. nested
              2. ordered

            | Cluster | Cores | Memory |
            |---------|------:|-------:|
            | Saga    | 40    | 186 GB |

            ```python
            import os
            print(os.environ["SLURM_JOB_ID"])
            ```

            > [!NOTE]
            > Quotas are checked nightly.


            """
        var page = "---\ntitle: A very large page\n---\n\n"
        page.reserveCapacity(bytes + section.utf8.count)
        while page.utf8.count < bytes { page += section }
        return page
    }
}

/// One diagnostic line of docgen's text report, with its fix-it line if any.
struct ReportedDiagnostic: CustomStringConvertible {
    var location: String?
    var severity: String
    var id: String?
    var message: String
    var fixIt: String?

    /// Words of an instruction: a message without a fix-it must still say what to do.
    static let instructions = [
        "add ", "create ", "pass ", "fix ", "rename ", "remove ", "re-save", "write ", "delete ", "make ", "check ",
        "give ", "correct ", "quote ", "replace ", "use ", "pick ", "link to", "point it", "publish ",
    ]

    /// Says what is wrong (a real sentence, no raw error dump) and how to fix it.
    var isUnderstandable: Bool {
        let text = message.lowercased()
        let raw = ["error domain=", "nscocoaerrordomain", "swift.", "(null)", "optional("].contains { text.contains($0) }
        let explains = fixIt.map { !$0.isEmpty } ?? false || Self.instructions.contains { text.contains($0) }
        return message.count >= 20 && !raw && explains
    }

    var description: String {
        "\(location ?? "-"): \(severity)[\(id ?? "")]: \(message)" + (fixIt.map { " / fix-it: \($0)" } ?? "")
    }

    /// Parses `path:line:column: severity[id]: message` lines, `error[id]: message` and `error: message`
    /// lines (unlocated environment errors), and the `    fix-it: ...` lines under them.
    static func parse(_ report: String) -> [ReportedDiagnostic] {
        var result: [ReportedDiagnostic] = []
        for line in report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("    fix-it: "), !result.isEmpty {
                result[result.count - 1].fixIt = String(line.dropFirst("    fix-it: ".count))
                continue
            }
            if let diagnostic = located(line) ?? unlocated(line) { result.append(diagnostic) }
        }
        return result
    }

    private static func located(_ line: String) -> ReportedDiagnostic? {
        for severity in ["error", "warning", "note"] {
            guard let marker = line.range(of: ": \(severity)[") else { continue }
            let location = String(line[..<marker.lowerBound])
            let parts = location.split(separator: ":")
            guard parts.count >= 3, Int(parts[parts.count - 1]) != nil, Int(parts[parts.count - 2]) != nil,
                  let close = line[marker.upperBound...].range(of: "]: ")
            else { continue }
            return ReportedDiagnostic(
                location: location, severity: severity, id: String(line[marker.upperBound..<close.lowerBound]),
                message: String(line[close.upperBound...]))
        }
        return nil
    }

    private static func unlocated(_ line: String) -> ReportedDiagnostic? {
        if line.hasPrefix("error["), let close = line.range(of: "]: ") {
            return ReportedDiagnostic(
                location: nil, severity: "error", id: String(line[line.index(line.startIndex, offsetBy: 6)..<close.lowerBound]),
                message: String(line[close.upperBound...]))
        }
        if line.hasPrefix("error: ") {
            return ReportedDiagnostic(location: nil, severity: "error", id: nil, message: String(line.dropFirst(7)))
        }
        return nil
    }
}

/// A run of the `docgen` binary that cannot hang the tests: output goes to files (no pipe can
/// fill up), and a run that outlives its timeout is killed and reported.
struct BadInputRun {
    var status: Int32
    var exitedNormally: Bool
    var timedOut: Bool
    var stdout: String
    var stderr: String

    static func docgen(_ arguments: [String], in directory: URL, timeout: Double) throws -> BadInputRun {
        let outputs = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outputs) }
        let outURL = outputs.appendingPathComponent("stdout"), errURL = outputs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = TestSupport.docgenBinary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["GITHUB_ACTIONS"] = nil
        environment["CI"] = nil
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return BadInputRun(
            status: process.terminationStatus, exitedNormally: process.terminationReason == .exit, timedOut: timedOut,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
