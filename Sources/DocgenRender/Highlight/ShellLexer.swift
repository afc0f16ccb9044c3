/// Bash, with Slurm's `#SBATCH` directives standing out as directives rather than comments.
struct ShellLexer {
    static let keywords: Set<String> = [
        "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in",
        "function", "select", "return", "exit", "local", "export", "set", "unset", "source", "alias", "readonly", "declare", "trap",
    ]
    static let builtins: Set<String> = [
        "echo", "cd", "pwd", "printf", "read", "test", "module", "srun", "sbatch", "squeue", "scancel", "sacct", "seff",
        "salloc", "mpirun", "cat", "ls", "mkdir", "cp", "mv", "rm", "python", "python3", "Rscript", "apptainer",
        "singularity", "ssh", "scp", "rsync", "git", "pip", "conda", "tar", "savefile", "cleanup", "projects", "dusage", "cost",
    ]

    /// Keywords after which a command name comes next.
    private static let commandKeywords: Set<String> = ["then", "do", "else", "elif", "if", "while", "until"]
    /// Characters besides letters and digits that a word (a command, path or argument) runs over.
    private static let wordExtras: ASCIISet = "_-./~+:@%,"
    /// Characters besides letters and digits that a number's unit suffix (`4G`, `1e-3x`) runs over.
    private static let suffixExtras: ASCIISet = "_-."

    /// Highlights a whole script.
    static func highlight(_ text: String) -> String {
        var scanner = SourceScanner(text)
        highlight(&scanner, until: nil)
        return String(decoding: scanner.output, as: UTF8.self)
    }

    /// Appends the highlighted HTML of `text` to the UTF-8 `output`, so a caller highlighting many
    /// lines builds one buffer rather than a string per line.
    static func highlight(_ text: Substring, into output: inout [UInt8]) {
        var scanner = SourceScanner(text, reservingOutput: false)
        swap(&scanner.output, &output)
        highlight(&scanner, until: nil)
        swap(&scanner.output, &output)
    }

    /// Highlights from the cursor to the end, or up to (not including) the first `stop` character.
    static func highlight(_ scanner: inout SourceScanner, until stop: SourceUnit?) {
        // The tables read once per call: each read of a lazily made static checks that it was made.
        let (keywords, builtins, commandKeywords) = (Self.keywords, Self.builtins, Self.commandKeywords)
        let (wordExtras, suffixExtras) = (Self.wordExtras, Self.suffixExtras)
        var commandPosition = true
        while let character = scanner.current {
            if let stop, character == stop { return }
            let start = scanner.index
            switch character {
            case "\n":
                scanner.emitPlain()
                commandPosition = true
            case " ", "\t":
                scanner.emitPlain()
            case "#" where scanner.isAtLineStart && scanner.starts(with: "#SBATCH"):
                highlightDirective(&scanner)
            case "#" where scanner.index == 0 && scanner.peek() == "!":
                scanner.skipToLineEnd()
                scanner.emit(.meta, from: start)
            case "#" where start == 0 || scanner.units[start - 1].isWhitespace || scanner.units[start - 1] == ";":
                scanner.skipToLineEnd()
                scanner.emit(.comment, from: start)
            case "'":
                scanner.skipQuoted("'", escapes: false)
                scanner.emit(.string, from: start)
                commandPosition = false
            case "\"":
                scanner.skipQuoted("\"")
                scanner.emit(.string, from: start)
                commandPosition = false
            case "$":
                scanner.index += 1
                if scanner.current == "{" {
                    while let next = scanner.current, next != "}", next != "\n" { scanner.index += 1 }
                    if scanner.current == "}" { scanner.index += 1 }
                } else if scanner.current == "(" {
                    scanner.emit(.operator, from: start)
                    continue
                } else if let next = scanner.current, next == "?" || next == "#" || next == "@" || next == "*" || next.isNumber {
                    scanner.index += 1
                } else {
                    scanner.skipWord()
                }
                scanner.emit(.variable, from: start)
                commandPosition = false
            case "|", "&", ";", "(", ")":
                scanner.index += 1
                if let next = scanner.current, next == character { scanner.index += 1 }
                scanner.emit(.operator, from: start)
                commandPosition = true
            case ">", "<":
                scanner.index += 1
                if let next = scanner.current, next == character || next == "&" { scanner.index += 1 }
                scanner.emit(.operator, from: start)
            default:
                if character.isNumber, start == 0 || !scanner.units[start - 1].isLetter {
                    scanner.skipNumber()
                    if let next = scanner.current, next.isLetter {
                        scanner.skipWord(extra: suffixExtras)
                        scanner.emit(nil, from: start)
                    } else {
                        scanner.emit(.number, from: start)
                    }
                    commandPosition = false
                } else if character.isLetter || character == "_" || character == "." || character == "/" || character == "-" || character == "~" {
                    scanner.skipWord(extra: wordExtras)
                    let word = scanner.text(from: start)
                    if scanner.current == "=", commandPosition, scanner.units[start..<scanner.index].allSatisfy({ $0.isLetterOrNumber || $0 == "_" }) {
                        scanner.emit(.variable, from: start)
                    } else if keywords.contains(word) {
                        scanner.emit(.keyword, from: start)
                        commandPosition = commandKeywords.contains(word)
                    } else if commandPosition {
                        scanner.emit(builtins.contains(word) ? .builtin : .function, from: start)
                        commandPosition = false
                    } else {
                        scanner.emit(nil, from: start)
                    }
                } else {
                    scanner.emitPlain()
                }
            }
        }
    }

    /// `#SBATCH --option=value`: the marker as a directive, the option as a type, the value as a string.
    private static func highlightDirective(_ scanner: inout SourceScanner) {
        let start = scanner.index
        scanner.index += "#SBATCH".utf8.count
        scanner.emit(.meta, from: start)
        while let character = scanner.current, character == " " || character == "\t" { scanner.emitPlain() }
        let optionStart = scanner.index
        while let character = scanner.current, character != "=", character != " ", character != "\n", character != "#" { scanner.index += 1 }
        scanner.emit(.type, from: optionStart)
        if scanner.current == "=" || scanner.current == " " {
            scanner.emitPlain()
            let valueStart = scanner.index
            while let character = scanner.current, character != "\n", !(character == "#" && scanner.units[scanner.index - 1] == " ") {
                scanner.index += 1
            }
            scanner.emit(.string, from: valueStart)
        }
        if scanner.current == "#" {
            let commentStart = scanner.index
            scanner.skipToLineEnd()
            scanner.emit(.comment, from: commentStart)
        }
    }
}
