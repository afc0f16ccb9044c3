import DocgenCore
import DocgenSite
import Foundation

/// Prints diagnostics as compiler-style lines on stderr, or as a JSON array on stdout.
struct DiagnosticReporter {
    let format: CommonOptions.Format

    /// Prints `result`; in text form only `shown` of its diagnostics when given (`docgen serve`
    /// leaves out what an earlier rebuild already printed), all of them otherwise.
    func report(_ result: BuildResult, wroteOutput: Bool, shown: [Diagnostic]? = nil) {
        switch format {
        case .json:
            let objects: [[String: Any]] = result.diagnostics.map {
                [
                    "file": $0.location.file, "line": $0.location.line, "column": $0.location.column,
                    "severity": $0.severity.rawValue, "id": $0.id, "message": $0.message,
                ]
            }
            let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        case .github:
            let lines = result.diagnostics.map(githubAnnotation)
            if !lines.isEmpty { FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
        case .text, .human:
            let printed = shown ?? result.diagnostics
            var lines = printed.map(\.formatted)
            if ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" {
                lines += printed.map(githubAnnotation)
            }
            if !lines.isEmpty { FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
        }
        if !result.blocks.isEmpty {
            let summary = result.verification
            let cached = summary.cached > 0 ? " (\(summary.cached) from cache)" : ""
            FileHandle.standardError.write(Data("docgen: \(summary.line)\(cached)\n".utf8))
        }
        FileHandle.standardError.write(Data((summary(result, wroteOutput: wroteOutput) + "\n").utf8))
    }

    private func summary(_ result: BuildResult, wroteOutput: Bool) -> String {
        let errors = result.count(.error), warnings = result.count(.warning)
        let counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        let time = String(format: "%.2f s", result.duration)
        let pages = "\(result.pageCount) page\(result.pageCount == 1 ? "" : "s")"
        if let output = result.outputURL, result.upToDate {
            return "docgen: nothing changed since the last build of \(pages); \(output.path) is up to date (\(time)): \(counts)"
        }
        if let output = result.outputURL {
            return "docgen: built \(pages) into \(output.path) in \(time): \(counts)"
        }
        if result.hasErrors {
            return "docgen: \(counts) in \(pages)\(wroteOutput ? "; the site was not written, the previous one is unchanged" : "")"
        }
        return "docgen: checked \(pages) in \(time): \(counts)"
    }

    /// A GitHub Actions workflow command; newlines in the message are encoded as Actions expects.
    private func githubAnnotation(_ diagnostic: Diagnostic) -> String {
        let kind = switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        let location = diagnostic.location
        let message = diagnostic.message.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        return "::\(kind) file=\(location.file),line=\(location.line),col=\(location.column),title=\(diagnostic.id)::\(message)"
    }
}
