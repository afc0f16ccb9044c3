/// Reads a command line by line, the way an interactive shell decides whether to print its PS2
/// prompt: it tracks quotes, `$( )`, `${ }`, backquotes, compound commands (`if`/`fi`,
/// `for`/`done`, `case`/`esac`, `{`/`}`), trailing `|`/`&&`/`||`, backslash-newline and heredocs.
///
/// It also collects the words of the first simple command, quotes removed and nothing expanded.
/// It is an approximation of bash's grammar that is right for the commands guides show; it never
/// executes anything.
struct TranscriptShellScanner {
    /// How a fed line was read.
    enum LineKind: Equatable {
        /// Shell code.
        case code
        /// A line inside a heredoc's body.
        case heredocBody
        /// The line that closes a heredoc.
        case heredocTerminator
    }

    /// Something opened and not closed yet.
    struct OpenConstruct: Equatable {
        enum Kind: Equatable {
            case subshell, commandSubstitution, doubleQuote, singleQuote, ansiCQuote, backquote, parameter
            case keyword(String)
        }

        var kind: Kind
        var line: Int
        var column: Int

        /// The text that opened the construct, for messages.
        var opener: String {
            switch kind {
            case .subshell: "("
            case .commandSubstitution: "$("
            case .doubleQuote: "\""
            case .singleQuote: "'"
            case .ansiCQuote: "$'"
            case .backquote: "`"
            case .parameter: "${"
            case .keyword(let word): word
            }
        }

        /// What closes the construct, for messages.
        var closer: String {
            switch kind {
            case .subshell, .commandSubstitution: ")"
            case .doubleQuote: "\""
            case .singleQuote, .ansiCQuote: "'"
            case .backquote: "`"
            case .parameter: "}"
            case .keyword(let word): Self.keywordClosers[word] ?? word
            }
        }

        var isQuote: Bool {
            switch kind {
            case .doubleQuote, .singleQuote, .ansiCQuote, .backquote: true
            default: false
            }
        }

        static let keywordClosers = ["if": "fi", "case": "esac", "for": "done", "while": "done", "until": "done", "select": "done", "{": "}"]
    }

    /// A heredoc whose body has not been read completely.
    struct Heredoc: Equatable {
        var delimiter: String
        var stripsTabs: Bool
        var line: Int
        var column: Int
    }

    private(set) var stack: [OpenConstruct] = []
    /// Heredocs announced on the current line; their bodies start on the next line.
    private(set) var announcedHeredocs: [Heredoc] = []
    /// Heredocs whose bodies are being read, the first one now.
    private(set) var heredocBodies: [Heredoc] = []
    /// The last code line ended with a backslash that continues it.
    private(set) var endsWithContinuation = false
    /// The last code token was `|`, `&&` or `||`, so the command needs another line.
    private(set) var endsWithOperator: String?
    /// Where the dangling backslash or operator is.
    private var danglingLine = 0
    private var danglingColumn = 1

    /// The words of the first simple command, quotes removed.
    private(set) var words: [String] = []
    private var collectingWords = true
    private var word = ""
    private var wordHasContent = false
    private var wordIsQuoted = false
    private var wordLine = 0
    private var wordColumn = 1
    private var commandPosition = true
    /// After `for`, `select` and `case` the next word is a name, not a command.
    private var nameFollows = false
    private var redirectTargetFollows = false
    private var line = 0
    private var column = 1

    /// Whether everything opened so far has been closed.
    var isComplete: Bool {
        stack.isEmpty && announcedHeredocs.isEmpty && heredocBodies.isEmpty && !endsWithContinuation && endsWithOperator == nil
    }

    /// Reads one line (without its line break) as the shell would. `columnOffset` is the number of
    /// characters in front of `text` on its block line (the prompt, or a PS2 `> `).
    mutating func feed(_ text: String, line: Int, columnOffset: Int = 0) -> LineKind {
        if let heredoc = heredocBodies.first {
            var candidate = Substring(text)
            if heredoc.stripsTabs { candidate = candidate.drop { $0 == "\t" } }
            if candidate == heredoc.delimiter {
                heredocBodies.removeFirst()
                return .heredocTerminator
            }
            return .heredocBody
        }
        self.line = line
        scanCode(Array(text), columnOffset: columnOffset)
        return .code
    }

    // MARK: - Code

    private mutating func scanCode(_ characters: [Character], columnOffset: Int) {
        endsWithContinuation = false
        var index = 0
        while index < characters.count {
            column = columnOffset + index + 1
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            switch stack.last?.kind {
            case .singleQuote?:
                if character == "'" {
                    closeQuote("'")
                } else {
                    appendToWord(character, quoted: true)
                }
                index += 1
            case .ansiCQuote?:
                if character == "\\", let next {
                    appendToWord(character, quoted: true)
                    appendToWord(next, quoted: true)
                    index += 2
                } else {
                    if character == "'" { closeQuote("'") } else { appendToWord(character, quoted: true) }
                    index += 1
                }
            case .doubleQuote?:
                index = scanDoubleQuoted(characters, index, next: next)
            case .parameter?:
                if character == "}" {
                    stack.removeLast()
                    appendRaw("}")
                } else if character == "\"" || character == "'" {
                    open(character == "\"" ? .doubleQuote : .singleQuote, raw: String(character))
                } else {
                    appendRaw(String(character))
                }
                index += 1
            case .commandSubstitution?, .backquote?:
                index = scanSubstitution(characters, index, next: next)
            default:
                index = scanCommand(characters, index, next: next)
            }
        }
        // End of line.
        if endsWithContinuation { return }
        switch stack.last?.kind {
        case .singleQuote?, .ansiCQuote?, .doubleQuote?, .parameter?, .commandSubstitution?, .backquote?:
            appendToWord("\n", quoted: true)
            return
        default:
            break
        }
        finishWord()
        endSimpleCommand()
        commandPosition = true
        nameFollows = false
        redirectTargetFollows = false
        if !announcedHeredocs.isEmpty {
            heredocBodies.append(contentsOf: announcedHeredocs)
            announcedHeredocs.removeAll()
        }
    }

    private mutating func scanDoubleQuoted(_ characters: [Character], _ index: Int, next: Character?) -> Int {
        let character = characters[index]
        switch character {
        case "\\":
            guard let next else {
                markContinuation()
                return index + 1
            }
            if "$`\"\\".contains(next) {
                appendToWord(next, quoted: true)
            } else {
                appendToWord(character, quoted: true)
                appendToWord(next, quoted: true)
            }
            return index + 2
        case "\"":
            closeQuote("\"")
            return index + 1
        case "$" where next == "(":
            open(.commandSubstitution, raw: "$(")
            return index + 2
        case "$" where next == "{":
            open(.parameter, raw: "${")
            return index + 2
        case "`":
            open(.backquote, raw: "`")
            return index + 1
        default:
            appendToWord(character, quoted: true)
            return index + 1
        }
    }

    /// Inside `$( )` or backquotes the text is kept as written; only nesting is tracked.
    private mutating func scanSubstitution(_ characters: [Character], _ index: Int, next: Character?) -> Int {
        let character = characters[index]
        switch character {
        case "\\":
            guard let next else {
                markContinuation()
                return index + 1
            }
            appendRaw("\\" + String(next))
            return index + 2
        case "'":
            open(.singleQuote, raw: "'")
        case "\"":
            open(.doubleQuote, raw: "\"")
        case "$" where next == "(":
            open(.commandSubstitution, raw: "$(")
            return index + 2
        case "$" where next == "{":
            open(.parameter, raw: "${")
            return index + 2
        case "(":
            open(.subshell, raw: "(")
        case ")":
            if let top = stack.last, top.kind == .subshell || top.kind == .commandSubstitution {
                stack.removeLast()
            }
            appendRaw(")")
        case "`":
            if stack.last?.kind == .backquote {
                stack.removeLast()
            } else {
                stack.append(OpenConstruct(kind: .backquote, line: line, column: column))
            }
            appendRaw("`")
        default:
            appendRaw(String(character))
        }
        return index + 1
    }

    /// Reads one character (or a short token) in command context; returns the next index.
    private mutating func scanCommand(_ characters: [Character], _ index: Int, next: Character?) -> Int {
        let character = characters[index]
        switch character {
        case " ", "\t":
            finishWord()
            return index + 1
        case "\\":
            guard let next else {
                markContinuation()
                return index + 1
            }
            appendToWord(next, quoted: true)
            return index + 2
        case "#" where !wordHasContent:
            // A comment runs to the end of the line; a backslash in it continues nothing.
            return characters.count
        case "'":
            open(.singleQuote, raw: nil)
            return index + 1
        case "\"":
            open(.doubleQuote, raw: nil)
            return index + 1
        case "$" where next == "'":
            open(.ansiCQuote, raw: nil)
            return index + 2
        case "$" where next == "(":
            open(.commandSubstitution, raw: "$(")
            return index + 2
        case "$" where next == "{":
            open(.parameter, raw: "${")
            return index + 2
        case "`":
            open(.backquote, raw: "`")
            return index + 1
        case "(":
            finishWord()
            endSimpleCommand()
            stack.append(OpenConstruct(kind: .subshell, line: line, column: column))
            commandPosition = true
            endsWithOperator = nil
            return index + 1
        case ")":
            finishWord()
            if let top = stack.last, top.kind == .subshell {
                stack.removeLast()
            }
            // Otherwise a case pattern's closing parenthesis: `a|b)`.
            commandPosition = true
            return index + 1
        case "&" where next == ">":
            finishWord()
            redirectTargetFollows = true
            return index + 2
        case ";", "&", "|":
            finishWord()
            var end = index + 1
            while end < characters.count, ";&|".contains(characters[end]) {
                end += 1
            }
            let token = String(characters[index..<end])
            endSimpleCommand()
            commandPosition = true
            nameFollows = false
            if ["|", "&&", "||", "|&"].contains(token) {
                endsWithOperator = token
                danglingLine = line
                danglingColumn = column
            } else {
                endsWithOperator = nil
            }
            return end
        case "<", ">":
            finishWord(droppingFileDescriptor: true)
            if character == "<", next == "<", index + 2 < characters.count, characters[index + 2] == "<" {
                // A here-string: the next word is its text.
                redirectTargetFollows = true
                return index + 3
            }
            if character == "<", next == "<" {
                return readHeredocOperator(characters, index)
            }
            var end = index + 1
            while end < characters.count, ">&|".contains(characters[end]) {
                end += 1
            }
            if characters[end - 1] == "&", end < characters.count, characters[end].isNumber || characters[end] == "-" {
                // 2>&1: the target is part of the operator.
                while end < characters.count, characters[end].isNumber || characters[end] == "-" { end += 1 }
                return end
            }
            redirectTargetFollows = true
            return end
        default:
            appendToWord(character, quoted: false)
            return index + 1
        }
    }

    /// Reads `<<WORD`, `<<-WORD`, `<<'WORD'`, `<< "WORD"` starting at the first `<`.
    private mutating func readHeredocOperator(_ characters: [Character], _ start: Int) -> Int {
        var index = start + 2
        var stripsTabs = false
        if index < characters.count, characters[index] == "-" {
            stripsTabs = true
            index += 1
        }
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
        var delimiter = ""
        var quote: Character?
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil } else { delimiter.append(character) }
                index += 1
                continue
            }
            if character == "'" || character == "\"" {
                quote = character
                index += 1
                continue
            }
            if character == "\\", index + 1 < characters.count {
                delimiter.append(characters[index + 1])
                index += 2
                continue
            }
            if character == " " || character == "\t" || ";&|<>()".contains(character) { break }
            delimiter.append(character)
            index += 1
        }
        if !delimiter.isEmpty {
            announcedHeredocs.append(Heredoc(delimiter: delimiter, stripsTabs: stripsTabs, line: line, column: column))
        }
        return index
    }

    // MARK: - Words and keywords

    private mutating func markContinuation() {
        endsWithContinuation = true
        danglingLine = line
        danglingColumn = column
    }

    private mutating func open(_ kind: OpenConstruct.Kind, raw: String?) {
        let insideSubstitution = isInsideSubstitution
        stack.append(OpenConstruct(kind: kind, line: line, column: column))
        if let raw, insideSubstitution || kind == .commandSubstitution || kind == .backquote || kind == .parameter {
            appendRaw(raw)
        } else {
            startWord()
            wordHasContent = true
            wordIsQuoted = true
        }
    }

    private mutating func closeQuote(_ quote: String) {
        stack.removeLast()
        if isInsideSubstitution { appendRaw(quote) }
    }

    private mutating func startWord() {
        if !wordHasContent {
            wordLine = line
            wordColumn = column
        }
    }

    private mutating func appendToWord(_ character: Character, quoted: Bool) {
        startWord()
        word.append(character)
        wordHasContent = true
        if quoted { wordIsQuoted = true }
    }

    private mutating func appendRaw(_ text: String) {
        startWord()
        word += text
        wordHasContent = true
        wordIsQuoted = true
    }

    /// Inside `$( )`, backquotes or `${ }` everything is kept as written.
    private var isInsideSubstitution: Bool {
        stack.contains { $0.kind == .commandSubstitution || $0.kind == .backquote || $0.kind == .parameter }
    }

    /// Whether a word here belongs to the first simple command (not inside a subshell).
    private var atTopLevel: Bool {
        stack.allSatisfy { if case .keyword = $0.kind { true } else { false } }
    }

    private mutating func finishWord(droppingFileDescriptor: Bool = false) {
        defer {
            word = ""
            wordHasContent = false
            wordIsQuoted = false
        }
        guard wordHasContent else { return }
        if droppingFileDescriptor, !wordIsQuoted, word.allSatisfy(\.isNumber) {
            return
        }
        endsWithOperator = nil
        if redirectTargetFollows {
            redirectTargetFollows = false
            return
        }
        let canBeKeyword = !wordIsQuoted && commandPosition && !nameFollows
            && (stack.last.map { if case .keyword = $0.kind { true } else { $0.kind == .subshell } } ?? true)
        if canBeKeyword, handleKeyword(word) {
            if collectingWords, atTopLevel { words.append(word) }
            return
        }
        if nameFollows {
            nameFollows = false
            commandPosition = false
        } else if !(commandPosition && !wordIsQuoted && TranscriptWords.isAssignment(word)) {
            commandPosition = false
        }
        if collectingWords, atTopLevel { words.append(word) }
    }

    /// Handles a reserved word at command position; returns whether it was one.
    private mutating func handleKeyword(_ word: String) -> Bool {
        switch word {
        case "if", "while", "until", "{":
            stack.append(OpenConstruct(kind: .keyword(word), line: wordLine, column: wordColumn))
            commandPosition = true
        case "for", "select", "case":
            stack.append(OpenConstruct(kind: .keyword(word), line: wordLine, column: wordColumn))
            nameFollows = true
            commandPosition = false
        case "then", "do", "else", "elif", "!", "time":
            commandPosition = true
        case "fi", "done", "esac", "}":
            let opener = stack.lastIndex { construct in
                if case .keyword(let opener) = construct.kind { OpenConstruct.keywordClosers[opener] == word } else { false }
            }
            if let opener { stack.removeSubrange(opener...) }
            commandPosition = false
        default:
            return false
        }
        return true
    }

    private mutating func endSimpleCommand() {
        if !words.isEmpty { collectingWords = false }
    }

    /// The innermost thing still open, for a message when the block ends.
    var unfinished: TranscriptProblem? {
        if let heredoc = heredocBodies.first ?? announcedHeredocs.first {
            return TranscriptProblem(
                id: "transcript.unterminated-heredoc", line: heredoc.line, column: heredoc.column,
                message: "the heredoc '<<\(heredoc.stripsTabs ? "-" : "")\(heredoc.delimiter)' is never closed by a line '\(heredoc.delimiter)'")
        }
        if let quote = stack.last(where: \.isQuote) {
            return TranscriptProblem(
                id: "transcript.unterminated-quote", line: quote.line, column: quote.column,
                message: "the quote \(quote.opener) is never closed")
        }
        if let construct = stack.last {
            return TranscriptProblem(
                id: "transcript.unfinished-command", line: construct.line, column: construct.column,
                message: "'\(construct.opener)' is never closed with '\(construct.closer)'")
        }
        if endsWithContinuation {
            return TranscriptProblem(
                id: "transcript.unfinished-command", line: danglingLine, column: danglingColumn,
                message: "the command ends with '\\' but no line continues it")
        }
        if let endsWithOperator {
            return TranscriptProblem(
                id: "transcript.unfinished-command", line: danglingLine, column: danglingColumn,
                message: "the command ends with '\(endsWithOperator)' but no line continues it")
        }
        return nil
    }
}

/// Finds the command name among a simple command's words.
enum TranscriptWords {
    /// Words that run the command named after them (with their own options first).
    private static let wrappers: [String: Set<String>] = [
        // wrapper: options that take a separate argument
        "sudo": ["-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T", "-R"],
        "env": ["-u", "-C", "-S", "--unset", "--chdir", "--split-string"],
        "time": ["-f", "-o", "--format", "--output"],
        "nohup": [],
        "command": [],
        "builtin": [],
        "exec": ["-a"],
        "nice": ["-n", "--adjustment"],
        "!": [],
        "{": [],
    ]

    /// The index of the command's name in `words`, or nil when there is none.
    static func commandNameIndex(in words: [String]) -> Int? {
        var index = 0
        var lastWrapper: Int?
        while index < words.count {
            let word = words[index]
            if isAssignment(word) {
                index += 1
                continue
            }
            if let optionsWithArgument = wrappers[word] {
                lastWrapper = index
                index += 1
                while index < words.count, words[index].hasPrefix("-") || (word == "env" && isAssignment(words[index])) {
                    if words[index] == "--" {
                        index += 1
                        break
                    }
                    index += optionsWithArgument.contains(words[index]) ? 2 : 1
                }
                continue
            }
            return index
        }
        return lastWrapper
    }

    /// The command name in `words`, or nil.
    static func commandName(in words: [String]) -> String? {
        commandNameIndex(in: words).map { words[$0] }
    }

    static func isAssignment(_ word: String) -> Bool {
        if let ascii = ASCIIText.isShellAssignment(word) { return ascii }
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        let name = word[..<equals]
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
