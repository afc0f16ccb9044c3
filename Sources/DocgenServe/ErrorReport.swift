import DocgenCore
import Foundation

/// The diagnostics of a failed build, as the JSON the browser overlay renders.
struct ErrorReport: Encodable, Sendable, Equatable {
    /// One diagnostic, flattened for JavaScript.
    struct Entry: Encodable, Sendable, Equatable {
        /// `file:line:column`.
        var location: String
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var id: String
        var message: String
    }

    /// The overlay's heading.
    var title: String
    /// Errors first, then warnings and notes, each in file order.
    var diagnostics: [Entry]

    /// The report of a build that finished with errors.
    init(diagnostics: [Diagnostic]) {
        let errors = diagnostics.count { $0.severity == .error }
        title = "docgen: the build has \(errors) error\(errors == 1 ? "" : "s"); showing the last good site"
        let ordered = diagnostics.sorted { ($1.severity, $0.location) < ($0.severity, $1.location) }
        self.diagnostics = ordered.map {
            Entry(
                location: $0.location.description, file: $0.location.file, line: $0.location.line, column: $0.location.column,
                severity: $0.severity.rawValue, id: $0.id, message: $0.message)
        }
    }

    /// The report of a build that could not run at all (configuration or environment).
    init(failure: String) {
        title = "docgen: the build failed; showing the last good site"
        diagnostics = [Entry(location: "docgen", file: "", line: 0, column: 0, severity: "error", id: "build.failed", message: failure)]
    }

    /// The `errors` event carrying this report as one line of JSON.
    var event: ServerEvent {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"title\":\"docgen: the build failed\",\"diagnostics\":[]}"
        return ServerEvent(name: "errors", data: json)
    }
}
