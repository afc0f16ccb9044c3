import DocgenCore
import DocgenVerify

/// Renders a shell session from its parse: prompts, commands and output each get their own
/// element, so a mouse selection can pick up commands only, and the copy button can copy exactly
/// the commands a reader should type (continuations joined the way the shell reads them).
enum TranscriptRenderer {
    /// The highlighted lines and the text the copy button puts on the clipboard.
    struct Rendering {
        var html: String
        var commands: String
    }

    /// `parsed` is `code`'s parse when the caller has it already.
    static func render(_ code: String, parsed: Transcript? = nil) -> Rendering {
        let transcript = parsed ?? Transcript.parse(code)
        var lines = Self.lines(of: code)
        if code.hasSuffix("\n") { lines.removeLast() }
        var roles = [Role](repeating: .output, count: lines.count)
        var commands: [String] = []
        for command in transcript.commands {
            let first = command.lines.lowerBound
            guard first < roles.count else { continue }
            roles[first] = .command(promptLength: max(0, command.column - 1))
            for line in command.lines.dropFirst() where line < roles.count {
                roles[line] = .continuation
            }
            if let status = command.exitStatusLine, status < roles.count { roles[status] = .status }
            if !command.isNoOp { commands.append(command.text) }
        }
        // One UTF-8 buffer for the whole block: a string per line and per highlighted command was most of the cost.
        var html: [UInt8] = []
        html.reserveCapacity(code.utf8.count * 2)
        for (index, line) in lines.enumerated() {
            if index > 0 { html.append(UInt8(ascii: "\n")) }
            switch roles[index] {
            case .command(let promptLength):
                appendPrompt(line.prefix(promptLength), to: &html)
                appendCommand(line.dropFirst(promptLength), to: &html)
            case .continuation:
                if line == ">" || line.hasPrefix("> ") {
                    appendPrompt(line.prefix(2), to: &html)
                    appendCommand(line.dropFirst(2), to: &html)
                } else {
                    appendCommand(line, to: &html)
                }
            case .status:
                append("<span class=\"hl-output hl-status\">", to: &html)
                appendEscaped(line, to: &html)
                append("</span>", to: &html)
            case .output:
                if !line.isEmpty {
                    append("<span class=\"hl-output\">", to: &html)
                    appendEscaped(line, to: &html)
                    append("</span>", to: &html)
                }
            }
        }
        return Rendering(html: String(decoding: html, as: UTF8.self), commands: commands.joined(separator: "\n"))
    }

    /// The lines of `code` as `split(separator: "\n")` gives them; without a carriage return (a CR LF
    /// pair is one character, so it does not split there) the bytes can be split directly.
    private static func lines(of code: String) -> [Substring] {
        guard !code.containsUTF8Byte(0x0D) else { return code.split(separator: "\n", omittingEmptySubsequences: false) }
        var lines: [Substring] = []
        let utf8 = code.utf8
        var lineStart = utf8.startIndex
        var position = utf8.startIndex
        while position != utf8.endIndex {
            if utf8[position] == 0x0A {
                lines.append(code[lineStart..<position])
                lineStart = utf8.index(after: position)
            }
            position = utf8.index(after: position)
        }
        lines.append(code[lineStart...])
        return lines
    }

    private static func appendPrompt(_ prompt: Substring, to html: inout [UInt8]) {
        append("<span class=\"hl-prompt\">", to: &html)
        appendEscaped(prompt, to: &html)
        append("</span>", to: &html)
    }

    private static func appendCommand(_ command: Substring, to html: inout [UInt8]) {
        append("<span class=\"cmd\">", to: &html)
        ShellLexer.highlight(command, into: &html)
        append("</span>", to: &html)
    }

    private static func append(_ markup: StaticString, to html: inout [UInt8]) {
        markup.withUTF8Buffer { html.append(contentsOf: $0) }
    }

    private static func appendEscaped(_ text: Substring, to html: inout [UInt8]) {
        var text = text
        text.withUTF8 { HTMLEscaping.appendEscaped($0, to: &html) }
    }

    private enum Role {
        case command(promptLength: Int)
        case continuation
        case status
        case output
    }
}
