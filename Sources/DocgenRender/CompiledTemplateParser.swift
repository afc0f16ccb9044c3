/// Parses a template's text into a `CompiledTemplate`, or reports that it uses something the compiled
/// renderer does not implement (the theme then renders that template with swift-mustache).
///
/// The text has already been parsed by swift-mustache without error. This parser follows the same
/// steps, Character by Character as swift-mustache reads (so `\r\n` is one character and a `{` with a
/// combining mark is not a delimiter), and keeps its quirks: whether a tag stands alone on its line
/// depends on the state after the *opening* tag of the section before it, whitespace at the very end
/// of the text is dropped, a `{{` followed by a line break is dropped. Matching it step by step is
/// what makes the output byte-identical.
struct CompiledTemplateParser {
    /// Why a template cannot be compiled.
    struct Unsupported: Error, CustomStringConvertible {
        /// The feature, in words.
        let description: String
    }

    private let text: String
    private var position: String.Index
    /// Template names to their index in the compiled library, to resolve `{{> name}}`.
    private let templateIndices: [String: Int]
    private var includedTemplates: Set<Int> = []

    /// Parses `text`; `templateIndices` gives each template name of the theme its index.
    static func compile(_ text: String, templateIndices: [String: Int]) throws -> CompiledTemplate {
        var parser = CompiledTemplateParser(text: text, position: text.startIndex, templateIndices: templateIndices)
        let nodes = try parser.parseNodes(closing: nil, startsOnNewLine: true)
        return CompiledTemplate(nodes: nodes, includedTemplates: parser.includedTemplates)
    }

    private init(text: String, position: String.Index, templateIndices: [String: Int]) {
        self.text = text
        self.position = position
        self.templateIndices = templateIndices
    }

    /// The nodes up to the `{{/sectionName}}` that closes the section (or the end of the text at the top).
    private mutating func parseNodes(closing sectionName: String?, startsOnNewLine: Bool) throws -> [CompiledTemplate.Node] {
        var nodes: [CompiledTemplate.Node] = []
        var onNewLine = startsOnNewLine
        // The spaces and tabs that began the current line, held back until it is known whether the
        // line holds only a standalone tag (then they go, or become a partial's indentation).
        var whitespaceBefore = ""
        func flushWhitespace() {
            if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
            whitespaceBefore = ""
        }
        while !atEnd {
            if onNewLine { whitespaceBefore = read { $0 == " " || $0 == "\t" } }
            let text = try readUntilTagOrNewline()
            if current.isNewline {
                nodes.append(.text(whitespaceBefore + text + String(current)))
                onNewLine = true
                advance()
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whitespaceBefore + text))
                whitespaceBefore = ""
                onNewLine = false
            }
            if atEnd { break }
            var standsAlone = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                advance()
                let name = try parseName()
                if isStandalone(onNewLine) {
                    standsAlone = true
                } else {
                    flushWhitespace()
                }
                let body = try parseNodes(closing: name, startsOnNewLine: standsAlone)
                nodes.append(.section(CompiledTemplate.Name(name), inverted: inverted, body: body))
            case "/":
                advance()
                let name = try parseName()
                guard let sectionName, name == sectionName else { throw Unsupported(description: "a section closed with another name") }
                if !isStandalone(onNewLine) { flushWhitespace() }
                return nodes
            case "!":
                advance()
                try skipComment()
                // swift-mustache neither writes nor clears the whitespace before a comment here.
                standsAlone = isStandalone(onNewLine)
            case "{":
                flushWhitespace()
                advance()
                let name = try parseName()
                guard !atEnd, current == "}" else { throw Unsupported(description: "an unfinished {{{ }}} tag") }
                advance()
                nodes.append(.variable(CompiledTemplate.Name(name), escaped: false))
            case "&":
                flushWhitespace()
                advance()
                nodes.append(.variable(CompiledTemplate.Name(try parseName()), escaped: false))
            case ">":
                advance()
                _ = read(while: \.isWhitespace)
                if current == "*" { throw Unsupported(description: "a dynamic partial {{>*name}}") }
                let name = try parsePartialName()
                let template = templateIndices[name]
                if let template { includedTemplates.insert(template) }
                let indentation = whitespaceBefore
                flushWhitespace()
                if isStandalone(onNewLine) {
                    standsAlone = true
                    nodes.append(.partial(template: template, indentation: indentation))
                } else {
                    nodes.append(.partial(template: template, indentation: nil))
                }
            case "<", "$":
                throw Unsupported(description: "template inheritance ({{<parent}}, {{$block}})")
            case "=":
                throw Unsupported(description: "a set-delimiter tag")
            case "%":
                throw Unsupported(description: "a pragma tag {{% … }}")
            default:
                flushWhitespace()
                nodes.append(.variable(CompiledTemplate.Name(try parseName()), escaped: true))
            }
            onNewLine = standsAlone
        }
        guard sectionName == nil else { throw Unsupported(description: "a section that is never closed") }
        return nodes
    }

    // MARK: Reading

    private var atEnd: Bool { position == text.endIndex }

    /// The character at the current position; NUL at the end, as swift-mustache's parser gives.
    private var current: Character { atEnd ? "\0" : text[position] }

    private mutating func advance() { position = text.index(after: position) }

    /// Reads characters while `matches` holds.
    private mutating func read(while matches: (Character) -> Bool) -> String {
        let start = position
        while !atEnd, matches(text[position]) { advance() }
        return String(text[start..<position])
    }

    /// Reads text up to a line feed (not taken) or up to and including the `{{` of a tag.
    private mutating func readUntilTagOrNewline() throws -> String {
        var result = ""
        while !atEnd {
            result += read { $0 != "\n" && $0 != "\r\n" && $0 != "{" }
            if current.isNewline { break }
            if current == "{" {
                // swift-mustache reads two characters here and fails on a `{` that ends the text.
                let next = text.index(after: position)
                guard next != text.endIndex else { throw Unsupported(description: "a template ending in '{'") }
                if text[next] == "{" {
                    position = text.index(after: next)
                    break
                }
                result += "{"
                advance()
            }
        }
        return result
    }

    /// A tag's name up to and including its `}}`; names with a transform `f(x)` are not supported.
    private mutating func parseName() throws -> String {
        let name = try readNameAndClose(allowing: Self.nameCharacters)
        guard !name.contains("("), !name.contains(")") else { throw Unsupported(description: "a transform \(name)") }
        return name
    }

    /// A partial's name up to and including its `}}`.
    private mutating func parsePartialName() throws -> String {
        try readNameAndClose(allowing: Self.partialNameCharacters)
    }

    private mutating func readNameAndClose(allowing characters: Set<Character>) throws -> String {
        _ = read(while: \.isWhitespace)
        let name = read { characters.contains($0) }
        _ = read(while: \.isWhitespace)
        guard readClosingDelimiter() else { throw Unsupported(description: "an unfinished tag") }
        return name
    }

    /// Reads `}}` if it comes next.
    private mutating func readClosingDelimiter() -> Bool {
        guard !atEnd, text[position] == "}" else { return false }
        let next = text.index(after: position)
        guard next != text.endIndex, text[next] == "}" else { return false }
        position = text.index(after: next)
        return true
    }

    /// Skips a comment's text and its `}}`.
    private mutating func skipComment() throws {
        while !atEnd {
            if readClosingDelimiter() { return }
            advance()
        }
        throw Unsupported(description: "an unfinished comment")
    }

    /// Whether the tag just read stands alone on its line: the line began with it (`onNewLine`) and
    /// only spaces and tabs follow it up to a line break or the end of the text. The line break is
    /// then taken with the tag.
    private mutating func isStandalone(_ onNewLine: Bool) -> Bool {
        guard onNewLine else { return false }
        if atEnd { return true }
        var lookahead = position
        while lookahead != text.endIndex, text[lookahead] == " " || text[lookahead] == "\t" { lookahead = text.index(after: lookahead) }
        guard lookahead != text.endIndex, text[lookahead].isNewline else { return false }
        position = text.index(after: lookahead)
        return true
    }

    /// The characters of a variable or section name (parentheses for transforms included, to reject them).
    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    /// The characters of a partial's name.
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
}
