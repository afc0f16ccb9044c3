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

    static func render(_ code: String) -> Rendering {
        let transcript = Transcript.parse(code)
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
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
        var html = ""
        for (index, line) in lines.enumerated() {
            if index > 0 { html += "\n" }
            switch roles[index] {
            case .command(let promptLength):
                let prompt = String(line.prefix(promptLength))
                let command = String(line.dropFirst(promptLength))
                html += "<span class=\"hl-prompt\">\(HTMLEscaping.escape(prompt))</span><span class=\"cmd\">\(ShellLexer.highlight(command))</span>"
            case .continuation:
                if line == ">" || line.hasPrefix("> ") {
                    let prompt = String(line.prefix(2))
                    html += "<span class=\"hl-prompt\">\(HTMLEscaping.escape(prompt))</span><span class=\"cmd\">\(ShellLexer.highlight(String(line.dropFirst(2))))</span>"
                } else {
                    html += "<span class=\"cmd\">\(ShellLexer.highlight(line))</span>"
                }
            case .status:
                html += "<span class=\"hl-output hl-status\">\(HTMLEscaping.escape(line))</span>"
            case .output:
                if !line.isEmpty { html += "<span class=\"hl-output\">\(HTMLEscaping.escape(line))</span>" }
            }
        }
        return Rendering(html: html, commands: commands.joined(separator: "\n"))
    }

    private enum Role {
        case command(promptLength: Int)
        case continuation
        case status
        case output
    }
}
