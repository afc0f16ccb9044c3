public import DocgenVerify
public import Foundation
import DocgenCore

/// Applies `--bless` edits: rewrites the shown output of mismatched transcript commands in the
/// Markdown sources, and nothing else.
public enum Blesser {
    /// Applies `edits` to the files they name (paths relative to `projectDirectory`); returns the files changed.
    public static func apply(_ edits: [SourceEdit], projectDirectory: URL) throws -> [String] {
        var changed: [String] = []
        for (file, fileEdits) in Dictionary(grouping: edits, by: \.file).sorted(by: { $0.key < $1.key }) {
            let url = projectDirectory.appendingPathComponent(file)
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw DocgenError("cannot read \(file) to bless it: \(error.localizedDescription)")
            }
            let newline = text.contains("\r\n") ? "\r\n" : "\n"
            var lines = text.components(separatedBy: newline)
            // Bottom-up, so earlier line numbers stay valid.
            for edit in fileEdits.sorted(by: { $0.start > $1.start }) {
                let start = edit.start - 1
                let end = edit.end
                guard start >= 0, start <= lines.count, end >= start, end <= lines.count else { continue }
                lines.replaceSubrange(start..<end, with: edit.replacement)
            }
            let updated = lines.joined(separator: newline)
            guard updated != text else { continue }
            do { try updated.write(to: url, atomically: true, encoding: .utf8) } catch {
                throw DocgenError("cannot write \(file): \(error.localizedDescription)")
            }
            changed.append(file)
        }
        return changed
    }
}
