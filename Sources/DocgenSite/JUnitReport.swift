import DocgenCore
import DocgenRender

/// JUnit XML for CI systems: one test case per verified code block, skipped ones with their reason.
public enum JUnitReport {
    /// The XML document for `reports`.
    public static func xml(_ reports: [BlockReport]) -> String {
        let summary = VerificationSummary(reports)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"docgen\" tests=\"\(reports.count)\" failures=\"\(summary.failed)\" skipped=\"\(summary.skipped)\">\n"
        let byFile = Dictionary(grouping: reports, by: \.location.file)
        for file in byFile.keys.sorted() {
            let cases = byFile[file, default: []].sorted { $0.location < $1.location }
            let failures = cases.filter { $0.outcome == .failed }.count
            let skipped = cases.filter { if case .skipped = $0.outcome { true } else { false } }.count
            xml += "  <testsuite name=\"\(escape(file))\" tests=\"\(cases.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\">\n"
            for report in cases {
                let name = "\(report.location.file):\(report.location.line) \(report.kind)"
                xml += "    <testcase classname=\"\(escape(file))\" name=\"\(escape(name))\""
                switch report.outcome {
                case .passed:
                    xml += "/>\n"
                case .skipped(let reason):
                    xml += ">\n      <skipped message=\"\(escape(reason))\"/>\n    </testcase>\n"
                case .failed:
                    let errors = report.diagnostics.filter { $0.severity == .error }
                    let message = errors.first?.message ?? "verification failed"
                    let body = report.diagnostics.map(\.formatted).joined(separator: "\n")
                    xml += ">\n      <failure message=\"\(escape(message))\" type=\"\(escape(errors.first?.id ?? "verify"))\">\(escape(body))</failure>\n    </testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private static func escape(_ text: String) -> String {
        // Control characters other than tab and newline are not allowed in XML 1.0.
        HTMLEscaping.escape(String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" })))
    }
}
