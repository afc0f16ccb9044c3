/// One character of a code block as the lexers see it: an ASCII character is its byte, any other
/// character is a marker byte (0x80 and up) carrying the properties the lexers ask about. Lexers
/// only ever compare characters with ASCII ones, so comparing bytes gives the same answers as
/// comparing `Character`s, without the grapheme breaking and Unicode property lookups.
struct SourceUnit: Equatable, ExpressibleByUnicodeScalarLiteral {
    /// The ASCII byte, or `nonASCIIMarker` with the property flags below.
    let code: UInt8

    private static let nonASCIIMarker: UInt8 = 0x80
    private static let letterFlag: UInt8 = 0x01
    private static let numberFlag: UInt8 = 0x02
    private static let whitespaceFlag: UInt8 = 0x04
    private static let hexDigitFlag: UInt8 = 0x08

    /// The unit of an ASCII character written as a literal; only ASCII literals are meaningful.
    init(unicodeScalarLiteral scalar: Unicode.Scalar) {
        assert(scalar.isASCII, "SourceUnit literals must be ASCII")
        code = UInt8(truncatingIfNeeded: scalar.value)
    }

    /// The unit of an ASCII byte.
    init(ascii byte: UInt8) {
        code = byte
    }

    /// The unit of any character of the text.
    init(_ character: Character) {
        if character.utf8.count == 1, let byte = character.utf8.first {
            code = byte
            return
        }
        // These three are canonically equivalent to ASCII characters, and `Character` equality
        // is canonical equivalence: they must compare equal to `;`, `` ` `` and `K` as before.
        switch character.unicodeScalars.first?.value {
        case 0x037E where character.unicodeScalars.count == 1: code = UInt8(ascii: ";")
        case 0x1FEF where character.unicodeScalars.count == 1: code = UInt8(ascii: "`")
        case 0x212A where character.unicodeScalars.count == 1: code = UInt8(ascii: "K")
        default:
            var flags = Self.nonASCIIMarker
            if character.isLetter { flags |= Self.letterFlag }
            if character.isNumber { flags |= Self.numberFlag }
            if character.isWhitespace { flags |= Self.whitespaceFlag }
            if character.isHexDigit { flags |= Self.hexDigitFlag }
            code = flags
        }
    }

    /// As `Character.isLetter`.
    var isLetter: Bool {
        code < 0x80 ? Self.asciiProperties[Int(code)] & Self.letterFlag != 0 : code & Self.letterFlag != 0
    }

    /// As `Character.isNumber`.
    var isNumber: Bool {
        code < 0x80 ? Self.asciiProperties[Int(code)] & Self.numberFlag != 0 : code & Self.numberFlag != 0
    }

    /// As `Character.isWhitespace`.
    var isWhitespace: Bool {
        code < 0x80 ? Self.asciiProperties[Int(code)] & Self.whitespaceFlag != 0 : code & Self.whitespaceFlag != 0
    }

    /// As `Character.isHexDigit`.
    var isHexDigit: Bool {
        code < 0x80 ? Self.asciiProperties[Int(code)] & Self.hexDigitFlag != 0 : code & Self.hexDigitFlag != 0
    }

    /// `isLetter || isNumber`, the test every word scanner makes.
    var isLetterOrNumber: Bool {
        code < 0x80
            ? Self.asciiProperties[Int(code)] & (Self.letterFlag | Self.numberFlag) != 0
            : code & (Self.letterFlag | Self.numberFlag) != 0
    }

    /// The property flags of each ASCII character, as `Character` reports them.
    private static let asciiProperties: [UInt8] = (0..<128).map { value -> UInt8 in
        let byte = UInt8(value)
        var flags: UInt8 = 0
        let isLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
        let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
        let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        if isLower || isUpper { flags |= letterFlag }
        if isDigit { flags |= numberFlag }
        if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { flags |= whitespaceFlag }
        if isDigit || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F")) {
            flags |= hexDigitFlag
        }
        return flags
    }
}

/// A set of ASCII characters, for the extra characters a lexer lets into a word.
struct ASCIISet: ExpressibleByStringLiteral {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// The set of the (ASCII) characters of `members`.
    init(stringLiteral members: String) {
        for byte in members.utf8 {
            assert(byte < 0x80, "ASCIISet members must be ASCII")
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte & 63) }
        }
    }

    /// Whether `unit` is one of the set's characters; never for a non-ASCII unit.
    func contains(_ unit: SourceUnit) -> Bool {
        let code = unit.code
        if code < 64 { return low & (1 << UInt64(code)) != 0 }
        if code < 128 { return high & (1 << UInt64(code & 63)) != 0 }
        return false
    }
}
