/// One unit of a script line as the directive and shell lexers walk it: a `Character` in general, or a
/// byte of a line that is plain ASCII (see `isPlainASCII`), where bytes and Characters are the same.
///
/// The lexers are written once over this protocol; the byte form skips grapheme breaking and Unicode
/// property look-ups, and the Character form keeps the exact Character semantics (e.g. `"\u{37E}"` is
/// canonically equal to `";"`) for every other line.
protocol ScriptTextUnit {
    /// Whether the unit equals the ASCII character `byte`, the way `Character ==` compares.
    func isASCII(_ byte: UInt8) -> Bool
    /// `Character.isWhitespace` of the unit.
    var isWhitespaceUnit: Bool { get }
    /// Appends the unit's UTF-8 bytes to `bytes`.
    func append(to bytes: inout [UInt8])
    /// The text of a run of units.
    static func text(of units: ArraySlice<Self>) -> String
}

extension ScriptTextUnit {
    /// Whether the unit is one of the ASCII characters in `bytes`.
    func isASCII(oneOf bytes: StaticString) -> Bool {
        bytes.withUTF8Buffer { buffer in buffer.contains { isASCII($0) } }
    }
}

extension Character: ScriptTextUnit {
    func isASCII(_ byte: UInt8) -> Bool { self == Character(Unicode.Scalar(byte)) }
    var isWhitespaceUnit: Bool { isWhitespace }
    func append(to bytes: inout [UInt8]) { bytes.append(contentsOf: utf8) }
    static func text(of units: ArraySlice<Character>) -> String { String(units) }
}

extension UInt8: ScriptTextUnit {
    func isASCII(_ byte: UInt8) -> Bool { self == byte }
    // The ASCII White_Space characters: tab, line feed, vertical tab, form feed, carriage return, space.
    var isWhitespaceUnit: Bool { self == 0x20 || (0x09...0x0D).contains(self) }
    func append(to bytes: inout [UInt8]) { bytes.append(self) }
    static func text(of units: ArraySlice<UInt8>) -> String { String(decoding: units, as: UTF8.self) }
}
