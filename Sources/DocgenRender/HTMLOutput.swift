/// A page body's HTML as UTF-8 bytes while the renderer writes it, made into one `String` at the end.
///
/// The renderer appends a thousand small pieces to a page (tags, text, attribute values); appended
/// to a `String`, each piece went through its capacity, ASCII-flag and breadcrumb bookkeeping,
/// about 3% of a 10,000-page build. Bytes are copied and checked once, when the page is done.
struct HTMLOutput {
    /// The HTML so far.
    private(set) var bytes: [UInt8] = []

    /// An empty output with room for `capacity` bytes.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The HTML as a string.
    var string: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text`'s UTF-8.
    @inline(__always)
    static func += (output: inout HTMLOutput, text: String) {
        output.append(text)
    }

    /// Appends `text`'s UTF-8.
    @inline(__always)
    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Appends `other`'s bytes.
    mutating func append(_ other: HTMLOutput) {
        bytes.append(contentsOf: other.bytes)
    }

    /// Appends `text` HTML-escaped, as `HTMLEscaping.escape` escapes it.
    mutating func appendEscaped(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        if done == nil { append(HTMLEscaping.escape(text)) }
    }

    /// Appends the UTF-8 `text` HTML-escaped, as `HTMLEscaping.escape` escapes it.
    mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        if HTMLEscaping.containsEscapable(text) {
            HTMLEscaping.appendEscaped(text, to: &bytes)
        } else {
            bytes.append(contentsOf: text)
        }
    }

    /// Appends `code` highlighted as `language`; false, with nothing appended, for a language
    /// `Highlighter` does not know.
    mutating func appendHighlighted(_ code: String, language: String) -> Bool {
        Highlighter.highlight(code, language: language, into: &bytes)
    }

    /// Appends a non-negative number's decimal digits.
    mutating func appendNumber(_ value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: 0x30 + value))
        } else {
            append(String(value))
        }
    }

    /// Whether the HTML ends with the ASCII `suffix`.
    func hasSuffix(_ suffix: StaticString) -> Bool {
        suffix.withUTF8Buffer { wanted in
            wanted.count <= bytes.count && bytes[(bytes.count - wanted.count)...].elementsEqual(wanted)
        }
    }

    /// Drops the last `count` bytes (ASCII the caller has just checked with `hasSuffix`).
    mutating func removeLast(_ count: Int) {
        bytes.removeLast(count)
    }

    /// Drops a final "\n" Character, as `if hasSuffix("\n") { removeLast() }` does on a `String`:
    /// a line feed after a carriage return is part of one CR LF Character, which is left alone.
    mutating func removeTrailingNewline() {
        guard bytes.last == 0x0A else { return }
        if bytes.count >= 2, bytes[bytes.count - 2] == 0x0D { return }
        bytes.removeLast()
    }
}
