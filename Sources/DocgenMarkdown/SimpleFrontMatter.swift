/// Front matter simple enough to read without a YAML parser: lines `title: "Text"`, `title: Text`,
/// `description: ...`, `weight: 3` and `draft: true`, each key once. Almost every page's front
/// matter looks like that, and composing it with libyaml through Yams was 2.5% of a build.
///
/// What is accepted is read exactly as YAML reads it, so the result is the one `FrontMatterParser`
/// gets from Yams; anything else (another key, a comment, an escape, a tab, a character outside
/// printable ASCII, a number YAML could read another way) is nil, and goes to Yams.
enum SimpleFrontMatter {
    /// The front matter, or nil when the text is not of the simple kind.
    static func read(_ yaml: String) -> FrontMatter? {
        var frontMatter = FrontMatter()
        var seen: Set<String> = []
        for rawLine in yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var line = rawLine[...]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            // Only the end of the text may be an empty line (the one after the last line feed).
            if line.isEmpty {
                if rawLine.endIndex == yaml.utf8.endIndex { continue }
                return nil
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let key = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            var value = line[line.index(after: colon)...]
            // "key: value": exactly one space after the colon, and no space at the end.
            guard value.first == UInt8(ascii: " ") else { return nil }
            value = value.dropFirst()
            guard let first = value.first, first != UInt8(ascii: " "), value.last != UInt8(ascii: " "),
                  value.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), seen.insert(key).inserted else { return nil }
            switch key {
            case "title", "description":
                guard let text = text(value) else { return nil }
                if key == "title" { frontMatter.title = text } else { frontMatter.description = text }
            case "weight":
                // Digits only, no leading zero (YAML 1.1 reads 010 as octal) and small enough for any Int.
                guard value.count <= 9, value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                      value.count == 1 || first != UInt8(ascii: "0"), let number = Int(String(decoding: value, as: UTF8.self)) else { return nil }
                frontMatter.weight = number
            case "draft":
                if value.elementsEqual("true".utf8) { frontMatter.draft = true }
                else if value.elementsEqual("false".utf8) { frontMatter.draft = false }
                else { return nil }
            default:
                return nil
            }
        }
        return frontMatter
    }

    /// A double-quoted string without escapes, or a plain one that starts with a letter or digit and
    /// holds nothing YAML treats specially (no `#`, `:`, quotes, brackets or braces).
    private static func text(_ value: Substring.UTF8View) -> String? {
        let quote = UInt8(ascii: "\"")
        if value.first == quote {
            guard value.count >= 2, value.last == quote else { return nil }
            let inner = value.dropFirst().dropLast()
            guard !inner.contains(quote), !inner.contains(UInt8(ascii: "\\")) else { return nil }
            return String(decoding: inner, as: UTF8.self)
        }
        guard let first = value.first, (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"))
                || (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return nil }
        let special: Set<UInt8> = Set("#:'\"[]{},&*!|>%@`".utf8)
        guard !value.contains(where: { special.contains($0) }) else { return nil }
        return String(decoding: value, as: UTF8.self)
    }
}
