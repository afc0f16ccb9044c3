/// The compact codes of the search index (`assets/search.js` decodes them):
///
/// - **Numbers**: below 64, one character of `digits`; larger ones are `continuation` characters
///   (base 16, most significant first) for `value / 64`, then the `digits` character for `value % 64`.
/// - **Texts** (titles and excerpts): words become numbers that point into the index's vocabulary
///   (0 to 63: the `top` table of the most frequent words; 64 and up: `words[n - 64]`), with `^` before
///   a word written with a capital first letter and `` ` `` before one written in capitals, and `'`
///   after one that adds a plural "s" (see `SearchTokenizer.normalized`); two words in a row have
///   one space between them. The commonest gaps have one character each (`shortGaps`: `[` is ", ",
///   `]` is ". ", `|` is "…"). Everything else is a literal, `{...}`, with `}` doubled.
///
/// Outside literals, every character of a code is ASCII that needs no escaping in JSON or HTML,
/// and none is a `,` (the index separates codes with it).
enum SearchTextCode {
    /// Final characters of a number (value 0 to 63), as ASCII bytes.
    static let digits = digitText.withUTF8Buffer { Array($0) }
    /// `digits` as text; a constant, so the number loop reads it with no lazy-initialization check.
    private static var digitText: StaticString { "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-" }
    /// Leading characters of a number (base 16), as ASCII bytes.
    static let continuation = continuationText.withUTF8Buffer { Array($0) }
    /// `continuation` as text, a constant as `digitText` is.
    private static var continuationText: StaticString { "!#$%()*+./:;=?@~" }
    /// Gaps between words written as one character.
    static let shortGaps: [String: Character] = [", ": "[", ". ": "]", "…": "|"]
    /// How many numbers the `top` table takes.
    static let topCount = 64

    /// Appends the code of a number (0 or more).
    static func appendNumber(_ value: Int, to result: inout String) {
        forEachNumberByte(value) { result.unicodeScalars.append(Unicode.Scalar($0)) }
    }

    /// Appends the code of a number (0 or more) as ASCII bytes.
    static func appendNumber(_ value: Int, to result: inout [UInt8]) {
        forEachNumberByte(value) { result.append($0) }
    }

    /// The bytes of a number's code, most significant first, without building an array of
    /// characters per number: numbers are most of the index. The tables are read as static strings
    /// and the bases (64 and 16, checked by a test) as shifts: the arrays' lazy initialization check
    /// and a division per digit were most of a number's cost.
    @inline(__always)
    private static func forEachNumberByte(_ value: Int, _ body: (UInt8) -> Void) {
        let digitBytes = digitText.utf8Start
        let continuationBytes = continuationText.utf8Start
        let high = UInt(bitPattern: value) >> 6
        if high > 0 {
            var shift = (UInt.bitWidth - high.leadingZeroBitCount - 1) & ~3
            while shift >= 0 {
                body(continuationBytes[Int((high >> UInt(shift)) & 15)])
                shift -= 4
            }
        }
        body(digitBytes[value & 63])
    }

    /// Pieces of `text` in order: runs of word characters (as `SearchTokenizer` splits them) and the gaps between.
    static func pieces(_ text: String) -> [(isWord: Bool, text: String)] {
        var pieces: [(isWord: Bool, text: String)] = []
        var current = String.UnicodeScalarView()
        var currentIsWord = false
        for scalar in text.unicodeScalars {
            let isWord = SearchTokenizer.isWordScalar(scalar)
            if isWord != currentIsWord, !current.isEmpty {
                pieces.append((currentIsWord, String(current)))
                current = String.UnicodeScalarView()
            }
            currentIsWord = isWord
            current.append(scalar)
        }
        if !current.isEmpty { pieces.append((currentIsWord, String(current))) }
        return pieces
    }

    /// Appends the code of `text`, given the number of each lowercased vocabulary word.
    static func encode(_ text: String, numbers: SearchWordNumbers, to code: inout [UInt8]) {
        var text = text
        let isDone = text.withUTF8 { bytes -> Bool in
            guard var encoder = SearchTextASCIIEncoder(text: bytes) else { return false }
            encoder.appendCode(numbers: numbers, to: &code)
            return true
        }
        if !isDone { code.append(contentsOf: encode(text, numbers: numbers).utf8) }
    }

    /// The code of `text`, given the number of each lowercased vocabulary word.
    static func encode(_ text: String, numbers: SearchWordNumbers) -> String {
        var text = text
        let asciiCode = text.withUTF8 { bytes -> String? in
            guard var encoder = SearchTextASCIIEncoder(text: bytes) else { return nil }
            var code: [UInt8] = []
            encoder.appendCode(numbers: numbers, to: &code)
            return String(decoding: code, as: UTF8.self)
        }
        if let asciiCode { return asciiCode }
        var result = ""
        var literal = ""
        var lastWasWord = false
        func flushLiteral() {
            guard !literal.isEmpty else { return }
            result.append("{")
            for character in literal {
                result.append(character)
                if character == "}" { result.append("}") }
            }
            result.append("}")
            literal = ""
        }
        let all = pieces(text)
        for (position, piece) in all.enumerated() {
            if piece.isWord, let (marker, number, plural) = reference(piece.text, numbers: numbers) {
                flushLiteral()
                if let marker { result.append(marker) }
                appendNumber(number, to: &result)
                if plural { result.append("'") }
                lastWasWord = true
                continue
            }
            // One space between two coded words is implied.
            if !piece.isWord, piece.text == " ", lastWasWord, position + 1 < all.count, all[position + 1].isWord,
               reference(all[position + 1].text, numbers: numbers) != nil {
                continue
            }
            if !piece.isWord, let short = shortGaps[piece.text] {
                flushLiteral()
                result.append(short)
            } else {
                literal += piece.text
            }
            lastWasWord = false
        }
        flushLiteral()
        return result
    }

    /// How a word is written as a number: its case marker, number and plural mark, or nil when it must stay literal.
    static func reference(_ word: String, numbers: SearchWordNumbers) -> (marker: Character?, number: Int, plural: Bool)? {
        let lower = word.lowercased()
        if let number = numbers[lower], let casing = Casing(word, lower: lower) {
            return (casing.marker, number, false)
        }
        let base = SearchTokenizer.normalized(lower)
        guard base != lower, let number = numbers[base], word.hasSuffix("s"),
              let casing = Casing(String(word.dropLast()), lower: base) else { return nil }
        return (casing.marker, number, true)
    }

    /// How a word is written compared with its lowercase form.
    enum Casing {
        case lower, capitalized, upper

        /// nil when the browser cannot restore `word` from `lower` (mixed case, or letters beyond ASCII).
        init?(_ word: String, lower: String) {
            if word == lower {
                self = .lower
                return
            }
            // Only ASCII, where JavaScript's toUpperCase gives the same letters.
            guard word.unicodeScalars.allSatisfy(\.isASCII), lower.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
            if word == lower.uppercased() {
                self = .upper
            } else if let first = lower.first, word == first.uppercased() + lower.dropFirst() {
                self = .capitalized
            } else {
                return nil
            }
        }

        /// The character written before the word's number.
        var marker: Character? {
            switch self {
            case .lower: nil
            case .capitalized: "^"
            case .upper: "`"
            }
        }
    }
}
