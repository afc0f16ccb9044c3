/// A word of a shell command, with quotes removed (variables are left unexpanded).
public struct ShellWord: Hashable, Sendable {
    /// The word without its quotes, e.g. `$SCRATCH/out` for `"$SCRATCH/out"`.
    public var text: String
    /// The 1-based line where the word starts.
    public var line: Int
    /// The 1-based column where the word starts.
    public var column: Int
}

/// A simple command of the script body, e.g. `srun ./app --input x > log`, split at `;`, `&&`, `||`, `|`, `&`
/// and line ends. Enough shell to find commands and their arguments; not a full shell parser.
public struct ShellCommand: Hashable, Sendable {
    /// The words, without redirections.
    public var words: [ShellWord]
    /// The targets of output redirections (`> file`, `>> file`, `2> file`, `&> file`).
    public var outputs: [ShellWord]

    /// Words that only prefix the real command.
    private static let prefixes: Set<String> = [
        "if", "then", "else", "elif", "do", "while", "until", "!", "time", "exec", "nohup", "command", "builtin", "env", "{",
    ]

    /// The index of the command name, after leading assignments, keywords and wrappers such as `time`.
    public var nameIndex: Int? {
        words.indices.first { index in
            let text = words[index].text
            return !Self.prefixes.contains(text) && !Self.isAssignment(text) && !(index > 0 && words[index - 1].text == "env" && text.hasPrefix("-"))
        }
    }

    /// The command name, e.g. `srun`.
    public var name: String? { nameIndex.map { words[$0].text } }

    /// The words after the command name.
    public var arguments: [ShellWord] {
        nameIndex.map { Array(words[($0 + 1)...]) } ?? []
    }

    /// Variable assignments made by the command: leading `X=1` words and the arguments of `export`, `declare`, `local`.
    public var assignments: [(name: String, value: String)] {
        var words = self.words.prefix { Self.isAssignment($0.text) || Self.prefixes.contains($0.text) }.map(\.text)
        if let name, ["export", "declare", "local", "typeset", "readonly"].contains(name) {
            words += arguments.map(\.text).filter(Self.isAssignment)
        }
        return words.filter(Self.isAssignment).map { word in
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// The line of the command's first word.
    public var line: Int { words.first?.line ?? outputs.first?.line ?? 1 }

    /// The column of the command's first word.
    public var column: Int { words.first?.column ?? outputs.first?.column ?? 1 }

    /// Whether any word is `text`.
    public func has(_ text: String) -> Bool {
        words.contains { $0.text == text }
    }

    static func isAssignment(_ word: String) -> Bool {
        if let ascii = ASCIIText.isShellAssignment(word) { return ascii }
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        let name = word[..<equals]
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && name.first?.isNumber == false
    }

    /// Splits script lines into simple commands.
    /// Plain ASCII lines are lexed byte by byte when `lexingASCIIAsBytes` is set (the same result, faster).
    static func parse(_ lines: [ScriptLine], lexingASCIIAsBytes: Bool) -> [ShellCommand] {
        var reader = Reader()
        for line in lines {
            reader.read(line, lexingASCIIAsBytes: lexingASCIIAsBytes)
        }
        reader.endCommand()
        return reader.commands
    }

    /// The state of the small shell lexer while it walks the lines.
    private struct Reader {
        var commands: [ShellCommand] = []
        var words: [ShellWord] = []
        var outputs: [ShellWord] = []
        /// The UTF-8 bytes of the word being read (a word may span lines of either kind of unit).
        var word: [UInt8] = []
        var wordStart: (line: Int, column: Int)?
        var quote: UInt8?
        var substitutionDepth = 0
        var nextIsOutput = false
        var nextIsHeredocDelimiter = false
        var pendingHeredocs: [String] = []
        var heredoc: String?

        mutating func read(_ line: ScriptLine, lexingASCIIAsBytes: Bool) {
            if let delimiter = heredoc {
                if line.text.drop(while: { $0 == "\t" }) == delimiter {
                    heredoc = nil
                    pendingHeredocs.removeFirst(min(1, pendingHeredocs.count))
                    heredoc = pendingHeredocs.first
                }
                return
            }
            if lexingASCIIAsBytes, SlurmText.isPlainASCII(line.text) {
                read(Array(line.text.utf8), number: line.number)
            } else {
                read(Array(line.text), number: line.number)
            }
        }

        mutating func read<Unit: ScriptTextUnit>(_ characters: [Unit], number: Int) {
            var index = 0
            var continued = false
            while index < characters.count {
                let character = characters[index]
                let column = index + 1
                if let open = quote {
                    if character.isASCII(open) {
                        quote = nil
                    } else if open == UInt8(ascii: "\""), character.isASCII(UInt8(ascii: "\\")), index + 1 < characters.count {
                        index += 1
                        characters[index].append(to: &word)
                    } else {
                        character.append(to: &word)
                    }
                    index += 1
                    continue
                }
                if substitutionDepth > 0 {
                    if character.isASCII(UInt8(ascii: "(")) { substitutionDepth += 1 }
                    if character.isASCII(UInt8(ascii: ")")) { substitutionDepth -= 1 }
                    if character.isASCII(UInt8(ascii: "\"")) {
                        quote = UInt8(ascii: "\"")
                    } else if character.isASCII(UInt8(ascii: "'")) {
                        quote = UInt8(ascii: "'")
                    } else {
                        character.append(to: &word)
                    }
                    index += 1
                    continue
                }
                if character.isASCII(UInt8(ascii: " ")) || character.isASCII(UInt8(ascii: "\t")) {
                    endWord()
                } else if character.isASCII(UInt8(ascii: "#")), word.isEmpty {
                    index = characters.count
                    continue
                } else if character.isASCII(UInt8(ascii: "\\")) {
                    if index + 1 < characters.count {
                        start(number, column)
                        characters[index + 1].append(to: &word)
                        index += 1
                    } else {
                        continued = true
                    }
                } else if character.isASCII(UInt8(ascii: "\"")) || character.isASCII(UInt8(ascii: "'")) {
                    start(number, column)
                    quote = character.isASCII(UInt8(ascii: "\"")) ? UInt8(ascii: "\"") : UInt8(ascii: "'")
                } else if character.isASCII(UInt8(ascii: "$")), index + 1 < characters.count, characters[index + 1].isASCII(UInt8(ascii: "(")) {
                    start(number, column)
                    word += Array("$(".utf8)
                    substitutionDepth = 1
                    index += 1
                } else if character.isASCII(oneOf: ";&|()") {
                    if character.isASCII(UInt8(ascii: "&")), index + 1 < characters.count, characters[index + 1].isASCII(UInt8(ascii: ">")) {
                        endWord()
                        nextIsOutput = true
                        index += index + 2 < characters.count && characters[index + 2].isASCII(UInt8(ascii: ">")) ? 3 : 2
                        continue
                    }
                    endCommand()
                } else if character.isASCII(UInt8(ascii: ">")) || character.isASCII(UInt8(ascii: "<")) {
                    if word.isEmpty || String(decoding: word, as: UTF8.self).allSatisfy(\.isNumber) {
                        word = []
                        wordStart = nil
                        var operatorBytes: [UInt8] = []
                        character.append(to: &operatorBytes)
                        while index + 1 < characters.count, characters[index + 1].isASCII(oneOf: ">&<-") {
                            index += 1
                            characters[index].append(to: &operatorBytes)
                        }
                        let operatorText = String(decoding: operatorBytes, as: UTF8.self)
                        if operatorText.hasPrefix("<<"), !operatorText.hasPrefix("<<<") {
                            nextIsHeredocDelimiter = true
                        } else if operatorText.hasPrefix(">"), !operatorText.hasSuffix("&") {
                            nextIsOutput = true
                        } else if operatorText.hasSuffix("&") {
                            nextIsOutput = false
                            skipNextWord = true
                        }
                    } else {
                        endWord()
                        continue
                    }
                } else {
                    start(number, column)
                    character.append(to: &word)
                }
                index += 1
            }
            if !continued, quote == nil, substitutionDepth == 0 {
                endCommand()
                if heredoc == nil { heredoc = pendingHeredocs.first }
            } else if quote != nil || substitutionDepth > 0 {
                word.append(ASCIIText.lineFeed)
            }
        }

        var skipNextWord = false

        mutating func start(_ line: Int, _ column: Int) {
            if wordStart == nil { wordStart = (line, column) }
        }

        mutating func endWord() {
            guard let start = wordStart else { return }
            let finished = ShellWord(text: String(decoding: word, as: UTF8.self), line: start.line, column: start.column)
            word = []
            wordStart = nil
            if skipNextWord {
                skipNextWord = false
            } else if nextIsHeredocDelimiter {
                nextIsHeredocDelimiter = false
                pendingHeredocs.append(finished.text)
            } else if nextIsOutput {
                nextIsOutput = false
                outputs.append(finished)
            } else {
                words.append(finished)
            }
        }

        mutating func endCommand() {
            endWord()
            if !words.isEmpty || !outputs.isEmpty {
                commands.append(ShellCommand(words: words, outputs: outputs))
            }
            words = []
            outputs = []
            nextIsOutput = false
        }
    }
}
