/// Dockerfiles and Apptainer/Singularity definition files: instructions and sections stand out,
/// the shell inside them is highlighted as shell.
enum ContainerLexer {
    static let dockerInstructions: Set<String> = [
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER",
        "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL", "AS",
    ]

    static func dockerfile(_ text: String) -> String {
        var html = ""
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { html += "\n" }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let indent = String(line.prefix(line.count - trimmed.count))
            if trimmed.hasPrefix("#") {
                html += indent + span(.comment, String(trimmed))
                continue
            }
            let word = trimmed.prefix { $0.isLetter }
            if !word.isEmpty, dockerInstructions.contains(word.uppercased()), word == word.uppercased() {
                let rest = String(trimmed.dropFirst(word.count))
                // Only these instructions hold shell commands; the others hold image names, paths and values.
                let isShell = ["RUN", "CMD", "ENTRYPOINT", "SHELL", "HEALTHCHECK"].contains(String(word))
                html += indent + span(.keyword, String(word)) + (isShell ? ShellLexer.highlight(rest) : HTMLEscaping.escape(rest))
            } else {
                html += indent + ShellLexer.highlight(String(trimmed))
            }
        }
        return html
    }

    static func singularity(_ text: String) -> String {
        var html = ""
        var inHeader = true
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { html += "\n" }
            if line.hasPrefix("%") {
                inHeader = false
                let name = line.prefix { !$0.isWhitespace }
                html += span(.meta, String(name)) + HTMLEscaping.escape(String(line.dropFirst(name.count)))
            } else if inHeader, let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") {
                html += span(.keyword, String(line[...colon])) + span(.string, String(line[line.index(after: colon)...]))
            } else if line.trimmingPrefix(while: { $0 == " " }).hasPrefix("#") {
                html += span(.comment, String(line))
            } else {
                html += ShellLexer.highlight(String(line))
            }
        }
        return html
    }

    private static func span(_ kind: TokenKind, _ text: String) -> String {
        text.isEmpty ? "" : "<span class=\"hl-\(kind.rawValue)\">\(HTMLEscaping.escape(text))</span>"
    }
}

extension Substring {
    fileprivate func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring {
        drop(while: predicate)
    }
}
