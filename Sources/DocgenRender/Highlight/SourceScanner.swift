/// A cursor over a code block's characters with the small matchers every language lexer needs,
/// writing escaped HTML with `<span class="hl-KIND">` around tokens as it goes.
struct SourceScanner {
    let characters: [Character]
    var index = 0
    private(set) var html = ""

    init(_ text: String) {
        characters = Array(text)
        html.reserveCapacity(text.utf8.count + text.utf8.count / 2)
    }

    var isAtEnd: Bool { index >= characters.count }
    var current: Character? { index < characters.count ? characters[index] : nil }

    func peek(_ offset: Int = 1) -> Character? {
        let position = index + offset
        return position < characters.count ? characters[position] : nil
    }

    /// Whether the text at the cursor starts with `prefix`.
    func starts(with prefix: String) -> Bool {
        var position = index
        for character in prefix {
            guard position < characters.count, characters[position] == character else { return false }
            position += 1
        }
        return true
    }

    /// Whether the cursor is at the first non-blank character of its line.
    var isAtLineStart: Bool {
        var position = index - 1
        while position >= 0 {
            let character = characters[position]
            if character == "\n" { return true }
            if character != " " && character != "\t" { return false }
            position -= 1
        }
        return true
    }

    /// Copies one character unmarked.
    mutating func emitPlain() {
        guard let character = current else { return }
        html += Self.escape(character)
        index += 1
    }

    /// Marks the characters from `start` to the cursor as one token.
    mutating func emit(_ kind: TokenKind?, from start: Int) {
        // The cursor may have been moved past the end by a lexer's fixed-size step; never slice beyond it.
        let end = min(index, characters.count)
        guard start < end else { return }
        let text = String(characters[start..<end])
        if let kind {
            html += "<span class=\"hl-\(kind.rawValue)\">\(HTMLEscaping.escape(text))</span>"
        } else {
            html += HTMLEscaping.escape(text)
        }
    }

    /// Advances to the end of the line (not past the newline).
    mutating func skipToLineEnd() {
        while let character = current, character != "\n" { index += 1 }
    }

    /// Advances past a quoted string that started at the cursor; `\` escapes when `escapes` is set.
    mutating func skipQuoted(_ quote: Character, escapes: Bool = true, multiline: Bool = true) {
        index += 1
        while let character = current {
            if escapes, character == "\\" {
                // A backslash as the block's last character escapes nothing: stop at the end, not past it.
                index = min(index + 2, characters.count)
                continue
            }
            if !multiline, character == "\n" { return }
            index += 1
            if character == quote { return }
        }
    }

    /// Advances past letters, digits and the given extra characters.
    mutating func skipWord(extra: Set<Character> = ["_"]) {
        while let character = current, character.isLetter || character.isNumber || extra.contains(character) { index += 1 }
    }

    /// Advances past a number (digits, `.`, exponents, hex, `_`, unit suffixes are left alone).
    mutating func skipNumber() {
        if current == "0", let next = peek(), next == "x" || next == "X" {
            index += 2
            while let character = current, character.isHexDigit { index += 1 }
            return
        }
        while let character = current, character.isNumber || character == "." || character == "_" { index += 1 }
        if let character = current, character == "e" || character == "E", let next = peek(), next.isNumber || next == "-" || next == "+" {
            index += 2
            while let character = current, character.isNumber { index += 1 }
        }
    }

    /// The word at the cursor without moving.
    func word(extra: Set<Character> = ["_"]) -> String {
        var position = index
        var result = ""
        while position < characters.count, characters[position].isLetter || characters[position].isNumber || extra.contains(characters[position]) {
            result.append(characters[position])
            position += 1
        }
        return result
    }

    private static func escape(_ character: Character) -> String {
        switch character {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\"": "&quot;"
        case "'": "&#39;"
        default: String(character)
        }
    }
}
