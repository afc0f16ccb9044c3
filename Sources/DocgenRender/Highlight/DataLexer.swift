/// YAML and JSON: keys, strings, numbers, literals and comments.
enum DataLexer {
    static let literals: Set<String> = ["true", "false", "null", "yes", "no", "on", "off", "True", "False", "Null", "~"]

    /// Characters besides letters and digits in an anchor, alias or tag name.
    private static let anchorExtras: ASCIISet = "_-!"

    static func yaml(_ text: String) -> String {
        var scanner = SourceScanner(text)
        while let character = scanner.current {
            let start = scanner.index
            if character == "#", start == 0 || scanner.units[start - 1].isWhitespace {
                scanner.skipToLineEnd()
                scanner.emit(.comment, from: start)
            } else if scanner.isAtLineStart, scanner.starts(with: "---") || scanner.starts(with: "...") {
                scanner.index += 3
                scanner.emit(.meta, from: start)
            } else if character == "\"" || character == "'" {
                scanner.skipQuoted(character, escapes: character == "\"")
                scanner.emit(isKey(scanner) ? .variable : .string, from: start)
            } else if character == "&" || character == "*" || character == "!" {
                scanner.index += 1
                scanner.skipWord(extra: anchorExtras)
                scanner.emit(.type, from: start)
            } else if character.isLetter || character.isNumber || character == "_" || character == "-" || character == "." || character == "/" || character == "$" {
                if character == "-", let next = scanner.peek(), next == " " || next == "\n" {
                    scanner.index += 1
                    scanner.emit(.operator, from: start)
                    continue
                }
                // A plain scalar runs to the end of the line, a ": " or a " #".
                while let next = scanner.current, next != "\n" {
                    if next == ":", scanner.peek() == nil || scanner.peek() == " " || scanner.peek() == "\n" { break }
                    if next == " ", scanner.peek() == "#" { break }
                    scanner.index += 1
                }
                while scanner.index > start, scanner.units[scanner.index - 1] == " " { scanner.index -= 1 }
                let word = scanner.text(from: start)
                if isKey(scanner) {
                    scanner.emit(.variable, from: start)
                } else if literals.contains(word) {
                    scanner.emit(.keyword, from: start)
                } else if Double(word) != nil || Int(word) != nil {
                    scanner.emit(.number, from: start)
                } else {
                    scanner.emit(.string, from: start)
                }
            } else {
                scanner.emitPlain()
            }
        }
        return String(decoding: scanner.output, as: UTF8.self)
    }

    static func json(_ text: String) -> String {
        var scanner = SourceScanner(text)
        while let character = scanner.current {
            let start = scanner.index
            if character == "\"" {
                scanner.skipQuoted("\"")
                scanner.emit(isKey(scanner) ? .variable : .string, from: start)
            } else if character.isNumber || (character == "-" && scanner.peek()?.isNumber == true) {
                scanner.index += 1
                scanner.skipNumber()
                scanner.emit(.number, from: start)
            } else if character.isLetter {
                scanner.skipWord()
                let word = scanner.text(from: start)
                scanner.emit(literals.contains(word) ? .keyword : nil, from: start)
            } else {
                scanner.emitPlain()
            }
        }
        return String(decoding: scanner.output, as: UTF8.self)
    }

    /// Whether the token just scanned is followed by `:` (spaces allowed), i.e. is a mapping key.
    private static func isKey(_ scanner: SourceScanner) -> Bool {
        let units = scanner.units
        var position = scanner.index
        while position < units.count, units[position] == " " { position += 1 }
        guard position < units.count, units[position] == ":" else { return false }
        let after = position + 1
        return after >= units.count || units[after] == " " || units[after] == "\n" || units[after] == "\t" || !units[after].isLetter
    }
}
