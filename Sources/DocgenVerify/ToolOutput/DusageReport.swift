/// A size as dusage prints it: `4.6 GiB`, `938.2 MiB`, `0.0 KiB`, `1.0 TiB`, or a bare number of
/// bytes (`512.0`).
public struct DusageSize: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The size in bytes, from the printed (rounded) number.
    public var bytes: Double
    /// The text as printed.
    public var text: String

    static let units: [(name: String, power: Int)] = [("B", 0), ("KiB", 1), ("MiB", 2), ("GiB", 3), ("TiB", 4), ("PiB", 5), ("EiB", 6)]

    /// Reads `NUMBER UNIT` with a binary unit, or a bare number of bytes; nil when malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let number = ToolOutputText.decimal(String(parts[0])) else { return nil }
        var power = 0
        if parts.count == 2 {
            guard let unit = Self.units.first(where: { $0.name == parts[1] }) else { return nil }
            power = unit.power
        }
        var bytes = number
        for _ in 0..<power { bytes *= 1024 }
        self.bytes = bytes
        self.text = text
    }

    public static func < (lhs: DusageSize, rhs: DusageSize) -> Bool {
        lhs.bytes < rhs.bytes
    }

    public var description: String { text }
}

/// The output of NRIS's `dusage` (disk usage and quota per storage area), in any of its layouts:
///
/// - v0.1/v0.2: `path  backup  space used  quota  files  quota`, `-` where there is no quota;
/// - v0.3: `path  space used  quota (s)  quota (h)  files  quota (s)  quota (h)`, blank where
///   there is no quota;
/// - the NRIS documentation's variant with both `backup` and soft/hard quotas.
public struct DusageReport: Sendable, Hashable {
    /// Which table layout the output uses.
    public enum Layout: String, Sendable, Hashable, CaseIterable {
        /// `path backup space used quota files quota` (v0.1.4, v0.2.0).
        case backupSingleQuota
        /// `path space used quota (s) quota (h) files quota (s) quota (h)` (v0.3).
        case softHard
        /// `path backup space used quota (s) quota (h) files quota (s) quota (h)`.
        case backupSoftHard

        var headers: [String] {
            switch self {
            case .backupSingleQuota: ["path", "backup", "space used", "quota", "files", "quota"]
            case .softHard: ["path", "space used", "quota (s)", "quota (h)", "files", "quota (s)", "quota (h)"]
            case .backupSoftHard: ["path", "backup", "space used", "quota (s)", "quota (h)", "files", "quota (s)", "quota (h)"]
            }
        }

        var hasBackup: Bool { self != .softHard }
    }

    /// One storage area.
    public struct Row: Sendable, Hashable {
        /// The storage area's path.
        public var path: String
        /// Whether it is backed up (layouts with a `backup` column).
        public var backup: Bool?
        /// Space used; nil when not shown.
        public var spaceUsed: DusageSize?
        /// Soft space quota (the only quota in the v0.1 layout); nil for none (`-` or blank).
        public var spaceSoftQuota: DusageSize?
        /// Hard space quota (equal to the soft one in the v0.1 layout).
        public var spaceHardQuota: DusageSize?
        /// Number of files; nil when not shown.
        public var files: Int?
        /// Soft file quota; nil for none.
        public var filesSoftQuota: Int?
        /// Hard file quota.
        public var filesHardQuota: Int?
        /// The 0-based line of the row in the text.
        public var line: Int
    }

    /// The version from the `dusage vX.Y.Z` line, without the `v`.
    public var version: String?
    /// The table layout.
    public var layout: Layout
    /// The rows in order.
    public var rows: [Row]

    /// Parses dusage output and checks that it is consistent.
    public static func parse(_ text: String) -> ToolOutputResult<DusageReport> {
        var parser = DusageParser(text: text)
        return parser.run()
    }
}

private struct DusageParser {
    let lines: [String]
    var problems: [ToolOutputProblem] = []

    init(text: String) {
        lines = ToolOutputText.lines(text)
    }

    mutating func problem(_ kind: String, _ line: Int, _ column: Int = 1, _ message: String) {
        problems.append(ToolOutputProblem(id: "parse.dusage.\(kind)", line: line, column: column, message: message))
    }

    mutating func run() -> ToolOutputResult<DusageReport> {
        var index = 0
        var version: String?
        var versionLine = 0
        // Before the header: blank lines and the `dusage vX.Y.Z` line.
        while index < lines.count {
            let line = lines[index]
            let trimmed = TranscriptStrings.trimmed(line)
            if trimmed.isEmpty {
                index += 1
                continue
            }
            if trimmed.hasPrefix("dusage v"), version == nil {
                let number = trimmed.dropFirst("dusage v".count)
                if number.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(ToolOutputText.isDigits) {
                    version = String(number)
                    versionLine = index
                    index += 1
                    continue
                }
            }
            break
        }
        guard index < lines.count, lines[index].contains("path"), lines[index].contains("space used") else {
            let line = min(index, max(0, lines.count - 1))
            problem("not-dusage", line, 1, "this is not dusage output: there is no header line with 'path' and 'space used'")
            return ToolOutputResult(value: nil, problems: problems)
        }
        let headerLine = index
        let headerWords = ToolOutputText.chunks(lines[headerLine], minimumGap: 2)
        let names = headerWords.map { $0.text.lowercased() }
        guard let layout = DusageReport.Layout.allCases.first(where: { $0.headers == names }) else {
            problem("unknown-header", headerLine, headerWords.first?.column ?? 1,
                    "unknown dusage columns '\(names.joined(separator: ", "))'; dusage prints 'path, space used, quota (s), quota (h), files, quota (s), quota (h)' (or, before v0.3, 'path, backup, space used, quota, files, quota')")
            return ToolOutputResult(value: nil, problems: problems)
        }
        if let version {
            let parts = version.split(separator: ".").compactMap { Int($0) }
            let modern = parts.count >= 2 && (parts[0] > 0 || parts[1] >= 3)
            if modern == layout.hasBackup {
                problem("version-mismatch", versionLine, 1,
                        "dusage v\(version) prints \(modern ? "'quota (s)' and 'quota (h)' columns and no 'backup' column" : "a 'backup' column and one quota per column"), not this header")
            }
        }
        index += 1
        var spans: [Range<Int>]
        if index < lines.count, let rule = ToolOutputText.ruleSpans(lines[index]) {
            spans = rule
            if rule.count != names.count {
                problem("malformed", index, 1, "the rule under the header has \(rule.count) columns, the header \(names.count)")
                spans = ToolOutputText.headerSpans(headerWords, lastIsOpenEnded: false)
            }
            index += 1
        } else {
            problem("malformed", min(index, lines.count - 1), 1, "the header is not followed by a rule of dashes ('-----  ----')")
            spans = ToolOutputText.headerSpans(headerWords, lastIsOpenEnded: false)
        }
        var rows: [DusageReport.Row] = []
        while index < lines.count, !ToolOutputText.isBlank(lines[index]) {
            if let row = readRow(lines[index], line: index, layout: layout, spans: spans) {
                rows.append(row)
            }
            index += 1
        }
        if rows.isEmpty {
            problem("empty", min(index, lines.count - 1), 1, "the dusage table has no rows")
        }
        // After the table: blank lines and dusage's own notes.
        while index < lines.count {
            let trimmed = TranscriptStrings.trimmed(lines[index])
            let isNote = trimmed.isEmpty || trimmed.hasPrefix("- ") || trimmed.lowercased().contains("report issues")
                || (lines[index].first == " " && index > 0 && !ToolOutputText.isBlank(lines[index - 1]))
            if !isNote {
                problem("unexpected-line", index, 1, "'\(trimmed.prefix(40))' is not part of dusage output")
            }
            index += 1
        }
        return ToolOutputResult(value: DusageReport(version: version, layout: layout, rows: rows), problems: problems)
    }

    mutating func readRow(_ text: String, line: Int, layout: DusageReport.Layout, spans: [Range<Int>]) -> DusageReport.Row? {
        let (cells, stray) = ToolOutputText.assign(ToolOutputText.chunks(text, minimumGap: 2), to: spans, in: text)
        if let first = stray.first {
            problem("misaligned", line, first.column, "'\(first.text)' is outside every column of the dusage table")
            return nil
        }
        let headers = layout.headers
        func cell(_ name: String, occurrence: Int = 0) -> (text: String?, column: Int) {
            let positions = headers.indices.filter { headers[$0] == name }
            guard occurrence < positions.count else { return (nil, 1) }
            let position = positions[occurrence]
            let chunk = cells[position]
            return (chunk?.text, chunk?.column ?? (spans[position].lowerBound + 1))
        }
        guard let path = cells[0]?.text, path.hasPrefix("/") else {
            problem("malformed", line, cells[0]?.column ?? 1,
                    cells[0] == nil ? "the row has no path" : "path '\(cells[0]?.text ?? "")' is not an absolute path")
            return nil
        }
        var row = DusageReport.Row(path: path, line: line)
        var valid = true
        if layout.hasBackup {
            let (value, column) = cell("backup")
            switch value {
            case "yes": row.backup = true
            case "no": row.backup = false
            default:
                problem("malformed", line, column, "backup is '\(value ?? "")'; dusage prints 'yes' or 'no'")
                valid = false
            }
        }
        // Blank cells are dusage v0.3's "no value"; the older layout always prints something.
        let blankAllowed = layout == .softHard
        func size(_ name: String, occurrence: Int = 0, dashAllowed: Bool) -> DusageSize? {
            let (value, column) = cell(name, occurrence: occurrence)
            guard let value else {
                if !blankAllowed {
                    problem("malformed", line, column, "the '\(name)' column is empty")
                    valid = false
                }
                return nil
            }
            if value == "-", dashAllowed { return nil }
            guard let size = DusageSize(value) else {
                problem("malformed", line, column,
                        "'\(value)' is not a size as dusage prints it (a number and KiB, MiB, GiB, TiB or PiB, e.g. '4.6 GiB')")
                valid = false
                return nil
            }
            return size
        }
        func count(_ name: String, occurrence: Int = 0, dashAllowed: Bool) -> Int? {
            let (value, column) = cell(name, occurrence: occurrence)
            guard let value else {
                if !blankAllowed {
                    problem("malformed", line, column, "the '\(name)' column is empty")
                    valid = false
                }
                return nil
            }
            if value == "-", dashAllowed { return nil }
            guard let number = ToolOutputText.groupedCount(value) else {
                problem("malformed", line, column,
                        "'\(value)' is not a file count as dusage prints it (digits grouped in threes with spaces, e.g. '38 819')")
                valid = false
                return nil
            }
            return number
        }
        row.spaceUsed = size("space used", dashAllowed: true)
        row.files = count("files", dashAllowed: true)
        switch layout {
        case .backupSingleQuota:
            row.spaceSoftQuota = size("quota", dashAllowed: true)
            row.spaceHardQuota = row.spaceSoftQuota
            row.filesSoftQuota = count("quota", occurrence: 1, dashAllowed: true)
            row.filesHardQuota = row.filesSoftQuota
        case .softHard, .backupSoftHard:
            row.spaceSoftQuota = size("quota (s)", dashAllowed: true)
            row.spaceHardQuota = size("quota (h)", dashAllowed: true)
            row.filesSoftQuota = count("quota (s)", occurrence: 1, dashAllowed: true)
            row.filesHardQuota = count("quota (h)", occurrence: 1, dashAllowed: true)
        }
        guard valid else { return row }
        checkQuotas(row, layout: layout, cell: cell)
        return row
    }

    mutating func checkQuotas(_ row: DusageReport.Row, layout: DusageReport.Layout, cell: (String, Int) -> (text: String?, column: Int)) {
        let single = layout == .backupSingleQuota
        if let used = row.spaceUsed, let quota = row.spaceHardQuota, used > quota {
            problem("over-quota", row.line, cell("space used", 0).column,
                    "\(row.path) uses \(used) but its \(single ? "" : "hard ")quota is \(quota); dusage cannot show more used than the quota allows")
        }
        if let soft = row.spaceSoftQuota, let hard = row.spaceHardQuota, soft > hard {
            problem("soft-above-hard", row.line, cell("quota (s)", 0).column,
                    "\(row.path)'s soft quota \(soft) is above its hard quota \(hard)")
        }
        if let files = row.files, let quota = row.filesHardQuota, files > quota {
            problem("over-file-quota", row.line, cell("files", 0).column,
                    "\(row.path) has \(files) files but its \(single ? "" : "hard ")file quota is \(quota)")
        }
        if let soft = row.filesSoftQuota, let hard = row.filesHardQuota, soft > hard {
            problem("soft-above-hard", row.line, cell("quota (s)", 1).column,
                    "\(row.path)'s soft file quota \(soft) is above its hard file quota \(hard)")
        }
    }
}
