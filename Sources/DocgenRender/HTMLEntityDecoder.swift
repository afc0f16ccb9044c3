/// Decodes character references in attribute values, so URL checks see what a browser sees.
///
/// Only numeric references and a short table of named ones are decoded. That is safe because the
/// sanitizer writes every value back re-escaped: an undecoded `&Foo;` comes out as `&amp;Foo;`,
/// which the browser reads as the same literal text the check saw.
enum HTMLEntityDecoder {
    /// Named references that can spell out URL schemes or are common in titles and alt texts.
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "Tab": "\t", "NewLine": "\n", "colon": ":", "sol": "/", "lpar": "(", "rpar": ")", "period": ".",
        "comma": ",", "semi": ";", "excl": "!", "num": "#", "percnt": "%", "equals": "=", "quest": "?",
        "commat": "@", "lsqb": "[", "rsqb": "]", "lbrack": "[", "rbrack": "]", "lowbar": "_", "grave": "`",
        "lcub": "{", "rcub": "}", "verbar": "|", "vert": "|", "Hat": "^", "plus": "+", "ast": "*",
        "dollar": "$", "bsol": "\\", "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}",
        "hellip": "\u{2026}", "mdash": "\u{2014}", "ndash": "\u{2013}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "laquo": "\u{AB}", "raquo": "\u{BB}", "middot": "\u{B7}",
        "deg": "\u{B0}", "times": "\u{D7}", "divide": "\u{F7}", "euro": "\u{20AC}",
    ]

    /// `text` with `&#NN;`, `&#xHH;` (semicolon optional, as in browsers) and the named references above decoded.
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "&", let (decoded, end) = reference(in: scalars, at: index) else {
                result.append(scalars[index])
                index += 1
                continue
            }
            result.append(contentsOf: decoded.unicodeScalars)
            index = end
        }
        return String(result)
    }

    /// The reference starting at `start` (an `&`) and the index after it, or nil when it is not one.
    private static func reference(in scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var index = start + 1
        guard index < scalars.count else { return nil }
        if scalars[index] == "#" {
            index += 1
            let isHex = index < scalars.count && (scalars[index] == "x" || scalars[index] == "X")
            if isHex { index += 1 }
            var value: UInt32 = 0
            var digits = 0
            while index < scalars.count, let digit = digitValue(scalars[index], hex: isHex) {
                // Saturate instead of overflowing: anything past U+10FFFF is U+FFFD anyway.
                value = min(value * (isHex ? 16 : 10) + digit, 0x11_0000)
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if index < scalars.count, scalars[index] == ";" { index += 1 }
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (String(Character(scalar ?? "\u{FFFD}")), index)
        }
        var name = ""
        while index < scalars.count, scalars[index].properties.isASCIIHexDigit || (scalars[index].isASCII && scalars[index].properties.isAlphabetic),
              name.count < 32 {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard index < scalars.count, scalars[index] == ";", let decoded = named[name] else { return nil }
        return (decoded, index + 1)
    }

    private static func digitValue(_ scalar: Unicode.Scalar, hex: Bool) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: return scalar.value - 0x30
        case 0x61...0x66 where hex: return scalar.value - 0x61 + 10
        case 0x41...0x46 where hex: return scalar.value - 0x41 + 10
        default: return nil
        }
    }
}
