import DocgenCore
import DocgenMarkdown

/// Turns cmark-gfm's byte columns into the character columns people and editors count.
struct LocationMapper {
    let file: String
    private let lines: [Substring]

    init(file: String, text: String) {
        self.file = file
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The text of a 1-based line, or nil past the end.
    func line(_ number: Int) -> Substring? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    /// The location of a 1-based line and 1-based UTF-8 byte column.
    func location(line number: Int, byteColumn: Int) -> SourceLocation {
        guard let text = line(number), byteColumn > 1 else {
            return SourceLocation(file: file, line: number, column: max(1, byteColumn))
        }
        let prefix = text.utf8.prefix(byteColumn - 1)
        let characters = String(decoding: prefix, as: UTF8.self).count
        return SourceLocation(file: file, line: number, column: characters + 1)
    }

    /// The start of a node's range, or line 1 when cmark-gfm gave none.
    func location(of range: SourceRange?) -> SourceLocation {
        guard let range else { return SourceLocation(file: file, line: 1, column: 1) }
        return location(line: range.startLine, byteColumn: range.startColumn)
    }
}
