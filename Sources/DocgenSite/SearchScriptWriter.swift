/// Writes `search-index.js` as UTF-8 bytes: JSON exactly as `JSONSerialization` wrote it with
/// `.sortedKeys` and `.withoutEscapingSlashes` (the caller writes keys in order), made safe anywhere
/// a script is: no `<`, `>` or `&` (so `</script>` or `<!--` in a title cannot end or comment out an
/// inline copy) and no raw U+2028/U+2029 (line ends in older JavaScript). Going through
/// `[String: Any]` and `JSONSerialization` cost more than making the index's values.
struct SearchScriptWriter {
    /// What has been written.
    private(set) var bytes: [UInt8] = []

    /// A writer with room for about `capacity` bytes.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `text` as it is: structure and keys, which need no escaping.
    mutating func appendRaw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends a JSON number.
    mutating func appendInt(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Appends `text` as a JSON string.
    mutating func appendString(_ text: String) {
        var text = text
        text.withUTF8 { appendString($0) }
    }

    /// Appends the UTF-8 `text` as a JSON string.
    mutating func appendString(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        appendStringContent(text)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends the UTF-8 `text` as part of a JSON string whose quotes the caller writes; `text`
    /// must be whole characters.
    mutating func appendStringContent(_ text: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var position = 0
        while position < text.count {
            let byte = text[position]
            guard Self.needsLook[Int(byte)] else {
                position += 1
                continue
            }
            let escape: String
            var length = 1
            switch byte {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x08: escape = "\\b"
            case 0x09: escape = "\\t"
            case 0x0A: escape = "\\n"
            case 0x0C: escape = "\\f"
            case 0x0D: escape = "\\r"
            case 0x3C: escape = "\\u003c"
            case 0x3E: escape = "\\u003e"
            case 0x26: escape = "\\u0026"
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                guard position + 2 < text.count, text[position + 1] == 0x80, text[position + 2] == 0xA8 || text[position + 2] == 0xA9 else {
                    position += 1
                    continue
                }
                escape = text[position + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                length = 3
            default:
                escape = "\\u00" + String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<position]))
            bytes.append(contentsOf: escape.utf8)
            position += length
            runStart = position
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<text.count]))
    }

    /// The bytes that are escaped, or may start a character that is.
    private static let needsLook: [Bool] = (0...255).map { byte in
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2
    }
}
