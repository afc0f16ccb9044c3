import DocgenCore
import Foundation

/// A Slurm batch script read the way `sbatch` reads it: the shebang, the `#SBATCH` directives up to the
/// first command (later ones are ignored by Slurm and kept apart), near misses such as `# SBATCH`, and the body.
public struct SlurmScript: Hashable, Sendable {
    /// Every line of the script, without line breaks.
    public var lines: [String]
    /// The `#!` line, when line 1 is one.
    public var shebang: ScriptLine?
    /// The directives Slurm reads (before the first command), in order.
    public var directives: [SlurmDirective]
    /// `#SBATCH` options after the first command, which Slurm silently ignores.
    public var ignoredDirectives: [SlurmDirective]
    /// Malformed, misspelt and disabled directives.
    public var problems: [SlurmDirectiveProblem]
    /// The first line that is neither blank nor a comment: where Slurm stops reading directives.
    public var firstCommand: ScriptLine?
    /// Every line that is neither the shebang nor an `#SBATCH` line (comments and blank lines included).
    public var body: [ScriptLine]
    /// The simple commands of the body (comments, heredoc contents and continuations resolved).
    public var commands: [ShellCommand]

    /// Reads a script; never fails, problems are collected in `problems`.
    public init(parsing text: String) {
        self.init(parsing: text, lexingASCIIAsBytes: true)
    }

    /// Reads a script, lexing plain ASCII lines byte by byte when `lexingASCIIAsBytes` is set, else
    /// Character by Character like every other line; the two give the same script, which tests check.
    init(parsing text: String, lexingASCIIAsBytes: Bool) {
        self.lines = Self.lines(of: text)
        shebang = nil
        directives = []
        ignoredDirectives = []
        problems = []
        firstCommand = nil
        body = []
        commands = []
        for (index, line) in self.lines.enumerated() {
            let number = index + 1
            if index == 0, line.hasPrefix("#!") {
                shebang = ScriptLine(number: number, text: line)
                continue
            }
            if Self.isDirectiveLine(line) {
                if lexingASCIIAsBytes, SlurmText.isPlainASCII(line) {
                    readDirectiveLine(Array(line.utf8), number: number)
                } else {
                    readDirectiveLine(Array(line), number: number)
                }
                continue
            }
            body.append(ScriptLine(number: number, text: line))
            if let problem = Self.nearMiss(line, number: number, afterFirstCommand: firstCommand != nil) {
                problems.append(problem)
            }
            if firstCommand == nil {
                let trimmed = line.drop { $0.isWhitespace }
                if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                    firstCommand = ScriptLine(number: number, text: line)
                }
            }
        }
        let start = firstCommand?.number ?? Int.max
        commands = ShellCommand.parse(body.filter { $0.number >= start }, lexingASCIIAsBytes: lexingASCIIAsBytes)
    }

    /// Whether `text` is a job script: at least one line starts with `#SBATCH`.
    public static func looksLikeJobScript(_ text: String) -> Bool {
        // Line by line until one is, without a list of all the lines; only a line whose bytes start
        // with `#SBATCH` can be a directive line, so the others are not copied and checked.
        var found = false
        forEachLine(of: text) { line in
            found = line.utf8.starts(with: directivePrefixBytes) && isDirectiveLine(String(line))
            return !found
        }
        return found
    }

    private static let directivePrefixBytes = Array("#SBATCH".utf8)

    /// The script's lines as the rules see them: no line breaks, a final line break ends the last line.
    static func lines(of text: String) -> [String] {
        // On bytes: a line ends in the Character "\r" exactly when its last byte is a CR (nothing
        // joins a CR to what comes before it), and the text ends in the Character "\n" exactly when
        // its last byte is an LF without a CR before it ("\r\n" is one Character).
        var lines = splitLines(text).map { line in
            line.utf8.last == ASCIIText.carriageReturn ? String(line[..<line.utf8.index(before: line.endIndex)]) : String(line)
        }
        let utf8 = text.utf8
        if utf8.last == ASCIIText.lineFeed, utf8.count < 2 || utf8[utf8.index(utf8.endIndex, offsetBy: -2)] != ASCIIText.carriageReturn {
            lines.removeLast()
        }
        return lines
    }

    /// `lines(of: text).first`, without splitting the rest of the text.
    static func firstLine(of text: String) -> Substring {
        guard let end = text.utf8.firstIndex(of: ASCIIText.lineFeed) else {
            return text.utf8.last == ASCIIText.carriageReturn ? text.dropLast() : text[...]
        }
        guard end > text.utf8.startIndex, text.utf8[text.utf8.index(before: end)] == ASCIIText.carriageReturn else { return text[..<end] }
        // A CR before the first LF: the "\r\n" is no line break (see `splitLines`), so the first line goes on.
        return SlurmScript.lines(of: text).first.map { $0[...] } ?? ""
    }

    /// The text split on the Character `"\n"`, empty lines kept. A CR before an LF makes the two one
    /// Character (`"\r\n"`), which is not `"\n"`, so the text is not split there.
    static func splitLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        forEachLine(of: text) { line in
            lines.append(line)
            return true
        }
        return lines
    }

    /// Calls `body` with each line `splitLines` gives, in order, until it returns false.
    private static func forEachLine(of text: String, _ body: (Substring) -> Bool) {
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var previous: UInt8 = 0
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == ASCIIText.lineFeed, previous != ASCIIText.carriageReturn {
                guard body(text[lineStart..<index]) else { return }
                lineStart = utf8.index(after: index)
            }
            previous = byte
            utf8.formIndex(after: &index)
        }
        _ = body(text[lineStart..<utf8.endIndex])
    }

    /// The interpreter the shebang names (`bash` for `#!/bin/bash` and `#!/usr/bin/env bash`), if any.
    public var interpreter: String? {
        shebang.flatMap { Self.interpreter(shebang: $0.text) }
    }

    /// The interpreter a `#!` line names.
    static func interpreter(shebang text: String) -> String? {
        let words: [String]
        if SlurmText.isPlainASCII(text) {
            let whitespace = { (byte: UInt8) in byte.isWhitespaceUnit }
            words = text.utf8.dropFirst(2).split(whereSeparator: whitespace).map { String(decoding: $0, as: UTF8.self) }
        } else {
            words = text.dropFirst(2).split(whereSeparator: \.isWhitespace).map(String.init)
        }
        guard let program = words.first else { return nil }
        let name = program.split(separator: "/").last.map(String.init) ?? program
        if name == "env" {
            return words.dropFirst().first { !$0.hasPrefix("-") && !SlurmText.contains($0, "=") }
        }
        return name
    }

    /// The last directive for `option` (a canonical long name): the one Slurm uses.
    public func last(_ option: String) -> SlurmDirective? {
        directives.last { $0.option == option }
    }

    /// Every directive for `option`, in order.
    public func all(_ option: String) -> [SlurmDirective] {
        directives.filter { $0.option == option }
    }

    /// The cluster a `#SBATCH --clusters=` (or `-M`) directive names, if any (the first of a list).
    public var clusterDirective: String? {
        last("clusters")?.value?.split(separator: ",").first.map { String($0).lowercased() }
    }

    /// Whether the line is an `#SBATCH` line as Slurm sees it: `#SBATCH` at the very start.
    static func isDirectiveLine(_ line: String) -> Bool {
        guard line.hasPrefix("#SBATCH") else { return false }
        let rest = line.dropFirst(7)
        return rest.isEmpty || rest.first?.isWhitespace == true || rest.first == "-"
    }

    /// `# SBATCH --x`, `#sbatch --x`, an indented `#SBATCH` (all ordinary comments to Slurm) and `##SBATCH` (disabled).
    static func nearMiss(_ line: String, number: Int, afterFirstCommand: Bool) -> SlurmDirectiveProblem? {
        // A line that starts with an ASCII byte other than `#` and whitespace has no indent and no `#`.
        if let first = line.utf8.first, first < 0x80, first != UInt8(ascii: "#"), first != ASCIIText.space, !(0x09...0x0D).contains(first) {
            return nil
        }
        let indent = line.prefix { $0.isWhitespace }
        let rest = line.dropFirst(indent.count)
        let hashes = rest.prefix { $0 == "#" }
        guard !hashes.isEmpty else { return nil }
        let afterHashes = rest.dropFirst(hashes.count)
        let gap = afterHashes.prefix { $0.isWhitespace }
        let word = afterHashes.dropFirst(gap.count)
        guard word.lowercased().hasPrefix("sbatch") else { return nil }
        let options = word.dropFirst(6)
        guard let next = options.first, next.isWhitespace || next == "-" else { return nil }
        guard options.drop(while: \.isWhitespace).hasPrefix("-") else { return nil }
        let column = 1
        let written = String(line.prefix(indent.count + hashes.count + gap.count + 6))
        if hashes.count > 1 {
            return SlurmDirectiveProblem(
                kind: .disabled, line: number, column: column, text: written,
                message: "'\(written.drop(while: \.isWhitespace))' is a disabled directive (Slurm reads only lines that start with exactly '#SBATCH'); "
                    + "remove it or write '#SBATCH' to enable it",
                replacement: "#SBATCH", isAfterFirstCommand: afterFirstCommand)
        }
        let why =
            !indent.isEmpty ? "it is indented" : !gap.isEmpty ? "there is a space after '#'" : "'\(word.prefix(6))' is not in capitals"
        return SlurmDirectiveProblem(
            kind: .notADirective, line: number, column: column, text: written,
            message: "'\(written)' is not an #SBATCH directive (\(why)), so Slurm ignores the whole line as a comment",
            replacement: "#SBATCH", isAfterFirstCommand: afterFirstCommand)
    }

    // MARK: - Reading one #SBATCH line

    /// A word of a directive line with its 1-based column and its source length.
    private struct Token {
        var text: String
        var column: Int
        var length: Int
    }

    /// Splits the units after `#SBATCH` into words the way sbatch does: whitespace separates,
    /// double quotes group, a backslash escapes, a word that starts with `#` ends the line.
    private static func tokens<Unit: ScriptTextUnit>(of characters: [Unit]) -> [Token] {
        var index = 7
        var result: [Token] = []
        while index < characters.count {
            while index < characters.count, characters[index].isWhitespaceUnit { index += 1 }
            guard index < characters.count, !characters[index].isASCII(UInt8(ascii: "#")) else { break }
            let start = index
            var text: [UInt8] = []
            var quote: UInt8?
            while index < characters.count, quote != nil || !characters[index].isWhitespaceUnit {
                let character = characters[index]
                if character.isASCII(UInt8(ascii: "\\")), index + 1 < characters.count {
                    characters[index + 1].append(to: &text)
                    index += 2
                    continue
                }
                if let open = quote, character.isASCII(open) {
                    quote = nil
                } else if quote == nil, character.isASCII(UInt8(ascii: "\"")) {
                    quote = UInt8(ascii: "\"")
                } else if quote == nil, character.isASCII(UInt8(ascii: "'")) {
                    quote = UInt8(ascii: "'")
                } else {
                    character.append(to: &text)
                }
                index += 1
            }
            result.append(Token(text: String(decoding: text, as: UTF8.self), column: start + 1, length: index - start))
        }
        return result
    }

    private mutating func readDirectiveLine<Unit: ScriptTextUnit>(_ characters: [Unit], number: Int) {
        let late = firstCommand != nil
        let tokens = Self.tokens(of: characters)
        func source(_ from: Token, _ to: Token) -> String {
            Unit.text(of: characters[(from.column - 1)..<(to.column - 1 + to.length)])
        }
        func problem(_ kind: SlurmDirectiveProblem.Kind, _ token: Token, _ message: String, _ replacement: String? = nil) {
            problems.append(SlurmDirectiveProblem(
                kind: kind, line: number, column: token.column, text: source(token, token), message: message,
                replacement: replacement, isAfterFirstCommand: late))
        }
        func record(_ option: String, _ value: String?, _ written: String, from: Token, to: Token) {
            let directive = SlurmDirective(
                option: option, value: value, written: written, text: source(from, to), line: number, column: from.column,
                isAfterFirstCommand: late)
            if late { ignoredDirectives.append(directive) } else { directives.append(directive) }
        }
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            let word = token.text
            if word.hasPrefix("--"), Self.hasMoreCharacters(word, than: 2) {
                let (name, value) = Self.nameAndValue(word.dropFirst(2))
                guard let option = SlurmOptions.canonicalName(name), let spec = SlurmOptions.all[option] else {
                    Self.reportUnknown(name: name, value: value, token: token, problem: problem)
                    continue
                }
                switch (spec.argument, value) {
                case (.required, nil):
                    if index < tokens.count, !tokens[index].text.hasPrefix("-") {
                        record(option, tokens[index].text, "--\(name)", from: token, to: tokens[index])
                        index += 1
                    } else {
                        problem(.missingValue, token, "'--\(name)' needs a value, e.g. --\(option)=VALUE")
                    }
                case (.none, .some):
                    problem(.unexpectedValue, token, "'--\(option)' takes no value", "--\(option)")
                default:
                    record(option, value, "--\(name)", from: token, to: token)
                }
            } else if word.hasPrefix("-"), Self.hasMoreCharacters(word, than: 1), !word.hasPrefix("--") {
                let body = word.dropFirst()
                let (name, value) = Self.nameAndValue(body)
                if Self.hasMoreCharacters(name, than: 1), let long = SlurmOptions.canonicalName(name.replacingOccurrences(of: "_", with: "-"))
                    ?? (value != nil ? SlurmOptions.suggestion(for: name) : nil)
                {
                    problem(
                        .singleDashLongOption, token,
                        "'\(word)' has one dash, so sbatch reads it as short options ('-\(body.prefix(1))' ...); long options take two: '-\(word)'",
                        "-" + word.replacingOccurrences(of: name, with: long))
                    continue
                }
                guard let letter = body.first, let option = SlurmOptions.shortNames[letter], let spec = SlurmOptions.all[option] else {
                    let letter = body.prefix(1)
                    problem(.unknownOption, token, "sbatch has no option '-\(letter)'; see 'man sbatch' for the one-letter options")
                    continue
                }
                let attached = String(body.dropFirst())
                if spec.argument == .required {
                    if attached.hasPrefix("=") {
                        let value = String(attached.dropFirst())
                        problem(
                            .shortOptionWithEquals, token,
                            "'\(word)' gives '-\(letter)' the value '\(attached)', with the '='; write '-\(letter) \(value)' or '--\(option)=\(value)'",
                            "--\(option)=\(value)")
                    } else if !attached.isEmpty {
                        record(option, attached, "-\(letter)", from: token, to: token)
                    } else if index < tokens.count, !tokens[index].text.hasPrefix("-") {
                        record(option, tokens[index].text, "-\(letter)", from: token, to: tokens[index])
                        index += 1
                    } else {
                        problem(.missingValue, token, "'-\(letter)' needs a value, e.g. -\(letter) VALUE or --\(option)=VALUE")
                    }
                } else if attached.isEmpty {
                    record(option, nil, "-\(letter)", from: token, to: token)
                } else if let flags = Self.clusteredFlags(body) {
                    for flag in flags { record(flag, nil, "-\(letter)", from: token, to: token) }
                } else {
                    problem(.unexpectedValue, token, "'-\(letter)' (--\(option)) takes no value, but '\(word)' gives it '\(attached)'")
                }
            } else if let previous = (late ? ignoredDirectives : directives).last, previous.line == number, previous.option == "array" {
                if late { ignoredDirectives[ignoredDirectives.count - 1].trailing.append(word) } else { directives[directives.count - 1].trailing.append(word) }
            } else {
                problem(
                    .strayWord, token,
                    "'\(word)' on an #SBATCH line is not an option; put a value with spaces in double quotes, and comments after ' #'")
            }
        }
    }

    /// `text.count > count`, without counting every Character of plain ASCII text.
    private static func hasMoreCharacters(_ text: String, than count: Int) -> Bool {
        SlurmText.isPlainASCII(text) ? text.utf8.count > count : text.count > count
    }

    /// The option name of a word without its dashes (up to the first `=`) and the value after that `=`;
    /// nil when Foundation finds no `=` in the word.
    private static func nameAndValue(_ body: Substring) -> (name: String, value: String?) {
        guard SlurmText.isPlainASCII(body) else {
            let name = String(body.prefix { $0 != "=" })
            let value = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
            return (name, value)
        }
        let utf8 = body.utf8
        guard let equals = utf8.firstIndex(of: UInt8(ascii: "=")) else { return (String(body), nil) }
        return (String(body[..<equals]), String(body[utf8.index(after: equals)...]))
    }

    /// The options of a cluster of one-letter flags such as `-vv` or `-HQ`, or nil when one of them takes a value.
    private static func clusteredFlags(_ letters: Substring) -> [String]? {
        let options = letters.map { letter in SlurmOptions.shortNames[letter] }
        guard options.allSatisfy({ $0.flatMap { SlurmOptions.all[$0]?.argument } == SlurmOptions.Argument.none }) else { return nil }
        return options.compactMap { $0 }
    }

    private static func reportUnknown(
        name: String, value: String?, token: Token, problem: (SlurmDirectiveProblem.Kind, Token, String, String?) -> Void
    ) {
        let rebuilt = { (option: String) in "--\(option)" + (value.map { "=\($0)" } ?? "") }
        if name.contains("_"), let fixed = SlurmOptions.canonicalName(name.replacingOccurrences(of: "_", with: "-")) {
            problem(
                .underscoreOption, token, "sbatch has no option '--\(name)': option names use dashes, not underscores ('--\(fixed)')",
                rebuilt(fixed))
            return
        }
        if let suggestion = SlurmOptions.suggestion(for: name) {
            problem(.unknownOption, token, "sbatch has no option '--\(name)' (did you mean '--\(suggestion)'?)", rebuilt(suggestion))
        } else {
            problem(.unknownOption, token, "sbatch has no option '--\(name)'", nil)
        }
    }
}
