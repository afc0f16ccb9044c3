/// A cursor over a code block's characters with the small matchers every language lexer needs,
/// writing escaped HTML with `<span class="hl-KIND">` around tokens as it goes.
///
/// Positions count characters (grapheme clusters), as `Array(text)` would; each is a `SourceUnit`,
/// so the lexers test bytes instead of `Character`s. Tokens are copied from the text's UTF-8 bytes
/// straight into the output bytes.
struct SourceScanner {
    /// One unit per character of the text.
    let units: [SourceUnit]
    var index = 0
    /// The HTML written so far, as UTF-8.
    var output: [UInt8] = []

    /// The text's UTF-8 bytes.
    private let bytes: [UInt8]
    /// The byte offset of each character and, last, the byte count; nil when every character is one byte.
    private let offsets: [Int]?

    init(_ text: String) {
        self.init(text[...], reservingOutput: true)
    }

    /// A scanner over `text`; `reservingOutput` is false when the caller swaps in its own output buffer.
    init(_ text: Substring, reservingOutput: Bool) {
        let bytes = Array(text.utf8)
        self.bytes = bytes
        // Plain ASCII without carriage returns (a CR LF pair is one character) is one unit per byte.
        if !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) {
            units = bytes.withUnsafeBufferPointer { buffer in
                [SourceUnit](unsafeUninitializedCapacity: buffer.count) { units, count in
                    for (position, byte) in buffer.enumerated() { units.initializeElement(at: position, to: SourceUnit(ascii: byte)) }
                    count = buffer.count
                }
            }
            offsets = nil
        } else {
            var units: [SourceUnit] = []
            var offsets: [Int] = []
            var offset = 0
            for character in text {
                units.append(SourceUnit(character))
                offsets.append(offset)
                offset += character.utf8.count
            }
            offsets.append(offset)
            self.units = units
            self.offsets = offsets
        }
        if reservingOutput { output.reserveCapacity(bytes.count + bytes.count / 2) }
    }

    var isAtEnd: Bool { index >= units.count }
    var current: SourceUnit? { index < units.count ? units[index] : nil }

    func peek(_ offset: Int = 1) -> SourceUnit? {
        let position = index + offset
        return position < units.count ? units[position] : nil
    }

    /// Whether the text at the cursor starts with the ASCII `prefix`.
    func starts(with prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { prefixBytes in
            guard index + prefixBytes.count <= units.count else { return false }
            for (offset, byte) in prefixBytes.enumerated() where units[index + offset].code != byte { return false }
            return true
        }
    }

    /// Whether the cursor is at the first non-blank character of its line.
    var isAtLineStart: Bool {
        var position = index - 1
        while position >= 0 {
            let unit = units[position]
            if unit == "\n" { return true }
            if unit != " " && unit != "\t" { return false }
            position -= 1
        }
        return true
    }

    /// The text of the characters from `start` to the cursor.
    func text(from start: Int) -> String {
        let range = byteRange(start, min(index, units.count))
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// Copies one character unmarked.
    mutating func emitPlain() {
        guard index < units.count else { return }
        let range = byteRange(index, index + 1)
        if range.count == 1 {
            let byte = bytes[range.lowerBound]
            if HTMLEscaping.needsEscaping(byte) {
                HTMLEscaping.entity(byte).withUTF8Buffer { output.append(contentsOf: $0) }
            } else {
                output.append(byte)
            }
        } else {
            // A character of several scalars (`<` with a combining mark, say) is not one of the five
            // escaped characters, and was always copied as it is.
            output.append(contentsOf: bytes[range])
        }
        index += 1
    }

    /// Marks the characters from `start` to the cursor as one token.
    mutating func emit(_ kind: TokenKind?, from start: Int) {
        // The cursor may have been moved past the end by a lexer's fixed-size step; never slice beyond it.
        let end = min(index, units.count)
        guard start < end else { return }
        let range = byteRange(start, end)
        if let kind { kind.spanOpening.withUTF8Buffer { output.append(contentsOf: $0) } }
        bytes.withUnsafeBufferPointer { HTMLEscaping.appendEscaped(UnsafeBufferPointer(rebasing: $0[range]), to: &output) }
        if kind != nil { output.append(contentsOf: Self.spanClosing) }
    }

    private static let spanClosing = Array("</span>".utf8)

    private func byteRange(_ start: Int, _ end: Int) -> Range<Int> {
        guard let offsets else { return start..<end }
        return offsets[start]..<offsets[end]
    }

    /// Advances to the end of the line (not past the newline).
    mutating func skipToLineEnd() {
        while let unit = current, unit != "\n" { index += 1 }
    }

    /// Advances past a quoted string that started at the cursor; `\` escapes when `escapes` is set.
    mutating func skipQuoted(_ quote: SourceUnit, escapes: Bool = true, multiline: Bool = true) {
        index += 1
        while let unit = current {
            if escapes, unit == "\\" {
                // A backslash as the block's last character escapes nothing: stop at the end, not past it.
                index = min(index + 2, units.count)
                continue
            }
            if !multiline, unit == "\n" { return }
            index += 1
            if unit == quote { return }
        }
    }

    /// Advances past letters, digits and the given extra characters.
    mutating func skipWord(extra: ASCIISet = "_") {
        index = wordEnd(extra: extra)
    }

    /// Where the word at the cursor (letters, digits and `extra`) ends.
    func wordEnd(extra: ASCIISet = "_") -> Int {
        var position = index
        while position < units.count, units[position].isLetterOrNumber || extra.contains(units[position]) { position += 1 }
        return max(position, index)
    }

    /// Advances past a number (digits, `.`, exponents, hex, `_`, unit suffixes are left alone).
    mutating func skipNumber() {
        if current == "0", let next = peek(), next == "x" || next == "X" {
            index += 2
            while let unit = current, unit.isHexDigit { index += 1 }
            return
        }
        while let unit = current, unit.isNumber || unit == "." || unit == "_" { index += 1 }
        if let unit = current, unit == "e" || unit == "E", let next = peek(), next.isNumber || next == "-" || next == "+" {
            index += 2
            while let unit = current, unit.isNumber { index += 1 }
        }
    }
}
