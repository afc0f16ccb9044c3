/// The output of Slurm's `squeue`: a header (by default `JOBID PARTITION NAME USER ST TIME NODES
/// NODELIST(REASON)`) and one row per job.
public struct SqueueListing: Sendable, Hashable {
    /// One job (or array task) row.
    public struct Job: Sendable, Hashable {
        /// The job id as printed: `13456789`, `13456790_1`, `13456790_[5-12%4]`.
        public var jobID: String
        /// Every cell by its column title (`PARTITION`, `ST`, ...; in full when squeue cut it short).
        public var fields: [String: String]
        /// The 0-based line of the row.
        public var line: Int

        /// `PARTITION`.
        public var partition: String? { fields["PARTITION"] }
        /// `NAME` (squeue cuts it to 8 characters by default).
        public var name: String? { fields["NAME"] }
        /// `USER`.
        public var user: String? { fields["USER"] }
        /// The state: the `ST` code (`R`, `PD`, ...) or the `STATE` name.
        public var state: String? { fields["ST"] ?? fields["STATE"] }
        /// `TIME`: how long the job has run, as printed (`41:12`, `1-02:03:04`).
        public var time: String? { fields["TIME"] }
        /// `TIME`, in seconds; nil when malformed or too large for an `Int`.
        public var elapsedSeconds: Int? { time.flatMap { ToolOutputText.slurmDuration($0) }.flatMap { Int(exactly: $0.rounded(.towardZero)) } }
        /// `NODES`.
        public var nodes: Int? { fields["NODES"].flatMap { Int($0) } }
        /// `NODELIST(REASON)`: the nodes of a running job, or `(Reason)` for a pending one.
        public var nodeListOrReason: String? { fields["NODELIST(REASON)"] ?? fields["NODELIST"] ?? fields["REASON"] }
        /// The reason without parentheses, when the job shows one (`Priority`, `JobArrayTaskLimit`).
        public var reason: String? {
            guard let text = nodeListOrReason, text.hasPrefix("("), text.hasSuffix(")") else { return fields["REASON"] }
            return String(text.dropFirst().dropLast())
        }
    }

    /// The column titles in order (a title squeue cut short is given in full: `TIME_LIMIT`).
    public var columns: [String]
    /// The rows in order.
    public var jobs: [Job]

    /// Titles squeue prints for its format fields.
    static let knownColumns: Set<String> = [
        "ACCOUNT", "ARRAY_JOB_ID", "ARRAY_TASK_ID", "BATCH_HOST", "COMMAND", "CPUS", "DEPENDENCY", "END_TIME", "EXEC_HOST",
        "FEATURES", "GROUP", "JOBID", "MIN_CPUS", "MIN_MEMORY", "MIN_TMP_DISK", "NAME", "NODELIST", "NODELIST(REASON)",
        "NODES", "PARTITION", "PRIORITY", "QOS", "REASON", "RESERVATION", "ST", "START_TIME", "STATE", "SUBMIT_TIME",
        "TIME", "TIME_LEFT", "TIME_LIMIT", "TRES_PER_NODE", "TRES_ALLOC", "USER", "WORK_DIR", "CLUSTER", "LICENSES",
    ]

    /// Columns whose text may contain spaces; they can only be last.
    static let freeTextColumns: Set<String> = ["NODELIST(REASON)", "REASON", "COMMAND", "WORK_DIR"]

    /// Parses squeue output and checks every row.
    public static func parse(_ text: String) -> ToolOutputResult<SqueueListing> {
        var parser = SqueueParser(text: text)
        return parser.run()
    }
}

private struct SqueueParser {
    let lines: [String]
    var problems: [ToolOutputProblem] = []

    init(text: String) {
        lines = ToolOutputText.lines(text)
    }

    mutating func problem(_ kind: String, _ line: Int, _ column: Int, _ message: String) {
        problems.append(ToolOutputProblem(id: "parse.squeue.\(kind)", line: line, column: column, message: message))
    }

    mutating func run() -> ToolOutputResult<SqueueListing> {
        guard let headerLine = lines.firstIndex(where: { !ToolOutputText.isBlank($0) }) else {
            problem("not-squeue", 0, 1, "this is not squeue output: it is empty (squeue always prints its header)")
            return ToolOutputResult(value: nil, problems: problems)
        }
        let header = ToolOutputText.chunks(lines[headerLine], minimumGap: 1)
        // squeue cuts a title to its column's width (`TIME_LIMI` for `%.9l`).
        let titles = header.map { word in
            SqueueListing.knownColumns.contains(word.text) ? word.text
                : SqueueListing.knownColumns.filter { word.text.count >= 3 && $0.hasPrefix(word.text) }.min() ?? word.text
        }
        guard titles.contains("JOBID") else {
            problem("not-squeue", headerLine, 1, "this is not squeue output: the first line is not a header with JOBID")
            return ToolOutputResult(value: nil, problems: problems)
        }
        for (word, title) in zip(header, titles) where !SqueueListing.knownColumns.contains(title) {
            problem("unknown-column", headerLine, word.column, "squeue prints no column titled '\(word.text)'")
        }
        let spans = ToolOutputText.headerSpans(header, lastIsOpenEnded: true)
        let lastIsFreeText = titles.last.map(SqueueListing.freeTextColumns.contains) ?? false
        var jobs: [SqueueListing.Job] = []
        var seen: [String: Int] = [:]
        for index in lines.indices.dropFirst(headerLine + 1) where !ToolOutputText.isBlank(lines[index]) {
            let line = lines[index]
            guard let cells = cells(line, titles: titles, spans: spans, lastIsFreeText: lastIsFreeText) else {
                problem("malformed", index, 1, "the row does not have the header's \(titles.count) columns (\(titles.joined(separator: " ")))")
                continue
            }
            // Room for every column at once: grown from empty, the table was rebuilt twice per row.
            var fields = [String: String](minimumCapacity: titles.count)
            for (title, cell) in zip(titles, cells) {
                fields[title] = cell.text
            }
            let jobID = fields["JOBID"] ?? ""
            let job = SqueueListing.Job(jobID: jobID, fields: fields, line: index)
            let column = { (title: String) in titles.firstIndex(of: title).map { cells[$0].column } ?? 1 }
            check(job, line: index, column: column)
            if let earlier = seen[jobID] {
                problem("duplicate-job", index, column("JOBID"), "job \(jobID) is listed twice (also on line \(earlier + 1))")
            }
            seen[jobID] = index
            jobs.append(job)
        }
        return ToolOutputResult(value: SqueueListing(columns: titles, jobs: jobs), problems: problems)
    }

    /// The row's cells, one per title: split on spaces when the count fits (the free-text last
    /// column takes the rest), else by the header's positions; nil when neither works.
    func cells(_ line: String, titles: [String], spans: [Range<Int>], lastIsFreeText: Bool) -> [ToolOutputText.Chunk]? {
        let tokens = ToolOutputText.chunks(line, minimumGap: 1)
        if tokens.count == titles.count { return tokens }
        let (assigned, stray) = ToolOutputText.assign(tokens, to: spans, in: line)
        if stray.isEmpty, assigned.allSatisfy({ $0 != nil }) {
            return assigned.compactMap { $0 }
        }
        if tokens.count > titles.count, lastIsFreeText {
            let characters = Array(line)
            let rest = tokens[(titles.count - 1)...]
            guard let first = rest.first, let last = rest.last else { return nil }
            let joined = ToolOutputText.Chunk(text: String(characters[first.start..<last.end]), start: first.start, end: last.end)
            return Array(tokens[..<(titles.count - 1)]) + [joined]
        }
        return nil
    }

    mutating func check(_ job: SqueueListing.Job, line: Int, column: (String) -> Int) {
        if !SlurmListingVocabulary.isJobID(job.jobID) {
            problem("bad-job-id", line, column("JOBID"), "'\(job.jobID)' is not a Slurm job id (e.g. 13456789, 13456790_1, 13456790_[5-12%4])")
        }
        if let code = job.fields["ST"], !SlurmListingVocabulary.stateCodes.contains(code) {
            problem("bad-state", line, column("ST"), "'\(code)' is not a Slurm state code (R, PD, CG, CD, F, CA, TO, OOM, ...)")
        }
        if let name = job.fields["STATE"], !SlurmListingVocabulary.stateNames.contains(name) {
            problem("bad-state", line, column("STATE"), "'\(name)' is not a Slurm job state (RUNNING, PENDING, COMPLETING, ...)")
        }
        for title in ["TIME", "TIME_LEFT", "TIME_LIMIT"] {
            guard let value = job.fields[title] else { continue }
            let special = title != "TIME" && ["UNLIMITED", "INVALID", "NOT_SET", "N/A"].contains(value)
            if !special, ToolOutputText.slurmDuration(value) == nil {
                problem("bad-time", line, column(title),
                        "\(title) '\(value)' is not a Slurm time (M:SS, H:MM:SS or D-HH:MM:SS, e.g. 41:12)")
            }
        }
        for title in ["NODES", "CPUS"] {
            guard let value = job.fields[title] else { continue }
            if !ToolOutputText.isDigits(value) || Int(value) == 0 {
                problem("malformed", line, column(title), "\(title) is '\(value)'; it should be a positive whole number")
            }
        }
        let state = job.state.map { Self.code(for: $0) }
        if state == "PD", let time = job.time, let seconds = ToolOutputText.slurmDuration(time), seconds > 0 {
            problem("pending-with-time", line, column("TIME"), "pending job \(job.jobID) shows run time \(time); a pending job has not run (0:00)")
        }
        if let placement = job.fields["NODELIST(REASON)"] {
            let isReason = placement.hasPrefix("(") && placement.hasSuffix(")")
            if state == "PD", !isReason {
                problem("pending-with-nodes", line, column("NODELIST(REASON)"),
                        "pending job \(job.jobID) shows nodes '\(placement)'; a pending job shows its reason in parentheses, e.g. (Priority)")
            }
            if state == "R", isReason {
                problem("running-without-nodes", line, column("NODELIST(REASON)"),
                        "running job \(job.jobID) shows '\(placement)' instead of the nodes it runs on")
            }
        }
        if let time = job.time.flatMap({ ToolOutputText.slurmDuration($0) }),
           let limitText = job.fields["TIME_LIMIT"], let limit = ToolOutputText.slurmDuration(limitText), time > limit {
            problem("over-time-limit", line, column("TIME"), "job \(job.jobID) has run \(job.time ?? "") but its limit is \(limitText)")
        }
    }

    /// The short code of a state given as a code or a name.
    static func code(for state: String) -> String {
        switch state {
        case "PENDING": "PD"
        case "RUNNING": "R"
        case "COMPLETING": "CG"
        default: state
        }
    }
}
