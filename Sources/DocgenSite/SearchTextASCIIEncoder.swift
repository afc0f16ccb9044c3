import DocgenCore

/// `SearchTextCode.encode` for text whose words are plain ASCII (most titles and excerpts; other
/// characters, such as the excerpt's "…", only between words), over UTF-8 bytes: the same pieces,
/// references and literals, without a string per piece or per case test.
struct SearchTextASCIIEncoder {
    /// A word written as a number: its case marker, number and whether a plural "s" follows.
    private typealias Reference = (marker: UInt8?, number: Int, plural: Bool)

    private let text: UnsafeBufferPointer<UInt8>
    /// Where the pending literal starts; it always runs up to the piece being looked at.
    private var literalStart: Int?

    /// An encoder for the UTF-8 `text`, or nil when it has a character beyond ASCII that is part of
    /// a word or that could join the character before it into one (a `}` with a joiner after it is
    /// not a `}` to `encode`, which goes by characters).
    init?(text: UnsafeBufferPointer<UInt8>) {
        if !SearchTokenizer.isASCIIWithEllipses(text) {
            for scalar in String(decoding: text, as: UTF8.self).unicodeScalars where !scalar.isASCII {
                switch scalar.properties.generalCategory {
                case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                     .finalPunctuation, .otherPunctuation, .spaceSeparator, .mathSymbol, .currencySymbol, .otherSymbol:
                    continue
                default:
                    return nil
                }
            }
        }
        self.text = text
    }

    /// Appends the code of the text to `result`, given the number of each lowercased vocabulary
    /// word. The numbers are borrowed, not kept: copying the vocabulary's arrays into every
    /// encoder retained and released each of them once per title and excerpt, from every core.
    mutating func appendCode(numbers: SearchWordNumbers, to result: inout [UInt8]) {
        var lastWasWord = false
        var nextReference: (start: Int, reference: Reference?)?
        var position = 0
        while position < text.count {
            let isWord = Self.isWordByte(text[position])
            var end = position + 1
            while end < text.count, Self.isWordByte(text[end]) == isWord { end += 1 }
            defer { position = end }
            if isWord {
                let reference = nextReference?.start == position ? nextReference?.reference : reference(position..<end, numbers: numbers)
                if let reference {
                    flushLiteral(upTo: position, to: &result)
                    if let marker = reference.marker { result.append(marker) }
                    SearchTextCode.appendNumber(reference.number, to: &result)
                    if reference.plural { result.append(UInt8(ascii: "'")) }
                    lastWasWord = true
                    continue
                }
            } else {
                // One space between two coded words is implied; pieces alternate, so what follows is a word.
                if end - position == 1, text[position] == 0x20, lastWasWord, end < text.count {
                    var wordEnd = end + 1
                    while wordEnd < text.count, Self.isWordByte(text[wordEnd]) { wordEnd += 1 }
                    let following = reference(end..<wordEnd, numbers: numbers)
                    nextReference = (end, following)
                    if following != nil { continue }
                }
                if let short = shortGap(position..<end) {
                    flushLiteral(upTo: position, to: &result)
                    result.append(short)
                    lastWasWord = false
                    continue
                }
            }
            if literalStart == nil { literalStart = position }
            lastWasWord = false
        }
        flushLiteral(upTo: text.count, to: &result)
    }

    private mutating func flushLiteral(upTo end: Int, to result: inout [UInt8]) {
        guard let start = literalStart else { return }
        result.append(UInt8(ascii: "{"))
        for byte in text[start..<end] {
            result.append(byte)
            if byte == UInt8(ascii: "}") { result.append(byte) }
        }
        result.append(UInt8(ascii: "}"))
        literalStart = nil
    }

    /// The one-character code of the gap `range` (`SearchTextCode.shortGaps`).
    private func shortGap(_ range: Range<Int>) -> UInt8? {
        if range.count == 3, text[range.lowerBound] == 0xE2, text[range.lowerBound + 1] == 0x80, text[range.lowerBound + 2] == 0xA6 {
            return UInt8(ascii: "|") // "…"
        }
        guard range.count == 2, text[range.lowerBound + 1] == 0x20 else { return nil }
        switch text[range.lowerBound] {
        case UInt8(ascii: ","): return UInt8(ascii: "[")
        case UInt8(ascii: "."): return UInt8(ascii: "]")
        default: return nil
        }
    }

    /// As `SearchTextCode.reference` for the word at `range`.
    private func reference(_ range: Range<Int>, numbers: SearchWordNumbers) -> Reference? {
        if let number = numbers.number(lowercasing: text[range]), let marker = Self.caseMarker(text[range]) {
            return (marker, number, false)
        }
        // `SearchTokenizer.normalized`: a final "s" after anything but "s", in words of four or more.
        guard range.count >= 4, text[range.upperBound - 1] == UInt8(ascii: "s"),
              text[range.upperBound - 2].asciiLowercased != UInt8(ascii: "s") else { return nil }
        guard let number = numbers.number(lowercasing: text[range.dropLast()]), let marker = Self.caseMarker(text[range.dropLast()]) else { return nil }
        return (marker, number, true)
    }

    /// The case marker of a word (`SearchTextCode.Casing`): `.some(nil)` when it is lowercase, nil
    /// when its case cannot be restored from the lowercase form.
    private static func caseMarker(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> UInt8?? {
        let isUpper = { (byte: UInt8) in byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        let isLower = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        if !word.contains(where: isUpper) { return .some(nil) }
        if !word.contains(where: isLower) { return UInt8(ascii: "`") }
        if let first = word.first, isUpper(first), !word.dropFirst().contains(where: isUpper) { return UInt8(ascii: "^") }
        return nil
    }

    /// Whether `byte` is part of a word; bytes of other characters never are (see `init`).
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
