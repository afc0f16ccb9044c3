/// One option of an `#SBATCH` line, canonicalised: `-t 1:00:00` and `--time=1:00:00` both have option `time`.
public struct SlurmDirective: Hashable, Sendable {
    /// The canonical long option name without dashes, e.g. `ntasks-per-node`.
    public var option: String
    /// The value, or nil for a flag.
    public var value: String?
    /// The option as written, e.g. `-N` or `--tasks-per-node`.
    public var written: String
    /// The source text from the option to the end of its value, e.g. `-t 1:00:00`; a fix-it replaces it.
    public var text: String
    /// The 1-based line in the script.
    public var line: Int
    /// The 1-based column of the option.
    public var column: Int
    /// Words after an `--array` value on the same line (`--array=1, 2, 3` has `2,` and `3`).
    public var trailing: [String]
    /// Whether the line comes after the first command, where Slurm no longer reads directives.
    public var isAfterFirstCommand: Bool

    /// Creates a directive.
    public init(
        option: String, value: String?, written: String, text: String, line: Int, column: Int,
        trailing: [String] = [], isAfterFirstCommand: Bool = false
    ) {
        self.option = option
        self.value = value
        self.written = written
        self.text = text
        self.line = line
        self.column = column
        self.trailing = trailing
        self.isAfterFirstCommand = isAfterFirstCommand
    }

    /// The canonical spelling, e.g. `--time=1:00:00`.
    public var canonical: String {
        value.map { "--\(option)=\($0)" } ?? "--\(option)"
    }
}

/// An `#SBATCH` line (or a near miss such as `# SBATCH`) that Slurm would reject or silently ignore.
public struct SlurmDirectiveProblem: Hashable, Sendable {
    /// What kind of mistake it is.
    public enum Kind: String, Hashable, Sendable {
        /// An option sbatch does not know.
        case unknownOption
        /// A known option spelled with underscores, e.g. `--ntasks_per_node`.
        case underscoreOption
        /// A long option with one dash, e.g. `-mem=4G` (getopt reads it as `-m em=4G`).
        case singleDashLongOption
        /// A short option with `=`, e.g. `-t=1:00:00` (the value would start with `=`).
        case shortOptionWithEquals
        /// An option that needs a value has none.
        case missingValue
        /// A flag was given a value.
        case unexpectedValue
        /// A word that is neither an option nor a value.
        case strayWord
        /// `# SBATCH`, `#sbatch` or an indented `#SBATCH`: Slurm reads it as an ordinary comment.
        case notADirective
        /// `##SBATCH`: a directive commented out on purpose.
        case disabled
    }

    /// The kind of mistake.
    public var kind: Kind
    /// The 1-based line in the script.
    public var line: Int
    /// The 1-based column of the offending text.
    public var column: Int
    /// The offending text.
    public var text: String
    /// What is wrong.
    public var message: String
    /// The corrected text, when there is one.
    public var replacement: String?
    /// Whether the line comes after the first command.
    public var isAfterFirstCommand: Bool
}

/// A line of the script with its 1-based number.
public struct ScriptLine: Hashable, Sendable {
    /// The 1-based line number.
    public var number: Int
    /// The line's text, without the line break.
    public var text: String

    /// Creates a line.
    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}
