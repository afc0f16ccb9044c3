import Foundation

/// Byte fast paths for the text checks of the linter, each exact: it answers as the Character or
/// Foundation form it stands in for, and falls back to that form on text where bytes could differ.
///
/// On text whose bytes are all ASCII and that has no carriage return, every Character is one byte
/// (a combining mark is non-ASCII; `"\r\n"` is the only ASCII pair that makes one Character), so
/// Character-by-Character and byte-by-byte walks agree, and so do Foundation's Unicode-aware searches.
enum SlurmText {
    /// Whether every Character of `text` is a single ASCII byte: no byte above 0x7F and no carriage return.
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != ASCIIText.carriageReturn }
    }

    /// Whether every Character of `text` is a single ASCII byte.
    static func isPlainASCII(_ text: Substring) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != ASCIIText.carriageReturn }
    }

    /// Foundation's `text.contains(needle)`, by bytes when both are plain ASCII.
    static func contains(_ text: String, _ needle: String) -> Bool {
        guard isPlainASCII(text), isPlainASCII(needle) else { return text.contains(needle) }
        return utf8Contains(text.utf8, needle.utf8)
    }

    /// Foundation's `text.contains(needle)`, by bytes when both are plain ASCII.
    static func contains(_ text: Substring, _ needle: String) -> Bool {
        guard isPlainASCII(text), isPlainASCII(needle) else { return text.contains(needle) }
        return utf8Contains(text.utf8, needle.utf8)
    }

    /// Whether the UTF-8 bytes of `needle` occur in `text`; a cheap test that rules out anything that has
    /// `needle` in it whatever the Character boundaries.
    static func utf8Contains(_ text: String, _ needle: String) -> Bool {
        utf8Contains(text.utf8, needle.utf8)
    }

    private static func utf8Contains(_ text: some Collection<UInt8>, _ needle: String.UTF8View) -> Bool {
        // Foundation finds no empty string.
        guard let first = needle.first else { return false }
        var index = text.startIndex
        while index != text.endIndex {
            if text[index] == first, text[index...].starts(with: needle) { return true }
            text.formIndex(after: &index)
        }
        return false
    }

    /// `characters.contains(where: text.contains)`: whether `text` has one of `characters` (plain ASCII), by
    /// bytes when `text` is plain ASCII.
    static func containsAny(of characters: String, in text: String) -> Bool {
        guard isPlainASCII(text) else { return characters.contains(where: text.contains) }
        return text.utf8.contains { characters.utf8.contains($0) }
    }

    /// Foundation's `text.trimmingCharacters(in: .whitespaces)`, without building the character set
    /// when the text is plain ASCII (whose only `.whitespaces` members are space and tab).
    static func trimmingWhitespaces(_ text: String) -> String {
        guard isPlainASCII(text), let trimmed = ASCIIText.trimmingSpacesAndTabs(text, leading: true, trailing: true) else {
            return text.trimmingCharacters(in: .whitespaces)
        }
        return trimmed
    }

    /// `text.allSatisfy { $0.isASCII && $0.isNumber }` for non-empty text: every Character an ASCII digit.
    /// Digits are single bytes that never join a neighbour, so this holds exactly when every byte is one.
    static func isDigits(_ text: String) -> Bool {
        !text.utf8.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
