import DocgenCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a content file's bytes into the text the Markdown parser reads, and says clearly what is
/// wrong when they are not text: not a regular file, a binary file with a `.md` name, UTF-16,
/// invalid UTF-8 or NUL bytes. A UTF-8 byte-order mark is dropped, and lone carriage returns
/// (old Mac line ends) become line feeds, because cmark-gfm counts them as line ends and docgen's
/// own line numbers (front matter, locations) must agree with it.
enum SourceDecoder {
    /// Reads and decodes `file`; nil when there is no text to parse (the diagnostics say why).
    static func read(_ file: SourceFile, diagnostics: inout [Diagnostic]) -> String? {
        let path = file.path
        if let data = regularFileContents(path) { return decode(data, file: file.displayPath, diagnostics: &diagnostics) }
        let start = SourceLocation(file: file.displayPath, line: 1, column: 1)
        // Reading a FIFO would wait forever for a writer, and a device may never end: only regular files are read.
        if let problem = FileKind(path: path, followingLinks: true).unreadableReason(path: path) {
            diagnostics.append(.error(
                "file.unreadable", "cannot read this file: \(problem)", at: start,
                fixIt: .init("replace it with a regular Markdown file, or remove it from the content folder")))
            return nil
        }
        let data: Data
        do {
            data = try Data(contentsOf: file.url)
        } catch {
            diagnostics.append(.error(
                "file.unreadable", "cannot read this file: \(error.localizedDescription)", at: start,
                fixIt: .init("check the file's permissions, or remove it from the content folder")))
            return nil
        }
        return decode(data, file: file.displayPath, diagnostics: &diagnostics)
    }

    /// The bytes of the regular file at `path`, read with one `open`, `fstat` and as few `read`s as
    /// its size allows; nil for anything else (not a regular file, an error), which `read` then
    /// examines the slow way to say what is wrong. `stat` first and `Data(contentsOf:)` after looked
    /// the path up twice and checked the file twice, 1.7% of a 10,000-page build.
    private static func regularFileContents(_ path: String) -> Data? {
        // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard let (kind, size) = FileKind.ofOpenFile(descriptor), kind == .regular else { return nil }
        // One byte more than the size: a read that fills it means the file grew, and reading goes on.
        var data = Data(count: size + 1)
        var filled = 0
        while true {
            if filled == data.count { data.count += max(4096, data.count / 2) }
            let count = data.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            filled += count
        }
        data.count = filled
        return data
    }

    /// The C library's `read`, which `read(_:diagnostics:)` hides inside this type.
    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #elseif canImport(Musl)
        Musl.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    /// Decodes the bytes of a page; nil when they are not text at all (binary, UTF-16).
    static func decode(_ data: Data, file: String, diagnostics: inout [Diagnostic]) -> String? {
        let start = SourceLocation(file: file, line: 1, column: 1)
        if let kind = binaryKind(data) {
            diagnostics.append(.error(
                "file.binary", "this file is not text: it looks like \(kind), but its name ends in .md", at: start,
                fixIt: .init("give it its real extension (e.g. .png) so it is copied as a file, or replace it with Markdown text")))
            return nil
        }
        if let encoding = utf16Encoding(data) {
            diagnostics.append(.error(
                "file.invalid-utf8", "this file is \(encoding) text; docgen reads only UTF-8", at: start,
                fixIt: .init("re-save the file as UTF-8 in your editor (in Notepad: Save as, Encoding: UTF-8)")))
            return nil
        }
        var bytes = data
        // The byte-order mark is not content: dropping it here keeps line 1's columns and a following `---` intact.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = Data(bytes.dropFirst(3)) }
        if hasLoneCarriageReturn(bytes) { bytes = normalizingLoneCarriageReturns(bytes) }
        var text: String
        if let valid = String(validating: bytes, as: UTF8.self) {
            text = valid
        } else {
            let offset = firstInvalidUTF8Offset(bytes)
            diagnostics.append(.error(
                "file.invalid-utf8",
                "this file is not valid UTF-8 text: the byte 0x\(hex(bytes[bytes.startIndex + offset])) here \(invalidUTF8Reason(bytes, at: offset))",
                at: location(ofByte: offset, in: bytes, file: file),
                fixIt: .init("re-save the file as UTF-8 in your editor, or retype the character at this place")))
            text = String(decoding: bytes, as: UTF8.self)
        }
        if let nul = firstOffset(of: 0, in: bytes) {
            diagnostics.append(.error(
                "file.nul-byte", "this file contains a NUL byte (0x00), which text never contains; it would be shown as \u{FFFD}",
                at: location(ofByte: nul, in: bytes, file: file),
                fixIt: .init("delete the invisible character at this place (your editor may show it as ^@ or \\0)")))
        }
        if let control = firstControlCharacter(bytes) {
            diagnostics.append(.warning(
                "file.control-character",
                "this file contains the invisible control character U+\(hex(bytes[bytes.startIndex + control], digits: 4)), which browsers do not show (or show as a box)",
                at: location(ofByte: control, in: bytes, file: file),
                fixIt: .init("delete the invisible character at this place (it often comes from copying terminal output with colours)")))
        }
        return text
    }

    /// The offset of the first C0 control character other than tab, line feed, form feed, carriage return
    /// and NUL (reported on its own), or DEL. Scans raw bytes: this runs over every page, 50 MB ones included.
    private static func firstControlCharacter(_ data: Data) -> Int? {
        data.withUnsafeBytes { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            @inline(__always) func isControl(_ byte: UInt8) -> Bool {
                (byte < 0x20 || byte == 0x7F) && byte != 0x00 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D
            }
            // Eight bytes at a time, only words with a byte below 0x20 or a DEL looked at byte by
            // byte (the usual one holds a line feed): byte by byte, this scan of every page was 0.5% of a build.
            var offset = 0
            while offset + 8 <= buffer.count {
                let word = ByteLanes.load(base, at: offset)
                if ByteLanes.below(word, 0x20) | ByteLanes.equal(word, 0x7F) != 0 {
                    for position in offset..<(offset + 8) where isControl(buffer[position]) { return position }
                }
                offset += 8
            }
            for position in offset..<buffer.count where isControl(buffer[position]) { return position }
            return nil
        }
    }

    /// Formats that are sometimes misnamed `.md`, by their leading bytes.
    private static let signatures: [(bytes: [UInt8], kind: String)] = [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        (Array("GIF8".utf8), "a GIF image"),
        (Array("%PDF-".utf8), "a PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (or a .docx/.xlsx document)"),
        ([0x1F, 0x8B], "a gzip archive"),
        ([0x7F, 0x45, 0x4C, 0x46], "an ELF executable"),
        (Array("RIFF".utf8), "a RIFF file (WebP image, WAV or AVI)"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "an old Microsoft Office document"),
    ]

    /// What binary format the data is, or nil when it may be text. Besides known signatures, data is
    /// binary when its first 8,000 bytes (git's window) hold a NUL and are not valid UTF-8 either:
    /// a text file with one stray NUL is still text, and is reported as such.
    private static func binaryKind(_ data: Data) -> String? {
        for signature in signatures where data.starts(with: signature.bytes) { return signature.kind }
        let window = data.prefix(8000)
        guard let nul = firstOffset(of: 0, in: data), nul < window.count, utf16Encoding(data) == nil else { return nil }
        var iterator = window.makeIterator()
        var decoder = UTF8()
        var errors = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error: errors += 1
            }
        }
        // A cut in the middle of a character at the window's end is not evidence.
        return errors > 1 ? "binary data" : nil
    }

    /// "UTF-16 (little-endian)" and the like when the data starts with a UTF-16 byte-order mark.
    private static func utf16Encoding(_ data: Data) -> String? {
        if data.starts(with: [0xFF, 0xFE]) { return "UTF-16 (little-endian)" }
        if data.starts(with: [0xFE, 0xFF]) { return "UTF-16 (big-endian)" }
        return nil
    }

    /// The offset of the first `byte` in `data`; memchr keeps a 50 MB page fast even in debug builds.
    private static func firstOffset(of byte: UInt8, in data: Data, from start: Int = 0) -> Int? {
        data.withUnsafeBytes { buffer in
            buffer.withMemoryRebound(to: UInt8.self) { $0.firstOffset(of: byte, from: start) }
        }
    }

    /// Whether some `\r` is not followed by `\n`.
    private static func hasLoneCarriageReturn(_ data: Data) -> Bool {
        var start = 0
        while let offset = firstOffset(of: UInt8(ascii: "\r"), in: data, from: start) {
            if offset + 1 >= data.count || data[data.startIndex + offset + 1] != UInt8(ascii: "\n") { return true }
            start = offset + 2
        }
        return false
    }

    /// `\r` not followed by `\n` becomes `\n`; `\r\n` stays as it is.
    private static func normalizingLoneCarriageReturns(_ data: Data) -> Data {
        var result = Data(capacity: data.count)
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            let next = data.index(after: index)
            if byte == UInt8(ascii: "\r"), next == data.endIndex || data[next] != UInt8(ascii: "\n") {
                result.append(UInt8(ascii: "\n"))
            } else {
                result.append(byte)
            }
            index = next
        }
        return result
    }

    /// The offset (from the data's start) of the first byte that does not begin a valid UTF-8 sequence.
    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        let bytes = Array(data)
        var offset = 0
        while offset < bytes.count {
            let length = validSequenceLength(bytes, at: offset)
            if length == 0 { return offset }
            offset += length
        }
        return bytes.count
    }

    /// The length of the valid UTF-8 sequence at `offset`, or 0 when the bytes there are not valid UTF-8.
    private static func validSequenceLength(_ bytes: [UInt8], at offset: Int) -> Int {
        let lead = bytes[offset]
        if lead < 0x80 { return 1 }
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return 0
        }
        guard offset + length <= bytes.count else { return 0 }
        for position in 1..<length {
            let byte = bytes[offset + position]
            let (low, high) = position == 1 ? (lower, upper) : (0x80, 0xBF)
            if byte < low || byte > high { return 0 }
        }
        return length
    }

    /// Why the sequence at `offset` is invalid, in words.
    private static func invalidUTF8Reason(_ data: Data, at offset: Int) -> String {
        let bytes = Array(data)
        let lead = bytes[offset]
        switch lead {
        case 0x80...0xBF: return "is a continuation byte without a character before it"
        case 0xC0, 0xC1, 0xF5...0xFF: return "can never appear in UTF-8 (an overlong or out-of-range encoding; the file may be Latin-1 or Windows-1252)"
        default:
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            if offset + length > bytes.count, bytes[(offset + 1)...].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                return "starts a character that the file ends before finishing (the file may be cut off)"
            }
            return "starts a character that is not finished, or is encoded in too many bytes (the file may be Latin-1 or Windows-1252)"
        }
    }

    /// The line and character column of a byte offset; the text before it is valid UTF-8 by construction.
    private static func location(ofByte offset: Int, in data: Data, file: String) -> SourceLocation {
        let before = data.prefix(offset)
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { before.index(after: $0) } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    private static func hex(_ byte: UInt8, digits: Int = 2) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
