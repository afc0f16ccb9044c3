/// The output of Slurm's `sacct`: a header, a rule of dashes that gives each column's width, and
/// one row per job and job step (`.batch`, `.extern`, `.0`). Cells too wide for their column end in
/// `+`. The `--parsable2` form (`|` between cells) is read as well.
public struct SacctListing: Sendable, Hashable {
    /// One job or step row.
    public struct Row: Sendable, Hashable {
        /// The job id as printed (`13456789`, `13456789.batch`, `13456789.ba+`).
        public var jobID: String
        /// Every cell by its column's name as sacct spells it in `--format` (`JobID`, `State`,
        /// `ExitCode`, ...); blank cells are empty strings.
        public var fields: [String: String]
        /// The 0-based line of the row.
        public var line: Int

        /// The step part of the job id (`batch`, `extern`, `0`, or `ba+` when cut short); nil for the job itself.
        public var step: String? { SlurmListingVocabulary.splitStep(jobID).step }
        /// Whether the row is a job step rather than the job's allocation.
        public var isStep: Bool { step != nil }
        /// `JobName`.
        public var jobName: String? { fields["JobName"] }
        /// `State`.
        public var state: String? { fields["State"] }
        /// `ExitCode` (`code:signal`).
        public var exitCode: String? { fields["ExitCode"] }
        /// `Elapsed`.
        public var elapsed: String? { fields["Elapsed"] }
        /// `Elapsed`, in seconds; nil when malformed or too large for an `Int`.
        public var elapsedSeconds: Int? { elapsed.flatMap { ToolOutputText.slurmDuration($0) }.flatMap { Int(exactly: $0.rounded(.towardZero)) } }
        /// `MaxRSS` (empty for the job's own row).
        public var maxRSS: String? { fields["MaxRSS"] }
        /// `MaxRSS`, in bytes.
        public var maxRSSBytes: Double? { maxRSS.flatMap { $0.isEmpty ? nil : ToolOutputText.slurmMemory($0) } }
    }

    /// The columns in order, by their `--format` names.
    public var columns: [String]
    /// The rows in order.
    public var rows: [Row]

    /// sacct's field names, as `--format` and the header spell them.
    static let knownColumns: [String] = [
        "Account", "AdminComment", "AllocCPUS", "AllocNodes", "AllocTRES", "AssocID", "AveCPU", "AveCPUFreq",
        "AveDiskRead", "AveDiskWrite", "AvePages", "AveRSS", "AveVMSize", "BlockID", "Cluster", "Comment",
        "Constraints", "ConsumedEnergy", "ConsumedEnergyRaw", "Container", "CPUTime", "CPUTimeRAW", "DBIndex",
        "DerivedExitCode", "Elapsed", "ElapsedRaw", "Eligible", "End", "ExitCode", "Extra", "FailedNode", "Flags",
        "GID", "Group", "JobID", "JobIDRaw", "JobName", "Layout", "Licenses", "MaxDiskRead", "MaxDiskReadNode",
        "MaxDiskReadTask", "MaxDiskWrite", "MaxDiskWriteNode", "MaxDiskWriteTask", "MaxPages", "MaxPagesNode",
        "MaxPagesTask", "MaxRSS", "MaxRSSNode", "MaxRSSTask", "MaxVMSize", "MaxVMSizeNode", "MaxVMSizeTask",
        "McsLabel", "MinCPU", "MinCPUNode", "MinCPUTask", "NCPUS", "NNodes", "NodeList", "NTasks", "Partition",
        "Planned", "PlannedCPU", "PlannedCPURAW", "Priority", "QOS", "QOSRAW", "Reason", "ReqCPUFreq", "ReqCPUS",
        "ReqMem", "ReqNodes", "ReqTRES", "Reservation", "ReservationId", "Start", "State", "Submit", "SubmitLine",
        "Suspended", "SystemComment", "SystemCPU", "Timelimit", "TimelimitRaw", "TotalCPU", "TRESUsageInAve",
        "TRESUsageInMax", "TRESUsageInTot", "TRESUsageOutAve", "TRESUsageOutMax", "TRESUsageOutTot", "UID", "User",
        "UserCPU", "WCKey", "WCKeyID", "WorkDir",
    ]

    /// Parses sacct output and checks every row.
    public static func parse(_ text: String) -> ToolOutputResult<SacctListing> {
        var parser = SacctParser(text: text)
        return parser.run()
    }
}

private struct SacctParser {
    let lines: [String]
    var problems: [ToolOutputProblem] = []

    static let durationColumns: Set<String> = ["Elapsed", "Timelimit", "CPUTime", "Suspended", "Planned", "PlannedCPU"]
    static let fractionalDurationColumns: Set<String> = ["TotalCPU", "UserCPU", "SystemCPU", "AveCPU", "MinCPU"]
    static let memoryColumns: Set<String> = [
        "MaxRSS", "AveRSS", "MaxVMSize", "AveVMSize", "ReqMem", "MaxDiskRead", "MaxDiskWrite", "AveDiskRead", "AveDiskWrite",
    ]
    static let countColumns: Set<String> = [
        "AllocCPUS", "NCPUS", "NNodes", "ReqCPUS", "NTasks", "AllocNodes", "ReqNodes", "ElapsedRaw", "CPUTimeRAW", "JobIDRaw",
    ]

    init(text: String) {
        lines = ToolOutputText.lines(text)
    }

    mutating func problem(_ kind: String, _ line: Int, _ column: Int, _ message: String) {
        problems.append(ToolOutputProblem(id: "parse.sacct.\(kind)", line: line, column: column, message: message))
    }

    /// The canonical spelling of a header title, allowing a title cut short with `+`.
    static func canonical(_ title: String) -> String? {
        let lower = title.lowercased()
        if let exact = SacctListing.knownColumns.first(where: { $0.lowercased() == lower }) { return exact }
        if lower.hasSuffix("+") {
            let prefix = lower.dropLast()
            return SacctListing.knownColumns.first { $0.lowercased().hasPrefix(prefix) }
        }
        return nil
    }

    mutating func run() -> ToolOutputResult<SacctListing> {
        guard let headerLine = lines.firstIndex(where: { !ToolOutputText.isBlank($0) }) else {
            problem("not-sacct", 0, 1, "this is not sacct output: it is empty")
            return ToolOutputResult(value: nil, problems: problems)
        }
        let parsable = lines[headerLine].contains("|")
        // --parsable ends every line with '|'; --parsable2 does not, so a last empty field shows.
        let trailingDelimiter = lines[headerLine].hasSuffix("|")
        let header: [ToolOutputText.Chunk] = parsable
            ? Self.pipeCells(lines[headerLine], trailingDelimiter: trailingDelimiter)
            : ToolOutputText.chunks(lines[headerLine], minimumGap: 1)
        let names = header.map { Self.canonical($0.text) }
        guard names.contains("JobID") else {
            problem("not-sacct", headerLine, 1, "this is not sacct output: the first line is not a header with JobID")
            return ToolOutputResult(value: nil, problems: problems)
        }
        for (word, name) in zip(header, names) where name == nil {
            problem("unknown-column", headerLine, word.column, "sacct has no field named '\(word.text)'")
        }
        let columns = zip(header, names).map { $1 ?? $0.text }
        var index = headerLine + 1
        var spans: [Range<Int>] = []
        if !parsable {
            if index < lines.count, let rule = ToolOutputText.ruleSpans(lines[index]), rule.count == header.count {
                spans = rule
                index += 1
            } else {
                problem("malformed", min(index, lines.count - 1), 1,
                        "the header is not followed by sacct's rule of dashes ('------------ ----------'), one per column")
                spans = ToolOutputText.headerSpans(header, lastIsOpenEnded: false)
                if index < lines.count, ToolOutputText.ruleSpans(lines[index]) != nil { index += 1 }
            }
        }
        var rows: [SacctListing.Row] = []
        var lastJob: SacctListing.Row?
        while index < lines.count {
            defer { index += 1 }
            let line = lines[index]
            if ToolOutputText.isBlank(line) { continue }
            let cells: [ToolOutputText.Chunk?]
            if parsable {
                let pieces = Self.pipeCells(line, trailingDelimiter: trailingDelimiter)
                guard pieces.count == columns.count else {
                    problem("malformed", index, 1, "the row has \(pieces.count) fields, the header \(columns.count)")
                    continue
                }
                cells = pieces.map { $0.text.isEmpty ? nil : $0 }
            } else {
                let (assigned, stray) = ToolOutputText.assign(ToolOutputText.chunks(line, minimumGap: 1), to: spans, in: line)
                if let first = stray.first {
                    problem("misaligned", index, first.column, "'\(first.text)' is outside every column of the sacct table")
                    continue
                }
                cells = assigned
            }
            var fields: [String: String] = [:]
            var positions: [String: Int] = [:]
            for (position, name) in columns.enumerated() {
                fields[name] = cells[position]?.text ?? ""
                positions[name] = cells[position]?.column ?? ((spans.count > position ? spans[position].lowerBound : 0) + 1)
            }
            let row = SacctListing.Row(jobID: fields["JobID"] ?? "", fields: fields, line: index)
            let column = { (name: String) in positions[name] ?? 1 }
            let width = parsable ? nil : columns.firstIndex(of: "JobID").map { spans[$0].count }
            check(row, column: column, jobIDWidth: width)
            if row.isStep {
                checkStep(row, of: lastJob, column: column)
            } else {
                lastJob = row
            }
            rows.append(row)
        }
        problems.sort { ($0.line, $0.column, $0.id, $0.message) < ($1.line, $1.column, $1.id, $1.message) }
        return ToolOutputResult(value: SacctListing(columns: columns, rows: rows), problems: problems)
    }

    /// Cells of a `--parsable2` line, or of a `--parsable` line whose last `|` adds no cell.
    static func pipeCells(_ line: String, trailingDelimiter: Bool) -> [ToolOutputText.Chunk] {
        var cells: [ToolOutputText.Chunk] = []
        var start = 0
        var text = ""
        for (offset, character) in line.enumerated() {
            if character == "|" {
                cells.append(ToolOutputText.Chunk(text: text, start: start, end: offset))
                text = ""
                start = offset + 1
            } else {
                text.append(character)
            }
        }
        if !(trailingDelimiter && line.hasSuffix("|")) {
            cells.append(ToolOutputText.Chunk(text: text, start: start, end: line.count))
        }
        return cells
    }

    mutating func check(_ row: SacctListing.Row, column: (String) -> Int, jobIDWidth: Int?) {
        let line = row.line
        let truncated = row.jobID.hasSuffix("+") && (jobIDWidth == nil || row.jobID.count == jobIDWidth)
        if !SlurmListingVocabulary.isSacctJobID(row.jobID, truncated: truncated) {
            problem("bad-job-id", line, column("JobID"),
                    "'\(row.jobID)' is not a job or step id (e.g. 13456789, 13456789.batch, 13456789.extern, 13456789.0)")
        }
        if let state = row.state, !state.isEmpty, !SlurmListingVocabulary.isStateName(state) {
            problem("bad-state", line, column("State"), "'\(state)' is not a Slurm job state (COMPLETED, FAILED, CANCELLED, TIMEOUT, OUT_OF_MEMORY, RUNNING, PENDING, ...)")
        }
        for name in ["ExitCode", "DerivedExitCode"] {
            guard let code = row.fields[name], !code.isEmpty else { continue }
            if Self.exitCode(code) == nil {
                problem("bad-exit-code", line, column(name), "\(name) '\(code)' is not 'code:signal' with numbers 0 to 255 (e.g. 0:0, 1:0, 0:9)")
            }
        }
        for name in row.fields.keys.sorted() {
            guard let value = row.fields[name], !value.isEmpty else { continue }
            if Self.durationColumns.contains(name) || Self.fractionalDurationColumns.contains(name) {
                let special = ["UNLIMITED", "Partition_Limit", "INVALID"].contains(value)
                if !special, ToolOutputText.slurmDuration(value, allowsFraction: Self.fractionalDurationColumns.contains(name)) == nil {
                    problem("bad-time", line, column(name), "\(name) '\(value)' is not a Slurm time (HH:MM:SS or D-HH:MM:SS)")
                }
            } else if Self.memoryColumns.contains(name) {
                if ToolOutputText.slurmMemory(value) == nil {
                    problem("bad-memory", line, column(name), "\(name) '\(value)' is not a Slurm memory size (e.g. 38112456K, 4G)")
                }
            } else if Self.countColumns.contains(name) {
                if !ToolOutputText.isDigits(value) {
                    problem("malformed", line, column(name), "\(name) '\(value)' is not a whole number")
                }
            }
        }
        if let state = row.state, let code = row.exitCode.flatMap(Self.exitCode) {
            if state == "COMPLETED", code != (0, 0) {
                problem("state-exit-mismatch", line, column("ExitCode"),
                        "\(row.jobID) is COMPLETED but its exit code is \(row.exitCode ?? ""); a completed job exits with 0:0")
            }
            if state == "FAILED", code == (0, 0) {
                problem("state-exit-mismatch", line, column("ExitCode"),
                        "\(row.jobID) is FAILED but its exit code is 0:0; a failed job exits with a non-zero code")
            }
        }
        if let state = row.state, state == "PENDING", let seconds = row.elapsedSeconds, seconds > 0 {
            problem("pending-with-elapsed", line, column("Elapsed"), "\(row.jobID) is PENDING but has run for \(row.elapsed ?? "")")
        }
    }

    mutating func checkStep(_ row: SacctListing.Row, of job: SacctListing.Row?, column: (String) -> Int) {
        let stepJob = SlurmListingVocabulary.splitStep(row.jobID).job
        guard let job else {
            problem("orphan-step", row.line, column("JobID"), "step \(row.jobID) comes before any job row")
            return
        }
        let jobID = job.jobID.hasSuffix("+") ? String(job.jobID.dropLast()) : job.jobID
        if !(stepJob == jobID || (job.jobID.hasSuffix("+") && stepJob.hasPrefix(jobID))) {
            problem("orphan-step", row.line, column("JobID"), "step \(row.jobID) does not belong to job \(job.jobID) above it")
            return
        }
        if let stepSeconds = row.elapsedSeconds, let jobSeconds = job.elapsedSeconds, stepSeconds > jobSeconds {
            problem("step-longer-than-job", row.line, column("Elapsed"),
                    "step \(row.jobID) ran \(row.elapsed ?? ""), longer than its job's \(job.elapsed ?? "")")
        }
    }

    /// `code:signal`, each 0 to 255.
    static func exitCode(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy(ToolOutputText.isDigits),
              let code = Int(parts[0]), let signal = Int(parts[1]), code <= 255, signal <= 255 else { return nil }
        return (code, signal)
    }
}
