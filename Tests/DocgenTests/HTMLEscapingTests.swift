@testable import DocgenRender
import Testing

/// Text escaping, which every page's text goes through: the byte test must pick exactly the five
/// characters, and escaping must give what a character-by-character replacement gives.
@Suite("HTML escaping")
struct HTMLEscapingTests {
    @Test("exactly &, <, >, \" and ' need escaping")
    func escapableBytes() {
        let wanted = Set("&<>\"'".utf8)
        for byte in UInt8.min...UInt8.max {
            #expect(HTMLEscaping.needsEscaping(byte) == wanted.contains(byte), "byte \(byte)")
        }
    }

    @Test("escaping matches replacing character by character", arguments: [
        "", "plain", "a < b > c", "\"quoted\" & 'single'", "<script>alert('x')</script>", "café & thé", "@[`{~", "&amp;",
    ])
    func escapes(text: String) {
        let expected = text.map { character -> String in
            switch character {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            default: String(character)
            }
        }.joined()
        #expect(HTMLEscaping.escape(text) == expected)
    }
}
