import DocgenCore

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
        // `lowercased()` maps each scalar on its own, so lowercasing scalar by scalar while splitting
        // gives the same words without building the lowercased text; ASCII scalars take a short cut.
        var words: [String] = []
        var current: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(truncatingIfNeeded: scalar.value)
                if isASCIIWordByte(byte) {
                    current.append(byte.asciiLowercased)
                } else if !current.isEmpty {
                    words.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
                continue
            }
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                if isWordScalar(lower) {
                    UTF8.encode(lower) { current.append($0) }
                } else if !current.isEmpty {
                    words.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
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
            for (offset, byte) in bytes.enumerated() { buffer[offset] = byte.asciiLowercased }
            return bytes.count
        }
    }

    /// The words of `text` worth indexing: no stop words, no single characters, no long pure
    /// numbers (job ids, sizes and dates are noise in a search and bloat the vocabulary).
    static func indexWords(_ text: String) -> [String] {
        words(text).filter(isIndexable).map(normalized)
    }

    /// Inserts `indexWords(text)` into `words`, appending each word's number to `found` (repeats
    /// kept).
    static func insertIndexWords(of text: String, into words: inout SearchWordSet, found: inout [Int32]) {
        var text = text
        text.withUTF8 { insertIndexWords(ofUTF8: $0, into: &words, found: &found) }
    }

    /// `insertIndexWords(of:into:found:)` for the UTF-8 of a text, so a paragraph's words can be
    /// found without making a `String` of it. Text whose words are plain ASCII goes byte by byte: no
    /// string per word, and stop words are found by their packed key instead of a hashed string.
    static func insertIndexWords(ofUTF8 text: UnsafeBufferPointer<UInt8>, into words: inout SearchWordSet, found: inout [Int32]) {
        // Read once per text: a static's lazy-initialization check per word showed in profiles.
        let stopKeys = self.stopKeys
        let isDone = stopKeys.withUnsafeBufferPointer { stopKeys in
            forEachASCIIWord(in: text) { word in
                let count = word.count
                guard count >= 2, count <= 40 else { return }
                if count > 4, word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return }
                guard count <= 8 else {
                    found.append(words.insertASCII(lowercasing: dropsPlural(word) ? word.dropLast() : word))
                    return
                }
                // For words of up to 8 bytes, the stop-word key is the word set's key too.
                let key = SearchWordSet.asciiKey(lowercasing: word)
                if count <= longestStopWordLength, isStopKey(key, in: stopKeys) { return }
                if dropsPlural(word) {
                    found.append(words.insertASCII(lowercasing: word.dropLast(), key: key >> 8))
                } else {
                    found.append(words.insertASCII(lowercasing: word, key: key))
                }
            }
        }
        if !isDone {
            for word in self.words(String(decoding: text, as: UTF8.self)) where isIndexable(word) {
                found.append(words.insert(normalized(word)))
            }
        }
    }

    /// Numbers the words of `text` as the index matches titles and excerpts (`words` then
    /// `normalized`: stop words and numbers kept), appending each one's number to `found`: a word
    /// of `known` gives its number there, any other is inserted into `others` and gives its number
    /// there plus `known.count`, the numbers inserting into a copy of `known` would give (the
    /// page's set is not copied for its texts).
    static func insertTextWords(of text: String, knownIn known: SearchWordSet, others: inout SearchWordSet, found: inout [Int32]) {
        let knownCount = Int32(known.count)
        var text = text
        let isDone = text.withUTF8 { bytes in
            forEachASCIIWord(in: bytes) { word in
                let form = dropsPlural(word) ? word.dropLast() : word
                let key = SearchWordSet.asciiKey(lowercasing: form)
                if let id = known.id(lowercasing: form, key: key) {
                    found.append(id)
                } else {
                    found.append(knownCount + others.insertASCII(lowercasing: form, key: key))
                }
            }
        }
        if !isDone {
            for word in self.words(text) {
                let form = normalized(word)
                found.append(known.id(of: form) ?? knownCount + others.insert(form))
            }
        }
    }

    /// Calls `body` with each word of the UTF-8 `text` (as `words` splits it, before lowercasing)
    /// and returns true, when all its words are plain ASCII: every character beyond ASCII is one that
    /// `words` never puts in a word, such as the "…" that ends a shortened excerpt. Returns false
    /// without calling `body` otherwise.
    @inline(__always)
    private static func forEachASCIIWord(in text: UnsafeBufferPointer<UInt8>, _ body: (Slice<UnsafeBufferPointer<UInt8>>) -> Void) -> Bool {
        if !isASCIIWithEllipses(text) {
            for scalar in String(decoding: text, as: UTF8.self).unicodeScalars where !scalar.isASCII {
                // `words` goes by the lowercase mapping, so that is what must have no word character.
                guard scalar == "\u{2026}" || !scalar.properties.lowercaseMapping.unicodeScalars.contains(where: isWordScalar) else {
                    return false
                }
            }
        }
        // 64 bytes at a time: a mask of their word bytes, whose bit changes are where words start
        // and end. Testing byte by byte, each word's end was a mispredicted branch.
        var wordStart = -1
        var previousIsWord: UInt64 = 0
        for blockStart in stride(from: 0, to: text.count, by: 64) {
            var mask: UInt64 = 0
            for chunk in 0..<8 { mask |= wordByteBits(text, at: blockStart + chunk * 8) << UInt64(chunk * 8) }
            let shifted = mask << 1 | previousIsWord
            var starts = mask & ~shifted
            var ends = ~mask & shifted
            previousIsWord = mask >> 63
            // Starts and ends alternate; a word that runs on from the block before ends first.
            while true {
                if wordStart < 0 {
                    guard starts != 0 else { break }
                    wordStart = blockStart + starts.trailingZeroBitCount
                    starts &= starts - 1
                }
                guard ends != 0 else { break }
                let end = blockStart + ends.trailingZeroBitCount
                ends &= ends - 1
                body(text[wordStart..<end])
                wordStart = -1
            }
        }
        if wordStart >= 0 { body(text[wordStart..<text.count]) }
        return true
    }

    /// Bit `i` set when byte `offset + i` of `text` is an ASCII letter or digit, for `i` in 0..<8
    /// (bytes past the end count as not): per byte, range tests that cannot carry into the next.
    @inline(__always)
    private static func wordByteBits(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        guard offset < text.count, let base = text.baseAddress else { return 0 }
        var chunk: UInt64 = 0
        if offset + 8 <= text.count {
            chunk = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
        } else {
            for index in offset..<text.count { chunk |= UInt64(text[index]) << UInt64(8 * (index - offset)) }
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = chunk & (0x7F * ones)
        // Bit 7 of a byte of `value + (0x80 - bound) * ones` is set when the byte is at least `bound`.
        func atLeast(_ value: UInt64, _ bound: UInt64) -> UInt64 { value &+ (0x80 - bound) &* ones }
        let digit = atLeast(low, 0x30) & ~atLeast(low, 0x3A)
        // Setting 0x20 makes capitals lowercase and maps nothing else into a...z.
        let folded = low | 0x20 * ones
        let letter = atLeast(folded, 0x61) & ~atLeast(folded, 0x7B)
        // Bytes beyond ASCII are never part of a word.
        let isWord = (digit | letter) & ~chunk & (0x80 * ones)
        // Gathers each byte's bit 7 into bit `i` of the top byte.
        return ((isWord >> 7) &* 0x0102_0408_1020_4080) >> 56
    }

    /// Whether `normalized` drops a final "s" from the lowercased ASCII word `word` (letters and digits only).
    private static func dropsPlural(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        word.count >= 4 && word[word.endIndex - 1] | 0x20 == 0x73 && word[word.endIndex - 2] | 0x20 != 0x73
    }

    /// `stopWords` by their `SearchWordSet.asciiKey` (for words of up to 8 bytes, the bytes
    /// themselves) in a small open-addressing table (0 is free).
    private static let stopKeys: [UInt64] = {
        var table = [UInt64](repeating: 0, count: stopKeySlots)
        for word in stopWords {
            let key = SearchWordSet.asciiKey(lowercasing: word.utf8)
            var slot = stopSlot(key)
            while table[slot] != 0 { slot = (slot + 1) & (stopKeySlots - 1) }
            table[slot] = key
        }
        return table
    }()

    /// How many slots `stopKeys` has: a power of two, over four times the stop words, so most lookups take one probe.
    private static let stopKeySlots = 512

    /// Where probing `stopKeys` for `key` starts.
    private static func stopSlot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 55)
    }

    /// Whether `key` is a stop word's, looked up in `table` (`stopKeys`).
    private static func isStopKey(_ key: UInt64, in table: UnsafeBufferPointer<UInt64>) -> Bool {
        var slot = stopSlot(key)
        while true {
            let stored = table[slot]
            if stored == key { return true }
            if stored == 0 { return false }
            slot = (slot + 1) & (stopKeySlots - 1)
        }
    }

    /// The longest stop word's length in bytes; a literal, so the word loop reads no lazy static
    /// (a test checks it against `stopWords`).
    static let longestStopWordLength = 7

    /// Whether every byte of `text` is ASCII; one pass with no early exit, which the compiler vectorizes.
    static func isASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var union: UInt8 = 0
        for byte in text { union |= byte }
        return union < 0x80
    }

    /// Whether every byte of `text` beyond ASCII is part of a "…" (E2 80 A6): shortened excerpts
    /// end with one, and checking their other characters by Unicode properties showed in profiles.
    static func isASCIIWithEllipses(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most texts are plain ASCII, which the vectorized check settles.
        if isASCII(text) { return true }
        var position = 0
        while position < text.count {
            guard text[position] >= 0x80 else {
                position += 1
                continue
            }
            guard text[position] == 0xE2, position + 2 < text.count, text[position + 1] == 0x80, text[position + 2] == 0xA6 else {
                return false
            }
            position += 3
        }
        return true
    }

    /// Whether `byte` is an ASCII letter or digit, the ASCII characters `words` keeps.
    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
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
