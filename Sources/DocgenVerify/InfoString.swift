import DocgenCore

/// A fenced code block's info string: `lang {key=value flag key="quoted value"}`.
public struct InfoString: Hashable, Sendable {
    /// One attribute inside the braces.
    public struct Attribute: Hashable, Sendable {
        /// The key, e.g. `verify`.
        public var key: String
        /// The value, or nil for a bare flag.
        public var value: String?
        /// Offset of the attribute's first character in the info string, in characters.
        public var offset: Int
    }

    /// A syntax problem in the info string, with its character offset.
    public struct SyntaxError: Hashable, Sendable {
        /// What is wrong.
        public var message: String
        /// Offset in characters from the start of the info string.
        public var offset: Int
    }

    /// The language (the first word), lowercased; empty when the fence has none.
    public var language: String
    /// The attributes in the order written.
    public var attributes: [Attribute]
    /// Problems found while reading the braces.
    public var errors: [SyntaxError]

    /// The value of the first attribute named `key`, or nil.
    public func value(_ key: String) -> String? {
        attributes.first { $0.key == key }?.value
    }

    /// Whether an attribute named `key` is present.
    public func has(_ key: String) -> Bool {
        attributes.contains { $0.key == key }
    }

    /// Reads an info string; never fails, problems go to `errors`.
    public init(_ info: String) {
        if let language = Self.plainLanguage(info) {
            self = InfoString(language: language)
        } else {
            self.init(readingCharactersOf: info)
        }
    }

    /// An info string with a language and nothing else.
    private init(language: String) {
        self.language = language
        attributes = []
        errors = []
    }

    /// `init` for any info string, Character by Character.
    init(readingCharactersOf info: String) {
        let characters = Array(info)
        var index = 0
        func skipSpaces() {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
        }
        skipSpaces()
        var language = ""
        while index < characters.count, !characters[index].isWhitespace, characters[index] != "{" {
            language.append(characters[index])
            index += 1
        }
        self.language = language.lowercased()
        self.attributes = []
        self.errors = []
        skipSpaces()
        guard index < characters.count else { return }
        guard characters[index] == "{" else {
            // Free text after the language (GitHub ignores it); docgen only reads braces.
            return
        }
        let open = index
        index += 1
        while true {
            skipSpaces()
            guard index < characters.count else {
                errors.append(SyntaxError(message: "attribute list opened with '{' is never closed with '}'", offset: open))
                return
            }
            if characters[index] == "}" {
                index += 1
                skipSpaces()
                if index < characters.count {
                    errors.append(SyntaxError(message: "unexpected text after the closing '}'", offset: index))
                }
                return
            }
            let start = index
            var key = ""
            while index < characters.count, characters[index].isAttributeKeyCharacter {
                key.append(characters[index])
                index += 1
            }
            if key.isEmpty {
                errors.append(SyntaxError(message: "expected an attribute name, found '\(characters[index])'", offset: index))
                index += 1
                continue
            }
            guard index < characters.count, characters[index] == "=" else {
                attributes.append(Attribute(key: key, value: nil, offset: start))
                continue
            }
            index += 1
            var value = ""
            if index < characters.count, characters[index] == "\"" {
                index += 1
                var closed = false
                while index < characters.count {
                    let character = characters[index]
                    index += 1
                    if character == "\\", index < characters.count {
                        value.append(characters[index])
                        index += 1
                    } else if character == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(character)
                    }
                }
                if !closed {
                    errors.append(SyntaxError(message: "quoted value of '\(key)' is never closed", offset: start))
                }
            } else {
                while index < characters.count, !characters[index].isWhitespace, characters[index] != "}" {
                    value.append(characters[index])
                    index += 1
                }
            }
            attributes.append(Attribute(key: key, value: value, offset: start))
        }
    }
}

extension InfoString {
    /// The language of an info string that is plain ASCII (no carriage return) without a `{`, which
    /// is nearly every one (`bash`, `console`), read on bytes; nil for any other, which `init` reads
    /// by Characters. Every code block's info string is read three times, and splitting it into
    /// Characters with a Unicode property lookup for each was 0.4% of a big build.
    static func plainLanguage(_ info: String) -> String? {
        var info = info
        return info.withUTF8 { bytes -> String? in
            var start = -1, end = 0
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 || byte == UInt8(ascii: "{") || byte == 0x0D { return nil }
                // ASCII's White_Space characters, as `Character.isWhitespace` has them.
                let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0C)
                if start < 0 {
                    if !isSpace { start = offset }
                } else if end == 0, isSpace {
                    end = offset
                }
            }
            guard start >= 0 else { return "" }
            let word = bytes[start..<(end > start ? end : bytes.count)]
            return String(unsafeUninitializedCapacity: word.count) { buffer in
                for (position, byte) in word.enumerated() {
                    buffer[position] = byte.asciiLowercased
                }
                return word.count
            }
        }
    }
}

extension Character {
    fileprivate var isAttributeKeyCharacter: Bool {
        isLetter || isNumber || self == "-" || self == "_" || self == "."
    }
}
