/// Splits a raw HTML fragment into tokens the way an HTML5 parser's tokenizer does, closely enough
/// for sanitising: the sanitizer writes out only what it rebuilds from these tokens, so where this
/// reading differs from a browser's the difference never reaches the page.
struct HTMLTokenizer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    /// A tokenizer at the start of `fragment`.
    init(_ fragment: String) {
        scalars = Array(fragment.unicodeScalars)
    }

    /// The next token, or nil at the end of the fragment.
    mutating func next() -> HTMLToken? {
        guard position < scalars.count else { return nil }
        guard scalars[position] == "<" else { return readText() }
        let start = position
        switch scalar(at: start + 1) {
        case let next? where Self.isASCIILetter(next):
            return readTag(from: start, nameStart: start + 1, isEnd: false)
        case "/":
            switch scalar(at: start + 2) {
            case let next? where Self.isASCIILetter(next):
                return readTag(from: start, nameStart: start + 2, isEnd: true)
            case ">":
                position = start + 3
                return .ignored
            case nil:
                position = scalars.count
                return .text("</")
            default:
                return skipBogusComment(from: start + 2)
            }
        case "!":
            if hasPrefix("<!--", at: start) { return skipComment(from: start + 4) }
            return skipBogusComment(from: start + 2)
        case "?":
            return skipBogusComment(from: start + 1)
        default:
            position = start + 1
            return .text("<")
        }
    }

    /// Moves past the content of a raw-text element (`script`, `style`, ...) up to its end tag
    /// `</name` (which `next()` then returns), or to the end of the fragment; returns whether the end tag is here.
    mutating func skipRawText(until name: String) -> Bool {
        let closing = Array(("</" + name).unicodeScalars)
        var index = position
        while index + closing.count <= scalars.count {
            if scalars[index] == "<", matchesIgnoringCase(closing, at: index) {
                let after = scalar(at: index + closing.count)
                if after == nil || after == ">" || after == "/" || after.map(Self.isSpace) == true {
                    position = index
                    return true
                }
            }
            index += 1
        }
        position = scalars.count
        return false
    }

    private func scalar(at index: Int) -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    private func hasPrefix(_ prefix: String, at index: Int) -> Bool {
        var offset = index
        for expected in prefix.unicodeScalars {
            guard scalar(at: offset) == expected else { return false }
            offset += 1
        }
        return true
    }

    private func matchesIgnoringCase(_ expected: [Unicode.Scalar], at index: Int) -> Bool {
        for (offset, scalar) in expected.enumerated() where Self.lowercased(scalars[index + offset]) != scalar {
            return false
        }
        return true
    }

    private mutating func readText() -> HTMLToken {
        var text = String.UnicodeScalarView()
        while position < scalars.count, scalars[position] != "<" {
            text.append(scalars[position])
            position += 1
        }
        return .text(String(text))
    }

    /// `<!--` ... `-->` (also `--!>`, and the abrupt `<!-->` and `<!--->`); unterminated runs to the end.
    private mutating func skipComment(from start: Int) -> HTMLToken {
        if scalar(at: start) == ">" {
            position = start + 1
            return .ignored
        }
        if hasPrefix("->", at: start) {
            position = start + 2
            return .ignored
        }
        var index = start
        while index < scalars.count {
            if hasPrefix("-->", at: index) {
                position = index + 3
                return .ignored
            }
            if hasPrefix("--!>", at: index) {
                position = index + 4
                return .ignored
            }
            index += 1
        }
        position = scalars.count
        return .ignored
    }

    /// Doctypes, CDATA, processing instructions and `</ x>`: everything up to the next `>`.
    private mutating func skipBogusComment(from start: Int) -> HTMLToken {
        var index = start
        while index < scalars.count, scalars[index] != ">" { index += 1 }
        position = min(index + 1, scalars.count)
        return .ignored
    }

    /// A start or end tag; a tag the fragment ends inside comes back as text (the sanitizer escapes it).
    private mutating func readTag(from start: Int, nameStart: Int, isEnd: Bool) -> HTMLToken {
        var index = nameStart
        var name = ""
        while index < scalars.count, !Self.isSpace(scalars[index]), scalars[index] != "/", scalars[index] != ">" {
            name.unicodeScalars.append(Self.lowercased(scalars[index]))
            index += 1
        }
        var attributes: [HTMLToken.Attribute] = []
        var seen: Set<String> = []
        var selfClosing = false
        while true {
            while index < scalars.count, Self.isSpace(scalars[index]) { index += 1 }
            guard index < scalars.count else { return unterminated(from: start) }
            if scalars[index] == ">" {
                index += 1
                break
            }
            if scalars[index] == "/" {
                if scalar(at: index + 1) == ">" {
                    selfClosing = true
                    index += 2
                    break
                }
                index += 1
                continue
            }
            // The name's first character may be "=" (`<a =x>`), as in HTML5.
            var attributeName = String(Self.lowercased(scalars[index]))
            index += 1
            while index < scalars.count, !Self.isSpace(scalars[index]), !"/>=".unicodeScalars.contains(scalars[index]) {
                attributeName.unicodeScalars.append(Self.lowercased(scalars[index]))
                index += 1
            }
            while index < scalars.count, Self.isSpace(scalars[index]) { index += 1 }
            var value = ""
            if scalar(at: index) == "=" {
                index += 1
                while index < scalars.count, Self.isSpace(scalars[index]) { index += 1 }
                guard index < scalars.count else { return unterminated(from: start) }
                let quote = scalars[index]
                if quote == "\"" || quote == "'" {
                    index += 1
                    let valueStart = index
                    while index < scalars.count, scalars[index] != quote { index += 1 }
                    guard index < scalars.count else { return unterminated(from: start) }
                    value = String(String.UnicodeScalarView(scalars[valueStart..<index]))
                    index += 1
                } else {
                    let valueStart = index
                    while index < scalars.count, !Self.isSpace(scalars[index]), scalars[index] != ">" { index += 1 }
                    value = String(String.UnicodeScalarView(scalars[valueStart..<index]))
                }
            }
            if seen.insert(attributeName).inserted {
                attributes.append(HTMLToken.Attribute(name: attributeName, value: HTMLEntityDecoder.decode(value)))
            }
        }
        position = index
        return isEnd ? .endTag(name: name) : .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    private mutating func unterminated(from start: Int) -> HTMLToken {
        position = scalars.count
        return .text(String(String.UnicodeScalarView(scalars[start...])))
    }

    /// HTML's whitespace inside tags: tab, line feed, form feed, carriage return, space.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\u{0C}" || scalar == "\r"
    }

    /// Tag names must start with one of these; `<` before anything else is text.
    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value >= 0x41 && scalar.value <= 0x5A) || (scalar.value >= 0x61 && scalar.value <= 0x7A)
    }

    /// ASCII lowercasing only, as HTML does for names; NUL becomes U+FFFD, as in a browser.
    static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value == 0 { return "\u{FFFD}" }
        guard scalar.value >= 0x41, scalar.value <= 0x5A, let lower = Unicode.Scalar(scalar.value + 0x20) else { return scalar }
        return lower
    }
}
