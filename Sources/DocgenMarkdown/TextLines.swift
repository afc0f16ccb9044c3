#if canImport(Glibc)
import Glibc
#endif

/// Where the lines of a text start, found by scanning its bytes for line feeds: splitting by
/// Character (or into Substrings) cost a visible share of a big site's build.
public enum TextLines {
    /// The index of each line's first byte: the text's start, then the byte after every "\n".
    /// A CR LF pair counts once, at its "\n", as a split at "\n" never cuts it.
    public static func starts(of text: String) -> [String.Index] {
        let bytes = text.utf8
        // A native string's bytes are contiguous: `memchr` finds the line feeds many bytes at a time,
        // where a byte-by-byte search of every page (twice: for locations and for the body checks) was 2% of a build.
        let offsets = bytes.withContiguousStorageIfAvailable { buffer -> [Int] in
            var offsets: [Int] = []
            guard let base = buffer.baseAddress else { return offsets }
            var position = 0
            while position < buffer.count, let found = memchr(base + position, Int32(UInt8(ascii: "\n")), buffer.count - position) {
                position = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                offsets.append(position)
            }
            return offsets
        }
        var starts = [text.startIndex]
        if let offsets {
            starts.reserveCapacity(offsets.count + 1)
            for offset in offsets { starts.append(bytes.index(bytes.startIndex, offsetBy: offset)) }
            return starts
        }
        var index = bytes.startIndex
        while let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = bytes.index(after: newline)
            starts.append(index)
        }
        return starts
    }
}
