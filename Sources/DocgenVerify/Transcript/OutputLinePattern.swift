import Foundation

/// One expected line compiled for matching: `...`, a regular expression (` (re)`), a line with
/// `[..]` wildcards, or literal text.
struct OutputLinePattern {
    enum Kind {
        /// `...` alone on a line: any number of lines, including none.
        case anyLines
        /// Literal pieces with `[..]` between them (one piece: a literal line).
        case glob([String])
        /// A line ending ` (re)`: the rest is an anchored regular expression.
        case regex(NSRegularExpression)
        /// A ` (re)` line whose expression does not compile; it matches nothing.
        case invalidRegex(String)
    }

    var kind: Kind
    /// The table cells of the line (for `match=table`), each compiled as a glob.
    var cells: [[String]]?

    static let wildcard = "[..]"
    static let regexSuffix = " (re)"

    init(_ line: String, table: Bool) {
        if line.trimmingCharacters(in: .whitespaces) == "..." {
            kind = .anyLines
        } else if line.hasSuffix(Self.regexSuffix) {
            let expression = String(line.dropLast(Self.regexSuffix.count))
            do {
                kind = .regex(try NSRegularExpression(pattern: "^(?:\(expression))$"))
            } catch {
                kind = .invalidRegex("'\(expression)' is not a valid regular expression")
            }
        } else {
            kind = .glob(line.components(separatedBy: Self.wildcard))
        }
        if table, case .glob = kind {
            cells = OutputTableCells.split(line).map { $0.components(separatedBy: Self.wildcard) }
        }
    }

    var isAnyLines: Bool {
        if case .anyLines = kind { true } else { false }
    }

    /// Whether the pattern matches one actual line (`actualCells` for table mode).
    func matches(_ line: String, cells actualCells: [String]?) -> Bool {
        switch kind {
        case .anyLines:
            return true
        case .invalidRegex:
            return false
        case .regex(let expression):
            let range = NSRange(line.startIndex..<line.endIndex, in: line)
            return expression.firstMatch(in: line, range: range) != nil
        case .glob(let pieces):
            if Self.glob(pieces, matches: Substring(line)) { return true }
            guard let cells, let actualCells, cells.count == actualCells.count else { return false }
            return zip(cells, actualCells).allSatisfy { Self.glob($0, matches: Substring($1)) }
        }
    }

    /// Whether literal `pieces` with anything between them cover `text`.
    static func glob(_ pieces: [String], matches text: Substring) -> Bool {
        guard let first = pieces.first else { return text.isEmpty }
        if pieces.count == 1 { return text == first }
        guard text.hasPrefix(first) else { return false }
        var rest = text.dropFirst(first.count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        let last = pieces[pieces.count - 1]
        return rest.count >= last.count && rest.hasSuffix(last)
    }
}

/// Splits table rows into cells for `match=table`.
enum OutputTableCells {
    /// Cells separated by `|` or runs of two or more spaces (or tabs), trimmed; rules made of
    /// `-`, `=`, `+` and `:` become `---` so a rule of another width still matches.
    static func split(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var spaces = 0
        var sawPipe = false
        func flush() {
            cells.append(TranscriptStrings.trimmed(current))
            current = ""
        }
        for character in line {
            if character == "|" {
                sawPipe = true
                spaces = 0
                flush()
                continue
            }
            if character == " " || character == "\t" {
                spaces += character == "\t" ? 2 : 1
                current.append(character)
                continue
            }
            if spaces >= 2, !TranscriptStrings.trimmed(current).isEmpty {
                flush()
            }
            spaces = 0
            current.append(character)
        }
        flush()
        if sawPipe {
            if cells.first?.isEmpty == true { cells.removeFirst() }
            if cells.last?.isEmpty == true { cells.removeLast() }
        } else {
            cells.removeAll { $0.isEmpty }
        }
        return cells.map { cell in
            cell.count >= 2 && cell.allSatisfy({ "-=+:".contains($0) }) ? "---" : cell
        }
    }
}
