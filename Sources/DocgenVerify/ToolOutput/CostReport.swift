/// The output of NRIS's `cost`: the CPU-hour (billing-unit-hour) quota of each project for the
/// allocation period, and with `--details` what each member used.
///
/// ```text
/// Allocation period 2026.1 (2026-04-01 - 2026-10-01)
/// Accounting updated 2026-06-15 09:12:44
/// ============================================
/// Account                            Cpu hours
/// --------------------------------------------
/// nn5019k          Quota (pri)        40000.00
/// nn5019k          Quota (nonpri)         0.00
/// nn5019k          Used               11873.42
/// nn5019k          Running               72.00
/// nn5019k          Pending                0.00
/// nn5019k          Available          28054.58
/// ============================================
/// ```
public struct CostReport: Sendable, Hashable {
    /// One project's figures.
    public struct Account: Sendable, Hashable {
        /// The project, e.g. `nn5019k`.
        public var project: String
        /// `Quota (pri)`.
        public var quotaPriority: Double?
        /// `Quota (nonpri)`.
        public var quotaNonPriority: Double?
        /// `Used`: what finished jobs used.
        public var used: Double?
        /// `Running`: reserved for running jobs.
        public var running: Double?
        /// `Pending`: asked for by queued jobs.
        public var pending: Double?
        /// `Available`: what is left for new jobs.
        public var available: Double?
        /// The 0-based line of the project's first row.
        public var line: Int

        /// The whole quota: priority plus non-priority hours.
        public var quota: Double { (quotaPriority ?? 0) + (quotaNonPriority ?? 0) }

        /// What is left (`Available`).
        public var remaining: Double? { available }

        /// What `Available` should be: the quota minus used, running and pending hours.
        public var expectedAvailable: Double { quota - (used ?? 0) - (running ?? 0) - (pending ?? 0) }
    }

    /// One member's use (`cost --details`).
    public struct UserUsage: Sendable, Hashable {
        /// The project.
        public var project: String
        /// The user name.
        public var user: String
        /// Hours used.
        public var used: Double
        /// The 0-based line.
        public var line: Int
    }

    /// The period, e.g. `2026.1`.
    public var period: String?
    /// The period's first day, e.g. `2026-04-01`.
    public var periodStart: String?
    /// The day after the period, e.g. `2026-10-01`.
    public var periodEnd: String?
    /// When the accounting was last updated, e.g. `2026-06-15 09:12:44`.
    public var updated: String?
    /// The unit column's title, e.g. `Cpu hours`.
    public var unit: String
    /// The projects in order.
    public var accounts: [Account]
    /// Per-user rows from `cost --details`.
    public var users: [UserUsage]

    /// Parses `cost` output and checks that its numbers add up.
    public static func parse(_ text: String) -> ToolOutputResult<CostReport> {
        var parser = CostParser(text: text)
        return parser.run()
    }
}

private struct CostParser {
    let lines: [String]
    var problems: [ToolOutputProblem] = []
    /// Project names already checked, so a bad name is reported once.
    var reportedNames: Set<String> = []

    /// The row names `cost` prints.
    static let categories: Set<String> = ["Quota (pri)", "Quota (nonpri)", "Quota", "Used", "Running", "Pending", "Available"]

    /// Sets the field a row sets.
    static func set(_ category: String, _ value: Double, in account: inout CostReport.Account) {
        switch category {
        case "Quota (pri)", "Quota": account.quotaPriority = value
        case "Quota (nonpri)": account.quotaNonPriority = value
        case "Used": account.used = value
        case "Running": account.running = value
        case "Pending": account.pending = value
        default: account.available = value
        }
    }

    /// Rounding of the printed values (two decimals each) may add up to this much.
    static let tolerance = 0.03

    init(text: String) {
        lines = ToolOutputText.lines(text)
    }

    mutating func problem(_ kind: String, _ line: Int, _ column: Int, _ message: String) {
        problems.append(ToolOutputProblem(id: "parse.cost.\(kind)", line: line, column: column, message: message))
    }

    mutating func run() -> ToolOutputResult<CostReport> {
        var report = CostReport(unit: "Cpu hours", accounts: [], users: [])
        var sawHeader = false
        var inDetails = false
        var seenCategories: [String: [String: Int]] = [:]
        var accountRows: [String: [String: (line: Int, column: Int)]] = [:]
        var updatedLine = 0
        for (index, line) in lines.enumerated() {
            let trimmed = TranscriptStrings.trimmed(line)
            if trimmed.isEmpty || trimmed.allSatisfy({ $0 == "=" }) || trimmed.allSatisfy({ $0 == "-" }) { continue }
            let tokens = ToolOutputText.chunks(line, minimumGap: 1)
            if trimmed.hasPrefix("Allocation period ") {
                readPeriod(trimmed, line: index, into: &report)
                continue
            }
            if trimmed.hasPrefix("Accounting updated ") {
                let stamp = String(trimmed.dropFirst("Accounting updated ".count))
                if Self.isTimestamp(stamp) {
                    report.updated = stamp
                    updatedLine = index
                } else {
                    problem("malformed", index, 20, "'\(stamp)' is not a time as cost prints it (YYYY-MM-DD HH:MM:SS)")
                }
                continue
            }
            if tokens.first?.text == "Account" {
                let title = tokens.dropFirst().map(\.text).joined(separator: " ")
                if tokens.count > 1, tokens[1].text == "User" {
                    inDetails = true
                } else if title.lowercased().hasSuffix("hours") {
                    report.unit = title
                    sawHeader = true
                    inDetails = false
                } else {
                    problem("malformed", index, 1, "unknown cost header '\(trimmed)'")
                }
                continue
            }
            guard tokens.count >= 3, let last = tokens.last, let first = tokens.first else {
                problem("unexpected-line", index, 1, "'\(trimmed.prefix(40))' is not part of cost output")
                continue
            }
            guard let value = ToolOutputText.decimal(last.text, allowsNegative: true) else {
                problem("malformed", index, last.column, "'\(last.text)' is not a number of hours as cost prints it (e.g. 40000.00)")
                continue
            }
            let project = first.text
            checkProjectName(project, line: index)
            if inDetails {
                guard tokens.count == 3 else {
                    problem("malformed", index, 1, "a --details row is 'project user hours'")
                    continue
                }
                if value < 0 {
                    problem("negative", index, last.column, "\(tokens[1].text) used \(last.text) hours; hours used cannot be negative")
                }
                report.users.append(CostReport.UserUsage(project: project, user: tokens[1].text, used: value, line: index))
                continue
            }
            let category = tokens.dropFirst().dropLast().map(\.text).joined(separator: " ")
            guard Self.categories.contains(category) else {
                problem("malformed", index, tokens[1].column,
                        "unknown cost row '\(category)'; cost prints Quota (pri), Quota (nonpri), Used, Running, Pending and Available")
                continue
            }
            if value < 0, category != "Available" {
                problem("negative", index, last.column, "\(category) is \(last.text); only Available can be negative")
            }
            let accountIndex: Int
            if let existing = report.accounts.lastIndex(where: { $0.project == project }) {
                accountIndex = existing
            } else {
                report.accounts.append(CostReport.Account(project: project, line: index))
                accountIndex = report.accounts.count - 1
            }
            if let earlier = seenCategories[project]?[category] {
                problem("duplicate-row", index, tokens[1].column, "\(project) has two '\(category)' rows (also line \(earlier + 1))")
                continue
            }
            seenCategories[project, default: [:]][category] = index
            accountRows[project, default: [:]][category] = (index, last.column)
            Self.set(category, value, in: &report.accounts[accountIndex])
        }
        guard !report.accounts.isEmpty else {
            // Nothing here is cost output: one problem says so instead of one per line.
            problems.removeAll()
            problem("not-cost", 0, 1, "this is not cost output: there are no 'PROJECT  Quota (pri)  HOURS' rows")
            return ToolOutputResult(value: nil, problems: problems)
        }
        if !sawHeader {
            problem("malformed", report.accounts[0].line, 1, "the 'Account  Cpu hours' header is missing")
        }
        for account in report.accounts {
            check(account, rows: accountRows[account.project] ?? [:])
        }
        if let updated = report.updated?.prefix(10), let start = report.periodStart, let end = report.periodEnd,
           updated < start || updated > end {
            problem("updated-outside-period", updatedLine, 20, "the accounting was updated on \(updated), outside the period \(start) to \(end)")
        }
        let projects = Set(report.accounts.map(\.project))
        for user in report.users where !projects.contains(user.project) {
            problem("unknown-project", user.line, 1, "\(user.user)'s row names \(user.project), which has no quota rows above")
        }
        problems.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return ToolOutputResult(value: report, problems: problems)
    }

    mutating func check(_ account: CostReport.Account, rows: [String: (line: Int, column: Int)]) {
        let required = ["Used", "Available"]
        for name in required where rows[name] == nil {
            problem("missing-row", account.line, 1, "\(account.project) has no '\(name)' row")
        }
        if rows["Quota (pri)"] == nil, rows["Quota"] == nil {
            problem("missing-row", account.line, 1, "\(account.project) has no 'Quota (pri)' row")
        }
        guard let used = account.used, let available = account.available, let place = rows["Available"] else { return }
        let quota = account.quota
        let hours = ToolOutputText.hours
        if used > quota + Self.tolerance, available > 0 {
            problem("over-quota", place.line, place.column,
                    "\(account.project) used \(hours(used)) of a quota of \(hours(quota)) hours, yet shows \(hours(available)) available")
            return
        }
        let expected = account.expectedAvailable
        if abs(available - expected) > Self.tolerance {
            problem("arithmetic", place.line, place.column,
                    "\(account.project): Available is \(hours(available)) but quota \(hours(quota)) − used \(hours(used)) − running \(hours(account.running ?? 0)) − pending \(hours(account.pending ?? 0)) = \(hours(expected))")
        }
    }

    mutating func checkProjectName(_ project: String, line: Int) {
        guard !reportedNames.contains(project) else { return }
        reportedNames.insert(project)
        if ProjectList.kind(of: project) == nil {
            let message = ProjectList.isPlaceholder(project)
                ? "'\(project)' is a placeholder, not a project name as cost prints it"
                : "'\(project)' is not an NRIS project name (nn, four digits, a letter, e.g. nn5019k)"
            problem("project-name", line, 1, message)
        }
    }

    /// `Allocation period 2026.1 (2026-04-01 - 2026-10-01)`.
    mutating func readPeriod(_ text: String, line: Int, into report: inout CostReport) {
        let rest = text.dropFirst("Allocation period ".count)
        let parts = rest.split(separator: " ")
        guard parts.count == 4, parts[1].hasPrefix("("), parts[2] == "-", parts[3].hasSuffix(")") else {
            problem("malformed", line, 1, "'\(text)' is not 'Allocation period YYYY.N (YYYY-MM-DD - YYYY-MM-DD)'")
            return
        }
        let period = String(parts[0])
        let start = String(parts[1].dropFirst())
        let end = String(parts[3].dropLast())
        guard Self.isDate(start), Self.isDate(end) else {
            problem("malformed", line, 1, "the period's dates are not YYYY-MM-DD")
            return
        }
        report.period = period
        report.periodStart = start
        report.periodEnd = end
        let yearAndHalf = period.split(separator: ".")
        guard yearAndHalf.count == 2, let year = Int(yearAndHalf[0]), yearAndHalf[0].count == 4, ["1", "2"].contains(yearAndHalf[1]) else {
            problem("malformed", line, 19, "'\(period)' is not an allocation period (YYYY.1 for April to September, YYYY.2 for October to March)")
            return
        }
        let expected = yearAndHalf[1] == "1" ? ("\(year)-04-01", "\(year)-10-01") : ("\(year)-10-01", "\(year + 1)-04-01")
        if (start, end) != expected {
            problem("period-mismatch", line, 19,
                    "period \(period) runs from \(expected.0) to \(expected.1), not from \(start) to \(end)")
        }
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy(ToolOutputText.isDigits), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    static func isTimestamp(_ text: String) -> Bool {
        let parts = text.split(separator: " ")
        guard parts.count == 2, isDate(String(parts[0])) else { return false }
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 3, time.allSatisfy({ $0.count == 2 && ToolOutputText.isDigits($0) }),
              let hours = Int(time[0]), let minutes = Int(time[1]), let seconds = Int(time[2]) else { return false }
        return hours < 24 && minutes < 60 && seconds < 60
    }
}
