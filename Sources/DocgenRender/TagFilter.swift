/// GitHub's tagfilter: raw HTML keeps working, except the tags that can take over a page.
public enum TagFilter {
    /// The tags GFM's tagfilter extension disarms.
    static let filteredTags: Set<String> = [
        "title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext",
    ]

    /// `html` with the `<` of every filtered tag (opening or closing) replaced by `&lt;`.
    public static func filter(_ html: String) -> String {
        guard html.contains("<") else { return html }
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), isFilteredTag(bytes, at: index + 1) {
                output.append(contentsOf: Array("&lt;".utf8))
            } else {
                output.append(bytes[index])
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isFilteredTag(_ bytes: [UInt8], at start: Int) -> Bool {
        var index = start
        if index < bytes.count, bytes[index] == UInt8(ascii: "/") { index += 1 }
        var name = ""
        while index < bytes.count, name.count <= 9 {
            let byte = bytes[index]
            guard (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) else { break }
            name.unicodeScalars.append(Unicode.Scalar(byte | 0x20))
            index += 1
        }
        guard filteredTags.contains(name) else { return false }
        guard index < bytes.count else { return true }
        let next = bytes[index]
        return next == UInt8(ascii: ">") || next == UInt8(ascii: "/") || next == 0x20 || next == 0x09
            || next == 0x0A || next == 0x0D || next == 0x0C
    }
}
