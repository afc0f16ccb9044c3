/// Splits text into the words the search index stores. `assets/search.js` splits queries the same
/// way: lowercase first, then runs of letters, marks and digits (`/[\p{L}\p{M}\p{N}]+/gu`), so
/// `--mem-per-cpu` gives `mem`, `per`, `cpu` and `$USERWORK` gives `userwork`; then plurals are
/// folded (`normalized`).
enum SearchTokenizer {
    /// Words too common to tell sections apart; left out of the index and ignored in queries
    /// (the list is shipped in the index so the browser drops the same words).
    static let stopWords: [String] = [
        "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because", "been", "both", "but",
        "by", "can", "could", "did", "do", "does", "each", "for", "from", "had", "has", "have", "here", "how",
        "if", "in", "into", "is", "it", "its", "just", "may", "me", "might", "more", "most", "must", "my",
        "no", "not", "of", "on", "only", "or", "other", "our", "same", "should", "so", "some", "such", "than",
        "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "us",
        "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "will", "with", "would",
        "you", "your",
    ]

    private static let stopSet = Set(stopWords)

    /// The form a word is indexed and searched under: a final plural "s" is dropped from plain
    /// ASCII words of four characters or more, except after another "s" (`jobs` and `job` are one
    /// word, `process` stays). The browser does the same to query words.
    static func normalized(_ word: String) -> String {
        let scalars = word.unicodeScalars
        guard scalars.count >= 4, scalars.last == "s", scalars.dropLast().last != "s",
              scalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }) else { return word }
        return String(word.dropLast())
    }

    /// The lowercased words of `text`, in order, repeats kept.
    static func words(_ text: String) -> [String] {
        if let words = asciiWords(text) { return words }
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// `words` for plain ASCII text, byte by byte: most guides are ASCII, and the general-category
    /// lookup per character was a fifth of a big site's build. Nil when the text is not ASCII.
    private static func asciiWords(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var words: [String] = []
            var start = -1
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                let isWord = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                if isWord {
                    if start < 0 { start = offset }
                } else if start >= 0 {
                    words.append(lowercasedASCII(bytes[start..<offset]))
                    start = -1
                }
            }
            if start >= 0 { words.append(lowercasedASCII(bytes[start..<bytes.count])) }
            return words
        }
    }

    private static func lowercasedASCII(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (offset, byte) in bytes.enumerated() { buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte }
            return bytes.count
        }
    }

    /// The words of `text` worth indexing: no stop words, no single characters, no long pure
    /// numbers (job ids, sizes and dates are noise in a search and bloat the vocabulary).
    static func indexWords(_ text: String) -> [String] {
        words(text).filter(isIndexable).map(normalized)
    }

    /// Whether a lowercased word goes into the index.
    static func isIndexable(_ word: String) -> Bool {
        let count = word.unicodeScalars.count
        if count < 2 || count > 40 || stopSet.contains(word) { return false }
        if count > 4, word.unicodeScalars.allSatisfy({ $0.properties.numericType != nil }) { return false }
        return true
    }

    /// Letters, combining marks and digits (Unicode general categories L, M and N), as `\p{L}\p{M}\p{N}` in JavaScript.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
