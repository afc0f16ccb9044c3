import DocgenCore
import DocgenSite
import Foundation

/// Prints diagnostics as compiler-style lines on stderr, or as a JSON array on stdout.
struct DiagnosticReporter {
    let format: CommonOptions.Format

    func report(_ result: BuildResult, wroteOutput: Bool) {
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
        case .text:
            var lines = result.diagnostics.map(\.formatted)
            if ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" {
                lines += result.diagnostics.filter { $0.severity != .note }.map(githubAnnotation)
            }
            if !lines.isEmpty { FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
        }
        FileHandle.standardError.write(Data((summary(result, wroteOutput: wroteOutput) + "\n").utf8))
    }

    private func summary(_ result: BuildResult, wroteOutput: Bool) -> String {
        let errors = result.count(.error), warnings = result.count(.warning)
        let counts = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        let time = String(format: "%.2f s", result.duration)
        let pages = "\(result.pageCount) page\(result.pageCount == 1 ? "" : "s")"
        if let output = result.outputURL {
            return "docgen: built \(pages) into \(output.path) in \(time): \(counts)"
        }
        if result.hasErrors {
            return "docgen: \(counts) in \(pages)\(wroteOutput ? "; the site was not written, the previous one is unchanged" : "")"
        }
        return "docgen: checked \(pages) in \(time): \(counts)"
    }

    private func githubAnnotation(_ diagnostic: Diagnostic) -> String {
        let kind = diagnostic.severity == .error ? "error" : "warning"
        let location = diagnostic.location
        return "::\(kind) file=\(location.file),line=\(location.line),col=\(location.column),title=\(diagnostic.id)::\(diagnostic.message)"
    }
}
