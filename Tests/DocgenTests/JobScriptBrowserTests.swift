import Foundation
import Testing

/// The job-script template forms (`assets/jobscript.js`) against the Swift generator and linter, in headless
/// Chromium (`Tests/browser/jobscript_check.py`; `make test` installs chromium, chromedriver and selenium).
///
/// The cases are the specs in `Fixtures/jobscript-form/specs.json`, written as JSON (which is also YAML) in the
/// canonical shape of a page's `data-spec` (times, memory and arrays as Slurm strings, `mpi` given). For each
/// one the real binary, `docgen jobscript --spec FILE.yaml`, gives the script (stdout) and the diagnostics
/// (stderr, `path:line:col: severity[ID]: message`). The browser check then requires
/// `docgenJobScript.generate(spec)` to equal the script byte for byte and `docgenJobScript.lint(spec)` to give the
/// same (id, severity) pairs, counted over the rules the form mirrors, notes included.
@Suite("Job-script forms in a real browser")
struct JobScriptBrowserTests {
    /// The fixture site with the template cards.
    static let fixture = "jobscript-form"

    /// One diagnostic of `docgen jobscript`.
    struct Finding {
        var id: String
        var severity: String
        var message: String

        var json: [String: String] { ["id": id, "severity": severity, "message": message] }
    }

    /// `path:line:col: severity[ID]: message` lines of stderr.
    static func findings(_ stderr: String) throws -> [Finding] {
        let pattern = try NSRegularExpression(pattern: #"^.*?:\d+:\d+: (error|warning|note)\[([^\]]+)\]: (.*)$"#)
        return stderr.split(separator: "\n").compactMap { line in
            let text = String(line)
            let range = NSRange(text.startIndex..., in: text)
            guard let match = pattern.firstMatch(in: text, range: range),
                let severity = Range(match.range(at: 1), in: text), let id = Range(match.range(at: 2), in: text),
                let message = Range(match.range(at: 3), in: text)
            else { return nil }
            return Finding(id: String(text[id]), severity: String(text[severity]), message: String(text[message]))
        }
    }

    @Test("the form's generator and checks match docgen jobscript, and the form, copy and download work")
    func forms() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/bin/python3"] {
            try #require(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: run `make test-deps`")
        }
        let work = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }

        // (1) The fixture site.
        let project = try TestSupport.copyFixture(Self.fixture)
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let site = work.appendingPathComponent("site")
        let build = try ProcessOutput.docgen(["build", project.path, "--output", site.path])
        try #require(build.status == 0, "\(build.stderr)")

        // (2) The Swift side of every case, from the real binary.
        let specsURL = TestSupport.fixtures.appendingPathComponent("\(Self.fixture)/specs.json")
        let table = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: specsURL)) as? [[String: Any]])
        #expect(table.count >= 12)
        var cases: [[String: Any]] = []
        for (index, entry) in table.enumerated() {
            let name = try #require(entry["name"] as? String)
            let spec = try #require(entry["spec"])
            let file = work.appendingPathComponent("spec-\(index).yaml")
            try JSONSerialization.data(withJSONObject: spec, options: [.sortedKeys]).write(to: file)
            let run = try ProcessOutput.docgen(["jobscript", "--spec", file.path])
            #expect(!run.stdout.isEmpty, "\(name): docgen jobscript printed no script: \(run.stderr)")
            #expect(!run.stderr.contains("error[jobspec."), "\(name): the spec itself is invalid: \(run.stderr)")
            guard !run.stdout.isEmpty else { continue }
            // Line 2 is `# FILE: a job script for CLUSTER, made by docgen jobscript`.
            let header = run.stdout.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
            let filename = header.dropFirst(2).components(separatedBy: ": a job script for ").first ?? ""
            cases.append([
                "name": name, "spec": spec, "script": run.stdout, "filename": filename,
                "diagnostics": try Self.findings(run.stderr).map(\.json),
            ])
        }
        let casesURL = work.appendingPathComponent("cases.json")
        try JSONSerialization.data(withJSONObject: cases, options: [.sortedKeys, .prettyPrinted]).write(to: casesURL)

        // (3) The browser check.
        let (status, report) = try ProcessOutput.python([ProcessOutput.browserScript("jobscript_check.py"), site.path, casesURL.path])
        #expect(status == 0, "\(report)")
        #expect(report.contains(" passed, 0 failed"), "\(report)")
    }
}
