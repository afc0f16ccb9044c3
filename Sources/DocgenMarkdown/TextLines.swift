import DocgenCore

/// Where the lines of a text start, found by scanning its bytes for line feeds: splitting by
/// Character (or into Substrings) cost a visible share of a big site's build.
public enum TextLines {
    /// The index of each line's first byte: the text's start, then the byte after every "\n".
    /// A CR LF pair counts once, at its "\n", as a split at "\n" never cuts it.
    public static func starts(of text: String) -> [String.Index] {
        let bytes = text.utf8
        // A native string's bytes are contiguous: `memchr` finds the line feeds many bytes at a time,
        // where a byte-by-byte search of every page (twice: for locations and for the body checks) was 2% of a build.
        let found = bytes.withContiguousStorageIfAvailable { buffer -> [String.Index] in
            var starts = [text.startIndex]
            // Room for lines of about 32 bytes, so most pages' lists are not regrown.
            starts.reserveCapacity(buffer.count / 32 + 1)
            var position = 0
            while let newline = buffer.firstOffset(of: UInt8(ascii: "\n"), from: position) {
                position = newline + 1
                starts.append(bytes.index(bytes.startIndex, offsetBy: position))
            }
            return starts
        }
        if let found { return found }
        var starts = [text.startIndex]
        var index = bytes.startIndex
        while let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = bytes.index(after: newline)
            starts.append(index)
        }
        return starts
    }
}
