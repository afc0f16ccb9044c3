import DocgenCore

/// Recognises the prompt at the start of a transcript line.
enum TranscriptPromptReader {
    /// Which ambiguous prompts a block allows; decided by the block's first line.
    struct Options: Equatable {
        /// `# ` is a root prompt (only in blocks whose first prompt is `# `; elsewhere `# ...` is output).
        var allowsRootHash = false
        /// A bare `> ` is a prompt (only in blocks whose first prompt is `> `; elsewhere it is PS2 or output).
        var allowsAngle = false
    }

    /// A prompt found on a line, and where the command starts (in characters).
    struct Match: Equatable {
        var prompt: TranscriptPrompt
        var commandOffset: Int
    }

    /// The options for a block, from its first non-blank line.
    /// Also returns the first line's prompt when it has one under those options, so the parser need
    /// not read the line a second time.
    static func options(forFirstLine line: Substring) -> (options: Options, match: Match?) {
        var options = Options()
        if let match = read(line, options: options) { return (options, match) }
        if line == "#" || line.hasPrefix("# ") { options.allowsRootHash = true }
        if line == ">" || line.hasPrefix("> ") { options.allowsAngle = true }
        return (options, nil)
    }

    /// The prompt at the start of `line`, or nil when the line does not start with one.
    static func read(_ line: Substring, options: Options) -> Match? {
        guard mayStartWithPrompt(line) else { return nil }
        let text = LineText(line)
        var rest = line
        var environment: String?
        if rest.first == "(", let close = text.firstIndex(of: UInt8(ascii: ")"), in: rest) {
            let name = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0 == "(" }), after.first == " " {
                environment = String(name)
                rest = after.dropFirst()
            }
        }
        guard var match = readBare(rest, options: options, text: text) else { return nil }
        let consumed = text.distance(from: line.startIndex, to: rest.startIndex, in: line)
        match.commandOffset += consumed
        match.prompt.text = String(text.prefix(match.commandOffset, of: line))
        match.prompt.virtualEnvironment = environment
        return match
    }

    /// False when no prompt can start the line: it starts with none of the bytes a prompt (or its
    /// `(env) ` prefix) starts with and has no `@` for a `user@host:dir$ ` prompt. Rules out most
    /// output lines cheaply.
    private static func mayStartWithPrompt(_ line: Substring) -> Bool {
        guard let first = line.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "P"), UInt8(ascii: "$"), UInt8(ascii: "#"), UInt8(ascii: ">"):
            return true
        default:
            return ASCIIText.contains(line, byte: UInt8(ascii: "@"))
        }
    }

    /// Reads a prompt without a virtual-environment prefix.
    private static func readBare(_ line: Substring, options: Options, text: LineText) -> Match? {
        if let match = readBracketed(line, text: text) ?? readDebian(line, text: text) ?? readPowerShell(line, text: text) {
            return match
        }
        if let offset = terminator(line, at: line.startIndex, "$", text: text) {
            return Match(prompt: TranscriptPrompt(text: "", style: .plain), commandOffset: offset)
        }
        if options.allowsRootHash, let offset = terminator(line, at: line.startIndex, "#", text: text) {
            return Match(prompt: TranscriptPrompt(text: "", style: .plain, isRoot: true), commandOffset: offset)
        }
        if options.allowsAngle, let offset = terminator(line, at: line.startIndex, ">", text: text) {
            return Match(prompt: TranscriptPrompt(text: "", style: .angle), commandOffset: offset)
        }
        return nil
    }

    /// When `line[index]` is `symbol` followed by a space or the end of the line, the offset of the
    /// command (after the space).
    private static func terminator(_ line: Substring, at index: Substring.Index, _ symbol: Character, text: LineText) -> Int? {
        guard index < line.endIndex, line[index] == symbol else { return nil }
        let after = line.index(after: index)
        let base = text.distance(from: line.startIndex, to: after, in: line)
        if after == line.endIndex { return base }
        return line[after] == " " ? base + 1 : nil
    }

    /// `[user@host dir]$ ` (Red Hat, the NRIS clusters); also `[user@host:dir]$ ` and `]# ` for root.
    private static func readBracketed(_ line: Substring, text: LineText) -> Match? {
        guard line.first == "[", let close = text.firstIndex(of: UInt8(ascii: "]"), in: line) else { return nil }
        let inside = line[line.index(after: line.startIndex)..<close]
        guard let at = text.firstIndex(of: UInt8(ascii: "@"), in: inside) else { return nil }
        let user = inside[..<at]
        let afterAt = inside[inside.index(after: at)...]
        let separator = text.firstIndex(of: UInt8(ascii: " "), or: UInt8(ascii: ":"), in: afterAt)
        let host = separator.map { afterAt[..<$0] } ?? afterAt
        let directory = separator.map { afterAt[afterAt.index(after: $0)...] }
        guard isName(user), isHost(host) else { return nil }
        let symbolIndex = line.index(after: close)
        let symbol: Character = symbolIndex < line.endIndex ? line[symbolIndex] : " "
        guard symbol == "$" || symbol == "#", let offset = terminator(line, at: symbolIndex, symbol, text: text) else { return nil }
        let shown = directory.map { TranscriptStrings.trimmed($0) } ?? ""
        let prompt = TranscriptPrompt(
            text: "", style: .bracketed, user: String(user), host: String(host), shortHost: shortHost(host),
            directory: shown.isEmpty ? nil : shown, isRoot: symbol == "#")
        return Match(prompt: prompt, commandOffset: offset)
    }

    /// `user@host:~/dir$ ` (Debian, Ubuntu).
    private static func readDebian(_ line: Substring, text: LineText) -> Match? {
        guard let at = line.firstIndex(of: "@") else { return nil }
        let user = line[..<at]
        let afterAt = line[line.index(after: at)...]
        guard let colon = afterAt.firstIndex(of: ":") else { return nil }
        let host = afterAt[..<colon]
        let afterColon = afterAt[afterAt.index(after: colon)...]
        guard isName(user), isHost(host) else { return nil }
        guard let symbolIndex = afterColon.firstIndex(where: { $0 == "$" || $0 == "#" || $0 == " " }),
              afterColon[symbolIndex] != " " else { return nil }
        let directory = afterColon[..<symbolIndex]
        guard directory.isEmpty || directory.hasPrefix("~") || directory.hasPrefix("/") else { return nil }
        let symbol = afterColon[symbolIndex]
        guard let offset = terminator(line, at: symbolIndex, symbol, text: text) else { return nil }
        let prompt = TranscriptPrompt(
            text: "", style: .debian, user: String(user), host: String(host), shortHost: shortHost(host),
            directory: directory.isEmpty ? nil : String(directory), isRoot: symbol == "#")
        return Match(prompt: prompt, commandOffset: offset)
    }

    /// `PS> ` or `PS C:\Users\me> `.
    private static func readPowerShell(_ line: Substring, text: LineText) -> Match? {
        guard line.hasPrefix("PS") else { return nil }
        let afterPS = line.dropFirst(2)
        if let offset = terminator(line, at: afterPS.startIndex, ">", text: text) {
            return Match(prompt: TranscriptPrompt(text: "", style: .powerShell), commandOffset: offset)
        }
        guard afterPS.first == " ", let close = afterPS.firstIndex(of: ">") else { return nil }
        let path = afterPS.dropFirst()[..<close]
        guard !path.isEmpty, path.contains(where: { $0 == "\\" || $0 == ":" || $0 == "/" || $0 == "~" }),
              let offset = terminator(line, at: close, ">", text: text) else { return nil }
        return Match(prompt: TranscriptPrompt(text: "", style: .powerShell, directory: String(path)), commandOffset: offset)
    }

    private static func isName(_ text: Substring) -> Bool {
        if let ascii = ASCIIText.allSatisfyIfASCII(text, { ASCIIText.isASCIILetter($0) || ASCIIText.isASCIIDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }) {
            return ascii && !text.isEmpty && text.utf8.first != UInt8(ascii: "-")
        }
        return !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
            && text.first != "-"
    }

    private static func isHost(_ text: Substring) -> Bool {
        if let ascii = ASCIIText.allSatisfyIfASCII(text, { ASCIIText.isASCIILetter($0) || ASCIIText.isASCIIDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") }) {
            return ascii && !text.isEmpty
        }
        return !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }
    }

    /// `login-5.SAGA` gives `SAGA`; `login-1.betzy.sigma2.no` gives `betzy`; `laptop` gives `laptop`.
    static func shortHost(_ host: Substring) -> String {
        let parts = host.split(separator: ".", omittingEmptySubsequences: true)
        return parts.count > 1 ? String(parts[1]) : String(host)
    }
}

/// Small text helpers for transcripts.
enum TranscriptStrings {
    /// The text without leading and trailing spaces and tabs.
    static func trimmed<S: StringProtocol>(_ text: S) -> String {
        if let fast = ASCIIText.trimmingSpacesAndTabs(text, leading: true, trailing: true) { return fast }
        return String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// The text without trailing spaces and tabs.
    static func trimmedTrailing<S: StringProtocol>(_ text: S) -> String {
        if let fast = ASCIIText.trimmingSpacesAndTabs(text, leading: false, trailing: true) { return fast }
        return String(text.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// The lines of a block: split on LF or CRLF, no empty last line for a final line break.
    static func lines(_ text: String) -> [Substring] {
        // Scans bytes: an LF (alone or after a CR) always sits on a Character boundary, so this
        // splits exactly where splitting on the Characters "\n" and "\r\n" would.
        var lines: [Substring] = []
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            if utf8[index] == ASCIIText.lineFeed {
                var lineEnd = index
                if lineEnd > lineStart {
                    let before = utf8.index(before: lineEnd)
                    if utf8[before] == ASCIIText.carriageReturn { lineEnd = before }
                }
                lines.append(text[lineStart..<lineEnd])
                lineStart = utf8.index(after: index)
            }
            utf8.formIndex(after: &index)
        }
        lines.append(text[lineStart..<utf8.endIndex])
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}

/// Finds and counts a prompt line's Characters on its bytes when it is ASCII: a line holds no line
/// feed, so no "\r\n", and each of its Characters is then one byte. Walking Characters for every
/// prompt of every shell session was a third of reading the prompts.
struct LineText {
    /// Whether the line is ASCII.
    let isASCII: Bool

    init(_ line: Substring) {
        isASCII = line.isAllASCII
    }

    /// The first index of the ASCII `byte` (a Character of its own) in `text`, part of the line.
    func firstIndex(of byte: UInt8, in text: Substring) -> Substring.Index? {
        isASCII ? text.utf8.firstIndex(of: byte) : text.firstIndex(of: Character(Unicode.Scalar(byte)))
    }

    /// The first index of either ASCII byte in `text`, part of the line.
    func firstIndex(of byte: UInt8, or other: UInt8, in text: Substring) -> Substring.Index? {
        if isASCII { return text.utf8.firstIndex { $0 == byte || $0 == other } }
        let (first, second) = (Character(Unicode.Scalar(byte)), Character(Unicode.Scalar(other)))
        return text.firstIndex { $0 == first || $0 == second }
    }

    /// How many Characters of `text`, part of the line, lie from `start` to `end`.
    func distance(from start: Substring.Index, to end: Substring.Index, in text: Substring) -> Int {
        isASCII ? text.utf8.distance(from: start, to: end) : text.distance(from: start, to: end)
    }

    /// The first `count` Characters of `text`, part of the line.
    func prefix(_ count: Int, of text: Substring) -> Substring {
        isASCII ? text[..<(text.utf8.index(text.startIndex, offsetBy: count, limitedBy: text.endIndex) ?? text.endIndex)] : text.prefix(count)
    }
}
