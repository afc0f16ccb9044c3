/// Turns the text of a `console` block into a ``Transcript``.
///
/// - A line that starts with a prompt starts a command. While the command is unfinished (open
///   quote, heredoc, `\`, `|`, `if` without `fi`, ...) the following lines continue it, with or
///   without a PS2 `> ` in front (decided by its first continuation line).
/// - Other lines are the output of the command above; a last `[N]` line is its exit status.
/// - `# ` is a root prompt only when the block starts with one, a bare `> ` only when the block
///   starts with one; elsewhere such lines are output (or PS2 continuations).
enum TranscriptParser {
    static func parse(_ text: String) -> Transcript {
        let lines = TranscriptStrings.lines(text)
        guard let firstIndex = lines.firstIndex(where: { !isBlank($0) }) else { return Transcript(commands: []) }
        let (options, firstMatch) = TranscriptPromptReader.options(forFirstLine: lines[firstIndex])
        var commands: [TranscriptCommand] = []
        var problems: [TranscriptProblem] = []
        var current: CommandBuilder?
        var reportedStrayOutput = false

        func finishCurrent() {
            guard let builder = current else { return }
            let (command, commandProblems) = builder.finish()
            commands.append(command)
            problems += commandProblems
            current = nil
        }

        for (index, line) in lines.enumerated() {
            if var builder = current, !builder.scanner.isComplete {
                builder.continueCommand(with: line, at: index)
                current = builder
                continue
            }
            if let match = index == firstIndex ? firstMatch ?? TranscriptPromptReader.read(line, options: options)
                : TranscriptPromptReader.read(line, options: options) {
                finishCurrent()
                current = CommandBuilder(match: match, line: line, index: index)
                continue
            }
            if var builder = current {
                builder.output.append(TranscriptLine(text: String(line), line: index))
                current = builder
            } else if !isBlank(line), !reportedStrayOutput {
                reportedStrayOutput = true
                problems.append(TranscriptProblem(
                    id: "transcript.output-before-command", line: index,
                    message: "'\(line.prefix(40))' comes before any command; commands start with a prompt such as '$ '"))
            }
        }
        if let builder = current, let unfinished = builder.scanner.unfinished {
            problems.append(unfinished)
        }
        finishCurrent()
        return Transcript(commands: commands, problems: problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    static func isBlank<S: StringProtocol>(_ line: S) -> Bool {
        ASCIIText.isBlank(line)
    }

    /// Collects one command while its lines are read.
    private struct CommandBuilder {
        var prompt: TranscriptPrompt
        var firstLine: Int
        var lastLine: Int
        var column: Int
        var text: String
        var scanner = TranscriptShellScanner()
        /// Whether continuation lines carry the PS2 `> `; decided by the first one.
        var usesPS2: Bool?
        var output: [TranscriptLine] = []

        init(match: TranscriptPromptReader.Match, line: Substring, index: Int) {
            prompt = match.prompt
            firstLine = index
            lastLine = index
            column = match.commandOffset + 1
            // The offset counts Characters; an ASCII line's are its bytes (see `LineText`).
            let commandStart = LineText(line).isASCII
                ? line.utf8.index(line.startIndex, offsetBy: match.commandOffset, limitedBy: line.endIndex) ?? line.endIndex
                : line.dropFirst(match.commandOffset).startIndex
            text = String(line[commandStart...])
            _ = scanner.feed(text, line: index, columnOffset: match.commandOffset)
        }

        mutating func continueCommand(with line: Substring, at index: Int) {
            let hasPS2 = line == ">" || line.hasPrefix("> ")
            if usesPS2 == nil { usesPS2 = hasPS2 }
            let stripped = usesPS2 == true && hasPS2
            let content = stripped ? String(line.dropFirst(min(2, line.count))) : String(line)
            let joinsWithoutBreak = scanner.endsWithContinuation
            let kind = scanner.feed(content, line: index, columnOffset: stripped ? min(2, line.count) : 0)
            if kind == .code, joinsWithoutBreak, text.hasSuffix("\\") {
                text.removeLast()
                text += content
            } else {
                text += "\n" + content
            }
            lastLine = index
        }

        func finish() -> (TranscriptCommand, [TranscriptProblem]) {
            var output = output
            while let last = output.last, TranscriptParser.isBlank(last.text) { output.removeLast() }
            var exitStatus = 0
            var exitStatusLine: Int?
            var problems: [TranscriptProblem] = []
            if let last = output.last, let status = Self.exitStatus(last.text) {
                output.removeLast()
                exitStatusLine = last.line
                if let value = Int(status), value <= 255 {
                    exitStatus = value
                } else {
                    exitStatus = 255
                    problems.append(TranscriptProblem(
                        id: "transcript.exit-status-out-of-range", line: last.line, column: 2,
                        message: "exit status [\(status)] is out of range; a shell's exit status is 0 to 255"))
                }
            }
            let words = scanner.words
            let command = TranscriptCommand(
                prompt: prompt, text: text, lines: firstLine...lastLine, column: column, output: output,
                exitStatus: exitStatus, exitStatusLine: exitStatusLine, words: words,
                commandName: TranscriptWords.commandName(in: words))
            return (command, problems)
        }

        /// The digits of a cram/scrut exit-status line `[N]`, or nil.
        static func exitStatus(_ line: String) -> Substring? {
            // Nearly every line is ruled out by its last non-blank byte, without trimming a copy.
            guard let last = line.utf8.last(where: { !ASCIIText.isSpaceOrTab($0) }), last == UInt8(ascii: "]") else { return nil }
            let trimmed = Substring(TranscriptStrings.trimmed(line))
            guard trimmed.count > 2, trimmed.hasPrefix("["), trimmed.hasSuffix("]") else { return nil }
            let digits = trimmed.dropFirst().dropLast()
            return digits.allSatisfy(\.isASCIIDigitCharacter) ? digits : nil
        }
    }
}

extension Character {
    /// `0` to `9` only (not other scripts' digits).
    fileprivate var isASCIIDigitCharacter: Bool {
        ("0"..."9").contains(self)
    }
}
