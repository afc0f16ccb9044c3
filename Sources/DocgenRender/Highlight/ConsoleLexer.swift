/// Shell sessions: prompts, commands (highlighted as shell) and output, each styled differently.
enum ConsoleLexer {
    static func highlight(_ text: String) -> String {
        var html = ""
        var continuing = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { html += "\n" }
            if let promptLength = promptLength(of: line) {
                let prompt = String(line.prefix(promptLength))
                let command = String(line.dropFirst(promptLength))
                html += "<span class=\"hl-prompt\">\(HTMLEscaping.escape(prompt))</span>" + ShellLexer.highlight(command)
                continuing = command.hasSuffix("\\")
            } else if continuing || (line.hasPrefix("> ") && index > 0) {
                html += ShellLexer.highlight(String(line))
                continuing = line.hasSuffix("\\")
            } else if !line.isEmpty {
                html += "<span class=\"hl-output\">\(HTMLEscaping.escape(String(line)))</span>"
            }
        }
        return html
    }

    /// The length of a prompt at the start of `line`: `$ `, `# `, `[user@host dir]$ `, `user@host:dir$ `,
    /// each optionally after `(venv) `.
    static func promptLength(of line: Substring) -> Int? {
        var rest = line
        var length = 0
        if rest.hasPrefix("("), let close = rest.firstIndex(of: ")"), rest[rest.index(after: close)...].hasPrefix(" ") {
            let venv = rest[...close].count + 1
            length += venv
            rest = rest.dropFirst(venv)
        }
        if rest.hasPrefix("$ ") || rest.hasPrefix("# ") || rest == "$" || rest == "#" {
            return length + min(2, rest.count)
        }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix("$ ") || after.hasPrefix("# ") || after == "$" || after == "#" {
                return length + rest[...close].count + min(2, after.count)
            }
        }
        if let at = rest.firstIndex(of: "@"), let dollar = rest.firstIndex(of: "$"), at < dollar,
           !rest[..<dollar].contains(" "), rest[dollar...].hasPrefix("$ ") || rest[dollar...] == "$" {
            let promptEnd = rest.index(after: dollar)
            return length + rest[..<promptEnd].count + (rest[promptEnd...].isEmpty ? 0 : 1)
        }
        return nil
    }
}
