import DocgenCore

/// Escapes text for HTML element content and double-quoted attribute values.
public enum HTMLEscaping {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities.
    public static func escape(_ text: String) -> String {
        // Most text has nothing to escape; scanning bytes first avoids building a new string for it.
        guard containsEscapable(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &result)
        return result
    }

    /// Appends `text`, escaped as `escape` does, to `output` without building the escaped text on its own.
    public static func escape(_ text: String, into output: inout String) {
        guard containsEscapable(text) else {
            output += text
            return
        }
        appendEscaped(text, to: &output)
    }

    /// Appends `text` escaped, copying the runs between the characters to escape in one piece each.
    private static func appendEscaped(_ text: String, to output: inout String) {
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var position = utf8.startIndex
        while position != utf8.endIndex {
            let byte = utf8[position]
            if needsEscaping(byte) {
                // Every escaped byte is ASCII, so the run before it ends on a character boundary.
                if runStart != position { output.append(contentsOf: text[runStart..<position]) }
                output += entity(byte).description
                runStart = utf8.index(after: position)
            }
            position = utf8.index(after: position)
        }
        if runStart != utf8.endIndex { output.append(contentsOf: text[runStart...]) }
    }

    /// Appends the UTF-8 `bytes`, escaped as `escape` does, to the UTF-8 `output`.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        for (position, byte) in bytes.enumerated() where needsEscaping(byte) {
            if runStart != position { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position])) }
            entity(byte).withUTF8Buffer { output.append(contentsOf: $0) }
            runStart = position + 1
        }
        if runStart != bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// Whether `text` has a character to escape; a scan of its contiguous bytes, as indexing the
    /// UTF-8 view byte by byte costs several times more.
    static func containsEscapable(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(containsEscapable) ?? text.utf8.contains(where: needsEscaping)
    }

    /// `containsEscapable` on bytes, eight at a time: for each of the five characters, whether the
    /// word has a byte equal to it. Byte by byte, this scan of every text of every page was 1.5% of a build.
    static func containsEscapable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = ByteLanes.load(base, at: offset)
            if ByteLanes.equal(word, 0x26) | ByteLanes.equal(word, 0x3C) | ByteLanes.equal(word, 0x3E)
                | ByteLanes.equal(word, 0x22) | ByteLanes.equal(word, 0x27) != 0 { return true }
            offset += 8
        }
        while offset < bytes.count {
            if needsEscaping(base[offset]) { return true }
            offset += 1
        }
        return false
    }

    /// Whether `byte` is one of the five characters `escape` replaces.
    @inline(__always)
    static func needsEscaping(_ byte: UInt8) -> Bool {
        // All five are below 64: one shift of a bit mask instead of five comparisons per byte. Bit b is
        // set for each byte b to escape: `"`, `&`, `'`, `<`, `>` (a literal, folded at compile time).
        let escapable: UInt64 = (1 << 0x22) | (1 << 0x26) | (1 << 0x27) | (1 << 0x3C) | (1 << 0x3E)
        return byte < 64 && (escapable >> UInt64(byte)) & 1 == 1
    }

    /// The entity `escape` writes for `byte`, one of the five it replaces.
    static func entity(_ byte: UInt8) -> StaticString {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        default: "&#39;"
        }
    }
}
