import DocgenCore
import DocgenMarkdown
import DocgenRender
import Foundation
import Testing

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fixture sites.
    static let fixtures = packageRoot.appendingPathComponent("Tests/DocgenTests/Fixtures")

    /// Golden files are re-recorded instead of compared when this variable is set to 1.
    static var isRecording: Bool { ProcessInfo.processInfo.environment["DOCGEN_RECORD"] == "1" }

    /// The built `docgen` binary (`swift build` puts it beside the test bundle).
    static var docgenBinary: URL {
        // On Linux the test runner is a plain executable in the build folder, so look beside it first.
        let candidates = [Bundle.main.executableURL?.deletingLastPathComponent(), Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for folder in candidates.compactMap({ $0 }) {
            let binary = folder.appendingPathComponent("docgen")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        return packageRoot.appendingPathComponent(".build/debug/docgen")
    }

    /// Renders Markdown the way a page body is rendered (alerts and heading ids applied).
    static func html(_ markdown: String) -> String {
        var root = CmarkParser.parse(markdown)
        AlertTransform.apply(&root)
        HeadingIDTransform.apply(&root)
        return HTMLRenderer().render(root)
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies a fixture site into a temporary folder so a build can write `site/` without touching the repo.
    static func copyFixture(_ name: String) throws -> URL {
        let destination = try temporaryDirectory().appendingPathComponent(name)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: destination)
        return destination
    }

    /// Compares `actual` with the golden file at `path` (relative to the fixtures), or records it.
    static func assertGolden(_ actual: String, _ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = fixtures.appendingPathComponent(path)
        if isRecording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("golden file \(path) is missing; run the tests with DOCGEN_RECORD=1 to create it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from \(path); if the change is intended, re-record with DOCGEN_RECORD=1", sourceLocation: sourceLocation)
    }
}

/// The result of running the `docgen` binary.
struct ProcessOutput {
    var status: Int32
    var stdout: String
    var stderr: String
}

extension ProcessOutput {
    /// Runs `/usr/bin/python3` with `arguments` (the browser and crawl checks in `Tests/browser/`),
    /// its standard output and error merged in the order written; returns the exit status and that report.
    static func python(_ arguments: [String]) throws -> (status: Int32, report: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, report)
    }

    /// The path of a check script in `Tests/browser/`.
    static func browserScript(_ name: String) -> String {
        TestSupport.packageRoot.appendingPathComponent("Tests/browser").appendingPathComponent(name).path
    }

    /// Runs the built `docgen` with `arguments` in `directory`.
    static func docgen(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = TestSupport.docgenBinary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["GITHUB_ACTIONS"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a large report cannot fill a pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
