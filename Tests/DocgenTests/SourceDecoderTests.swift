import DocgenCore
@testable import DocgenSite
import Foundation
import Testing

/// `SourceDecoder` finds the first invisible control character wherever it sits among the eight-byte
/// words it scans, and ignores the control characters text may hold.
@Suite("Source decoder")
struct SourceDecoderTests {
    /// The bytes below 0x20 other than the allowed ones, DEL, and near misses that are not controls.
    static let controls: [UInt8] = [0x01, 0x07, 0x08, 0x0B, 0x0E, 0x1B, 0x1F, 0x7F]

    @Test("a control character at any position of texts of up to 24 bytes is found there", arguments: controls)
    func findsControlAtEveryPosition(control: UInt8) throws {
        for length in 1...24 {
            for position in 0..<length {
                // Around it, bytes that are no controls (so only this one can make a word be looked at
                // closely), or allowed controls and bytes above DEL.
                for filler: [UInt8] in [[0x61, 0x20, 0x7E, 0x80, 0xC3, 0x41, 0x21, 0x30], [0x61, 0x09, 0x0A, 0x0C, 0x20, 0x80, 0xC3, 0x7E]] {
                    var bytes = (0..<length).map { filler[$0 % 8] }
                    bytes[position] = control
                    var diagnostics: [Diagnostic] = []
                    _ = SourceDecoder.decode(Data(bytes), file: "page.md", diagnostics: &diagnostics)
                    let found = diagnostics.filter { $0.id == "file.control-character" }
                    #expect(found.count == 1, "length \(length), position \(position)")
                    let line = bytes[..<position].filter { $0 == 0x0A }.count + 1
                    #expect(found.first?.location.line == line, "length \(length), position \(position)")
                }
            }
        }
    }

    @Test("tabs, line feeds, form feeds, carriage returns and bytes above DEL are no control characters")
    func allowsTextControls() {
        for length in 0...24 {
            let bytes = (0..<length).map { offset -> UInt8 in [0x09, 0x0A, 0x0C, 0x0D, 0x0A, 0x20, 0x7E, 0x41][offset % 8] }
            var diagnostics: [Diagnostic] = []
            _ = SourceDecoder.decode(Data(bytes), file: "page.md", diagnostics: &diagnostics)
            #expect(!diagnostics.contains { $0.id == "file.control-character" }, "length \(length)")
        }
    }
}
