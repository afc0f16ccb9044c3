import DocgenCore
import Testing

/// `isAllASCII` answers as a byte-by-byte check does, for strings and substrings.
@Suite("ASCII check")
struct ASCIICheckTests {
    @Test("every byte below 0x80", arguments: [
        "", "a", "saga.md#memory", "\u{7F}\u{00}\t", "café", "…", "x\u{80}", String(repeating: "abcdefgh", count: 40) + "é",
        String(repeating: "0123456789", count: 100),
    ])
    func matchesByteCheck(text: String) {
        #expect(text.isAllASCII == text.utf8.allSatisfy { $0 < 0x80 })
        let tail = text.dropFirst()
        #expect(tail.isAllASCII == tail.utf8.allSatisfy { $0 < 0x80 })
    }
}
