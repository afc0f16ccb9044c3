/// Build-time syntax highlighting: code in, escaped HTML with `hl-*` spans out. Pages need no
/// JavaScript to be coloured, which keeps offline copies and printouts readable.
public enum Highlighter {
    /// Language names (as written after the fence) and the lexer each uses.
    static let aliases: [String: String] = [
        "bash": "shell", "sh": "shell", "shell": "shell", "zsh": "shell", "ksh": "shell", "slurm": "shell", "sbatch": "shell",
        "console": "console", "shell-session": "console", "terminal": "console",
        "python": "python", "py": "python", "python3": "python",
        "r": "r",
        "yaml": "yaml", "yml": "yaml",
        "json": "json",
        "dockerfile": "dockerfile", "docker": "dockerfile", "containerfile": "dockerfile",
        "singularity": "singularity", "apptainer": "singularity", "def": "singularity",
    ]

    /// The languages docgen highlights.
    public static var languages: [String] { aliases.keys.sorted() }

    /// Appends the highlighted HTML of `code` to the UTF-8 `output`; false, with nothing appended, when
    /// the language is unknown. Shell scripts, most of a guide's blocks, are written straight into
    /// `output` without a string of their own.
    static func highlight(_ code: String, language: String, into output: inout [UInt8]) -> Bool {
        guard let lexer = aliases[language.lowercased()] else { return false }
        if lexer == "shell" {
            ShellLexer.highlight(code[...], into: &output)
            return true
        }
        guard let html = highlight(code, lexer: lexer) else { return false }
        output.append(contentsOf: html.utf8)
        return true
    }

    /// The highlighted HTML of `code`, or nil when the language is unknown (the caller renders it plain).
    public static func highlight(_ code: String, language: String) -> String? {
        aliases[language.lowercased()].flatMap { highlight(code, lexer: $0) }
    }

    /// `code` highlighted by the lexer named `lexer` (a value of `aliases`).
    private static func highlight(_ code: String, lexer: String) -> String? {
        switch lexer {
        case "shell": ShellLexer.highlight(code)
        case "console": ConsoleLexer.highlight(code)
        case "python": ScriptLexer.python.highlight(code)
        case "r": ScriptLexer.r.highlight(code)
        case "yaml": DataLexer.yaml(code)
        case "json": DataLexer.json(code)
        case "dockerfile": ContainerLexer.dockerfile(code)
        case "singularity": ContainerLexer.singularity(code)
        default: nil
        }
    }
}
