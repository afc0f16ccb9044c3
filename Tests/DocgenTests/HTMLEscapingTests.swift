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

    /// The eight-bytes-at-a-time scan, with each escapable byte at every position of texts of every
    /// length up to three words, and texts full of near misses (bytes one above or below).
    @Test("the word-at-a-time scan finds every escapable byte and nothing else")
    func wordScan() {
        let escapable: [UInt8] = Array("&<>\"'".utf8)
        let nearMisses: [UInt8] = [0x25, 0x27 + 1, 0x3B, 0x3D, 0x3F, 0x21, 0x23, 0xA6, 0xBC, 0x00, 0xFF, 0x80]
        for length in 0...24 {
            let plain = (0..<length).map { nearMisses[$0 % nearMisses.count] }
            plain.withUnsafeBufferPointer { #expect(!HTMLEscaping.containsEscapable($0), "length \(length)") }
            for position in 0..<length {
                for byte in escapable {
                    var bytes = plain
                    bytes[position] = byte
                    bytes.withUnsafeBufferPointer { #expect(HTMLEscaping.containsEscapable($0), "byte \(byte) at \(position) of \(length)") }
                }
            }
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
