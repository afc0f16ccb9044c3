public import DocgenCore
import Yams

/// Splits a page into YAML front matter and body, and reads the front matter's fields.
public enum FrontMatterParser {
    /// The two parts of a page's text.
    public struct Split: Sendable {
        /// The YAML between the `---` fences, or nil when the page has no front matter.
        public var yaml: String?
        /// The 1-based line where the YAML starts.
        public var yamlStartLine: Int
        /// The Markdown after the front matter.
        public var body: String
        /// The 1-based line of the file where the body starts.
        public var bodyStartLine: Int
    }

    /// Separates front matter (a first line of exactly `---`, closed by `---` or `...`) from the body.
    /// Only the front matter's lines are scanned, byte by byte (so CRLF files work too); the body is
    /// sliced off, never split into lines.
    public static func split(_ text: String) -> Split {
        let noFrontMatter = Split(yaml: nil, yamlStartLine: 1, body: text, bodyStartLine: 1)
        guard text.hasPrefix("---") else { return noFrontMatter }
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var lineNumber = 1
        var yamlStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            var line = bytes[lineStart..<lineEnd]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let next = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : bytes.endIndex
            if lineNumber == 1 {
                guard line.elementsEqual("---".utf8) else { return noFrontMatter }
                yamlStart = next
            } else if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                let yaml = String(decoding: bytes[yamlStart..<lineStart], as: UTF8.self)
                return Split(
                    yaml: yaml, yamlStartLine: 2, body: String(decoding: bytes[next...], as: UTF8.self),
                    bodyStartLine: lineNumber + 1)
            }
            lineStart = next
            lineNumber += 1
        }
        // An unclosed fence is most likely a thematic break, as GitHub reads it: keep the text as body.
        return noFrontMatter
    }

    /// Whether `text` opens front matter that is never closed: a first line of exactly `---` followed by
    /// a line like `title: ...` (a thematic break followed by prose rarely starts with a known key).
    public static func looksLikeUnclosedFrontMatter(_ text: String) -> Bool {
        guard split(text).yaml == nil else { return false }
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false).prefix(2).map {
            String(decoding: $0, as: UTF8.self)
        }
        lines = lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        guard lines.count == 2, lines[0] == "---", let colon = lines[1].firstIndex(of: ":") else { return false }
        let key = lines[1][..<colon]
        return FrontMatter.knownKeys.contains(String(key))
    }

    /// Reads the fields docgen knows; problems become diagnostics located in `file`.
    public static func parse(_ yaml: String, file: String, startLine: Int) -> (FrontMatter, [Diagnostic]) {
        if let simple = SimpleFrontMatter.read(yaml) { return (simple, []) }
        return parseWithYAML(yaml, file: file, startLine: startLine)
    }

    /// `parse` through Yams, for any front matter (and, in tests, to check `SimpleFrontMatter` against).
    static func parseWithYAML(_ yaml: String, file: String, startLine: Int) -> (FrontMatter, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var frontMatter = FrontMatter()
        // A problem found at the end of the input is shown on the last YAML line, not on the closing fence.
        let lastLine = max(1, yaml.utf8.count { $0 == UInt8(ascii: "\n") } + (yaml.hasSuffix("\n") ? 0 : 1))
        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: startLine + min(mark?.line ?? 1, lastLine) - 1, column: mark?.column ?? 1)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            let (problem, mark) = describe(error)
            var at = location(mark)
            if case let .reader(_, offset?, _, text) = error {
                // Reader errors (control characters, bad encodings) carry a byte offset instead of a mark.
                let before = text.utf8.prefix(offset)
                let line = before.count { $0 == UInt8(ascii: "\n") } + 1
                let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { text.utf8.index(after: $0) } ?? text.startIndex
                let column = String(decoding: text.utf8[lineStart..<before.endIndex], as: UTF8.self).count + 1
                at = SourceLocation(file: file, line: startLine + line - 1, column: column)
            }
            diagnostics.append(.error(
                "frontmatter.invalid-yaml", "front matter is not valid YAML: \(problem)", at: at,
                fixIt: .init("fix the YAML between the '---' lines, or remove them if the page has no front matter")))
            return (frontMatter, diagnostics)
        } catch {
            diagnostics.append(.error(
                "frontmatter.invalid-yaml", "front matter is not valid YAML: \(error)", at: location(nil),
                fixIt: .init("fix the YAML between the '---' lines, or remove them if the page has no front matter")))
            return (frontMatter, diagnostics)
        }
        guard let node else { return (frontMatter, diagnostics) }
        guard case .mapping(let mapping) = node else {
            diagnostics.append(.error(
                "frontmatter.not-mapping", "front matter must be a mapping of keys to values, like 'title: My page'",
                at: location(node.mark), fixIt: .init("write one 'key: value' per line between the '---' lines")))
            return (frontMatter, diagnostics)
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let at = location(keyNode.mark)
            func wrongType(_ expected: String) {
                diagnostics.append(.error(
                    "frontmatter.wrong-type", "'\(key)' must be \(expected)", at: location(value.mark),
                    fixIt: .init("write '\(key): ' followed by \(expected)\(key == "title" || key == "description" ? " (quote it if it contains ': ' or starts with [ or {)" : "")")))
            }
            if case .scalar(let scalar) = value, scalar.style == .plain, let mark = value.mark,
               commentCutsValue(yaml: yaml, line: mark.line, column: mark.column) {
                diagnostics.append(.warning(
                    "frontmatter.comment-in-value",
                    "'\(key)' stops at ' #': YAML reads the rest of the line as a comment",
                    at: location(value.mark), fixIt: .init("put the value in double quotes")))
            }
            switch key {
            case "title":
                if let text = scalarText(value) { frontMatter.title = text } else { wrongType("a string") }
            case "description":
                if let text = scalarText(value) { frontMatter.description = text } else { wrongType("a string") }
            case "weight":
                if let number = value.int { frontMatter.weight = number } else { wrongType("a whole number") }
            case "draft":
                if let flag = value.bool { frontMatter.draft = flag } else { wrongType("true or false") }
            case "aliases":
                if case .sequence(let items) = value {
                    let texts = items.compactMap(scalarText)
                    if texts.count == items.count { frontMatter.aliases = texts } else { wrongType("a list of paths") }
                } else if let single = scalarText(value) {
                    frontMatter.aliases = [single]
                } else {
                    wrongType("a list of paths")
                }
            default:
                diagnostics.append(.warning(
                    "frontmatter.unknown-key",
                    "unknown front matter key '\(key)'\(Suggestion.didYouMean(key, in: FrontMatter.knownKeys)); docgen ignores it",
                    at: at, fixIt: .init("correct or remove the key; docgen knows \(FrontMatter.knownKeys.joined(separator: ", "))")))
            }
        }
        return (frontMatter, diagnostics)
    }

    /// Whether a plain scalar starting at `line`/`column` is followed on its line by ` #` (a comment).
    private static func commentCutsValue(yaml: String, line: Int, column: Int) -> Bool {
        // Most front matter has no "#" at all, and then no line needs splitting out.
        guard yaml.utf8.contains(UInt8(ascii: "#")) else { return false }
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return false }
        let text = lines[line - 1]
        let rest = text.dropFirst(max(0, column - 1))
        return rest.contains(" #") || rest.contains("\t#")
    }

    private static func scalarText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else { return nil }
        return scalar.string
    }

    /// libyaml's wording where it speaks of its own API rather than of the text.
    public static func readable(_ problem: String) -> String {
        problem.hasPrefix("Maximum nesting level reached") ? "it is nested too deeply (lists or mappings inside each other)" : problem
    }

    private static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return (readable(problem), mark)
        case let .reader(problem, _, _, _):
            return (problem, nil)
        case let .duplicatedKeysInMapping(duplicates, _):
            return ("duplicate keys \(duplicates.joined(separator: ", "))", nil)
        default:
            return ("\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)", nil)
        }
    }
}
