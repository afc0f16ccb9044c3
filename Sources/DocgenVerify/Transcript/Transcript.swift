/// A shell session written in a ```` ```console ```` block: commands after prompts, each with the
/// output the page says it prints and the exit status it expects.
///
/// Line numbers are 0-based within the block's code (the first line after the opening fence is 0);
/// columns are 1-based and count characters.
public struct Transcript: Sendable, Hashable {
    /// The commands in the order written.
    public var commands: [TranscriptCommand]
    /// What could not be read (output before any command, an unterminated heredoc, ...).
    public var problems: [TranscriptProblem]

    /// Creates a transcript from parts.
    public init(commands: [TranscriptCommand], problems: [TranscriptProblem] = []) {
        self.commands = commands
        self.problems = problems
    }

    /// Parses the text of a `console` block. Never fails; what cannot be read goes to `problems`.
    public init(parsing text: String) {
        self = TranscriptParser.parse(text)
    }

    /// Parses the text of a `console` block.
    public static func parse(_ text: String) -> Transcript {
        TranscriptParser.parse(text)
    }
}

/// One line of a block, with its 0-based index within the block.
public struct TranscriptLine: Sendable, Hashable {
    /// The line's text without the line break.
    public var text: String
    /// The 0-based index of the line within the block.
    public var line: Int

    /// Creates a line.
    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }
}

/// Something in a transcript that cannot be read as a shell session.
public typealias TranscriptProblem = BlockProblem

/// A prompt as written in front of a command, taken apart.
public struct TranscriptPrompt: Sendable, Hashable {
    /// The shape of a prompt.
    public enum Style: String, Sendable, Hashable, CaseIterable {
        /// `$ ` (or `# ` for root in a block that starts with a root prompt).
        case plain
        /// `[user@login-5.SAGA ~]$ `, Red Hat's default, used on the NRIS clusters.
        case bracketed
        /// `user@host:~/dir$ `, Debian's and Ubuntu's default.
        case debian
        /// `PS> ` or `PS C:\Users\me> `.
        case powerShell
        /// A bare `> ` in a block whose first prompt is `> `.
        case angle
    }

    /// The prompt exactly as written, including the space before the command.
    public var text: String
    /// Which kind of prompt it is.
    public var style: Style
    /// The user name, for the bracketed and Debian styles.
    public var user: String?
    /// The host as shown, e.g. `login-5.SAGA`.
    public var host: String?
    /// The cluster part of the host: the component after the node's name (`SAGA` in
    /// `login-5.SAGA`, `betzy` in `login-1.betzy.sigma2.no`), or the whole host when it has no dot.
    public var shortHost: String?
    /// The directory as shown: `~`, `~/deepexperiments`, `/cluster/projects/nn5019k`, or a bare
    /// name as bash's `\W` shows it (`containers`).
    public var directory: String?
    /// The virtual environment shown in front, e.g. `deepexperiments` in `(deepexperiments) $ `.
    public var virtualEnvironment: String?
    /// Whether the prompt ends in `#` (a root shell).
    public var isRoot: Bool

    /// Creates a prompt.
    public init(
        text: String, style: Style, user: String? = nil, host: String? = nil, shortHost: String? = nil,
        directory: String? = nil, virtualEnvironment: String? = nil, isRoot: Bool = false
    ) {
        self.text = text
        self.style = style
        self.user = user
        self.host = host
        self.shortHost = shortHost
        self.directory = directory
        self.virtualEnvironment = virtualEnvironment
        self.isRoot = isRoot
    }

    /// The prompt's directory as an absolute path, or nil when the prompt shows none or it cannot
    /// be known. See ``expandDirectory(_:home:currentDirectory:)``.
    public func absoluteDirectory(home: String, currentDirectory: String? = nil) -> String? {
        directory.flatMap { Self.expandDirectory($0, home: home, currentDirectory: currentDirectory) }
    }

    /// Expands a directory as a prompt shows it to an absolute path.
    ///
    /// - `~` is `home`, `~/x` is `home/x`; `/x` stays as it is.
    /// - A bare name (bash's `\W`, e.g. `containers`) can only be known from where the shell was:
    ///   it is `currentDirectory` when that ends in the name, otherwise nil.
    /// - `~user` forms and empty text give nil.
    public static func expandDirectory(_ shown: String, home: String, currentDirectory: String? = nil) -> String? {
        let home = home.count > 1 && home.hasSuffix("/") ? String(home.dropLast()) : home
        if shown == "~" { return home }
        if shown.hasPrefix("~/") {
            let rest = shown.dropFirst(2)
            return rest.isEmpty ? home : (home == "/" ? "/" + rest : home + "/" + rest)
        }
        if shown.hasPrefix("/") { return shown }
        guard !shown.isEmpty, !shown.hasPrefix("~"), let currentDirectory else { return nil }
        let last = currentDirectory.split(separator: "/").last.map(String.init)
        return last == shown ? currentDirectory : nil
    }
}

/// One command of a transcript with its expected output and exit status.
public struct TranscriptCommand: Sendable, Hashable {
    /// The prompt in front of the command.
    public var prompt: TranscriptPrompt
    /// The command as a shell would run it: backslash-newline continuations removed, continuation
    /// lines (PS2 `> ` removed) and heredoc bodies joined with `\n`.
    public var text: String
    /// The block lines the command occupies: the prompt line through its last continuation line.
    public var lines: ClosedRange<Int>
    /// The 1-based column where the command starts on its first line (after the prompt).
    public var column: Int
    /// The lines the page shows as the command's output, in order (blank lines included).
    public var output: [TranscriptLine]
    /// The exit status the page expects: the trailing `[N]` line, or 0.
    public var exitStatus: Int
    /// The line of the `[N]` exit status, when there is one.
    public var exitStatusLine: Int?
    /// The words of the first simple command, quotes removed, nothing expanded
    /// (`cd "my dir"` gives `["cd", "my dir"]`).
    public var words: [String]
    /// The command's name: the first word after `sudo`, `env`, `time`, ... and `NAME=value`
    /// assignments; nil for an empty prompt, a comment or a bare assignment.
    public var commandName: String?

    /// Creates a command.
    public init(
        prompt: TranscriptPrompt, text: String, lines: ClosedRange<Int>, column: Int, output: [TranscriptLine] = [],
        exitStatus: Int = 0, exitStatusLine: Int? = nil, words: [String] = [], commandName: String? = nil
    ) {
        self.prompt = prompt
        self.text = text
        self.lines = lines
        self.column = column
        self.output = output
        self.exitStatus = exitStatus
        self.exitStatusLine = exitStatusLine
        self.words = words
        self.commandName = commandName
    }

    /// Whether the prompt has no command after it (the block only shows the prompt).
    public var isEmpty: Bool {
        text.allSatisfy(\.isWhitespace)
    }

    /// Whether the command is only a comment (`$ # list files`).
    public var isComment: Bool {
        text.drop { $0 == " " || $0 == "\t" }.hasPrefix("#")
    }

    /// Whether running the command does nothing: an empty prompt or a comment.
    public var isNoOp: Bool {
        isEmpty || isComment
    }

    /// The expected output as text lines.
    public var outputLines: [String] {
        output.map(\.text)
    }

    /// The arguments after the command name (`["-u", "bencretois"]` for `squeue -u bencretois`).
    public var arguments: [String] {
        guard let commandName, let index = TranscriptWords.commandNameIndex(in: words), words[index] == commandName else {
            return []
        }
        return Array(words[(index + 1)...])
    }
}
