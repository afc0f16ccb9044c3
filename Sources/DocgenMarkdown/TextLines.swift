/// Where the lines of a text start, found by scanning its bytes for line feeds: splitting by
/// Character (or into Substrings) cost a visible share of a big site's build.
public enum TextLines {
    /// The index of each line's first byte: the text's start, then the byte after every "\n".
    /// A CR LF pair counts once, at its "\n", as a split at "\n" never cuts it.
    public static func starts(of text: String) -> [String.Index] {
        var starts = [text.startIndex]
        let bytes = text.utf8
        var index = bytes.startIndex
        while let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = bytes.index(after: newline)
            starts.append(index)
        }
        return starts
    }
}
