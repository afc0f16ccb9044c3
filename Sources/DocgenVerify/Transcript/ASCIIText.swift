import DocgenCore

/// Byte-level fast paths for text checks that are exact on UTF-8 bytes.
///
/// A Character equals `" "` or `"\t"` only when it is that single byte, and an ASCII byte next to a
/// space or tab is always a grapheme boundary, so these checks give the same answers as their
/// Character-by-Character forms while skipping grapheme breaking.
enum ASCIIText {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D

    static func isSpaceOrTab(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// Whether every Character of the text is a space or a tab (true for empty text).
    static func isBlank<S: StringProtocol>(_ text: S) -> Bool {
        text.utf8.allSatisfy(isSpaceOrTab)
    }

    /// Whether the text contains `byte`; a cheap way to rule out a Character made of that byte alone.
    static func contains<S: StringProtocol>(_ text: S, byte: UInt8) -> Bool {
        text.containsUTF8Byte(byte)
    }

    /// The text with leading and/or trailing spaces and tabs removed, or nil when a removed run
    /// borders a non-ASCII byte (a combining mark can join a space into one Character, so only the
    /// Character-level trim is exact there).
    static func trimmingSpacesAndTabs<S: StringProtocol>(_ text: S, leading: Bool, trailing: Bool) -> String? {
        let utf8 = text.utf8
        var start = utf8.startIndex
        if leading {
            while start < utf8.endIndex, isSpaceOrTab(utf8[start]) { utf8.formIndex(after: &start) }
            if start != utf8.startIndex, start < utf8.endIndex, utf8[start] >= 0x80 { return nil }
        }
        var end = utf8.endIndex
        if trailing {
            // One forward pass (a generic UTF-8 view only walks forwards): `end` follows the last kept byte.
            end = start
            var lastKept: UInt8 = 0
            var index = start
            while index < utf8.endIndex {
                let byte = utf8[index]
                utf8.formIndex(after: &index)
                if !isSpaceOrTab(byte) {
                    end = index
                    lastKept = byte
                }
            }
            if end != utf8.endIndex, end > start, lastKept >= 0x80 { return nil }
        }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    static func isASCIIDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Whether `word` is a shell assignment `NAME=value` (NAME: a letter or `_`, then letters,
    /// digits and `_`), or nil when a non-ASCII byte near the name leaves that to the Character-level check.
    static func isShellAssignment(_ word: String) -> Bool? {
        let utf8 = word.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte >= 0x80 { return nil }
            if byte == UInt8(ascii: "=") { break }
            index = utf8.index(after: index)
        }
        guard index < utf8.endIndex, index != utf8.startIndex else { return false }
        let afterEquals = utf8.index(after: index)
        // A combining mark after `=` would make it part of another Character.
        if afterEquals < utf8.endIndex, utf8[afterEquals] >= 0x80 { return nil }
        let name = utf8[utf8.startIndex..<index]
        guard let first = name.first, isASCIILetter(first) || first == UInt8(ascii: "_") else { return false }
        return name.allSatisfy { isASCIILetter($0) || isASCIIDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// Whether every byte passes `test`, or nil when the text has a non-ASCII byte (so its
    /// Characters are not its bytes). On ASCII text without CR every Character is one byte.
    static func allSatisfyIfASCII(_ text: Substring, _ test: (UInt8) -> Bool) -> Bool? {
        var result = true
        for byte in text.utf8 {
            if byte >= 0x80 || byte == carriageReturn { return nil }
            if result, !test(byte) { result = false }
        }
        return result
    }
}
