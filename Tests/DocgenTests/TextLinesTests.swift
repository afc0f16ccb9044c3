import DocgenMarkdown
import Testing

/// Line starts found with `memchr` must be the ones a byte-by-byte walk finds.
@Suite("Text lines")
struct TextLinesTests {
    /// The byte offset of every line start, by walking the bytes one at a time.
    static func referenceOffsets(_ text: String) -> [Int] {
        var offsets = [0]
        for (offset, byte) in text.utf8.enumerated() where byte == UInt8(ascii: "\n") { offsets.append(offset + 1) }
        return offsets
    }

    @Test("line starts", arguments: [
        "", "\n", "\n\n", "one", "one\n", "one\ntwo", "one\r\ntwo\r\n", "æøå\nlinje 2\n\n🙂 tre",
        "e\u{301}\nx", String(repeating: "a long line of text\n", count: 500) + "end",
    ])
    func starts(_ text: String) {
        let offsets = TextLines.starts(of: text).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) }
        #expect(offsets == Self.referenceOffsets(text))
    }

    @Test("a substring's text, not its base string, is split")
    func slice() {
        let base = "front: matter\n---\nbody line\nlast"
        let body = String(base.split(separator: "-").last ?? "")
        let offsets = TextLines.starts(of: body).map { body.utf8.distance(from: body.utf8.startIndex, to: $0) }
        #expect(offsets == Self.referenceOffsets(body))
    }
}
