import DocgenCore
import DocgenMarkdown

/// Turns cmark-gfm's byte columns into the character columns people and editors count.
struct LocationMapper {
    let file: String
    private let text: String
    /// Where each line starts (`TextLines`).
    private let lineStarts: [String.Index]
    /// Whether the whole text is ASCII, found once: then every byte column is a character column,
    /// and the links and headings of a page need no scan of their lines each.
    private let isASCII: Bool

    init(file: String, text: String) {
        self.file = file
        self.text = text
        lineStarts = TextLines.starts(of: text)
        isASCII = text.isAllASCII
    }

    /// The text of a 1-based line (without its line break), or nil past the end.
    func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        let end = number < lineStarts.count ? text.utf8.index(before: lineStarts[number]) : text.endIndex
        var line = text[start..<end]
        if line.utf8.last == UInt8(ascii: "\r") { line = line.dropLast() }
        return line
    }

    /// The location of a 1-based line and 1-based UTF-8 byte column.
    func location(line number: Int, byteColumn: Int) -> SourceLocation {
        guard let text = line(number), byteColumn > 1 else {
            return SourceLocation(file: file, line: number, column: max(1, byteColumn))
        }
        let prefix = text.utf8.prefix(byteColumn - 1)
        // Within a line, ASCII characters are one byte each (only CR LF would join, and a line has no LF).
        if isASCII || prefix.allSatisfy({ $0 < 0x80 }) { return SourceLocation(file: file, line: number, column: prefix.count + 1) }
        let characters = String(decoding: prefix, as: UTF8.self).count
        return SourceLocation(file: file, line: number, column: characters + 1)
    }

    /// The start of a node's range, or line 1 when cmark-gfm gave none.
    func location(of range: SourceRange?) -> SourceLocation {
        guard let range else { return SourceLocation(file: file, line: 1, column: 1) }
        return location(line: range.startLine, byteColumn: range.startColumn)
    }
}
