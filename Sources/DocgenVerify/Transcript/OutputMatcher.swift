import Foundation

/// How expected output is compared with actual output (the block's `match=` attribute).
public enum OutputMatchMode: String, Sendable, Hashable, CaseIterable {
    /// Line by line, in order (the default).
    case exact
    /// The same lines in any order (a multiset); `...` allows extra lines.
    case unordered
    /// Line by line, comparing cells split on `|` or runs of two or more spaces, so re-aligned
    /// columns still match.
    case table
}

/// One line of a comparison: an expected line, an actual line, or both when they match.
public struct OutputDiffLine: Sendable, Hashable {
    /// What the line is.
    public enum Kind: String, Sendable, Hashable {
        /// An expected line that matched (shown with ` `).
        case context
        /// An expected line with no actual line to match (shown with `-`).
        case expected
        /// An actual line no expected line matched (shown with `+`).
        case actual
    }

    /// What the line is.
    public var kind: Kind
    /// The text: the expected line for `context` and `expected`, the actual line for `actual`.
    public var text: String
    /// The expected line's index as given to the matcher (0-based position, or the block line of a
    /// ``TranscriptLine``); nil for `actual`.
    public var expectedIndex: Int?
    /// The 0-based position of the actual line, when there is one.
    public var actualIndex: Int?

    /// Creates a diff line.
    public init(kind: Kind, text: String, expectedIndex: Int? = nil, actualIndex: Int? = nil) {
        self.kind = kind
        self.text = text
        self.expectedIndex = expectedIndex
        self.actualIndex = actualIndex
    }
}

/// An expected line that cannot be used as written (an invalid ` (re)` expression).
public struct OutputPatternProblem: Sendable, Hashable {
    /// The expected line's index, as in ``OutputDiffLine/expectedIndex``.
    public var expectedIndex: Int
    /// What is wrong.
    public var message: String

    /// Creates a problem.
    public init(expectedIndex: Int, message: String) {
        self.expectedIndex = expectedIndex
        self.message = message
    }
}

/// The result of comparing expected with actual output.
public struct OutputMatchResult: Sendable, Hashable {
    /// Whether the actual output matches.
    public var isMatch: Bool
    /// Every line of the comparison in order (matched lines as context); empty lines absorbed by
    /// `...` are left out.
    public var lines: [OutputDiffLine]
    /// Expected lines that cannot be used as written.
    public var problems: [OutputPatternProblem]

    /// Creates a result.
    public init(isMatch: Bool, lines: [OutputDiffLine], problems: [OutputPatternProblem] = []) {
        self.isMatch = isMatch
        self.lines = lines
        self.problems = problems
    }

    /// The differences as unified-diff-like text: `-` expected, `+` actual, ` ` context, each
    /// expected line numbered with `lineNumber(expectedIndex)`; empty when the output matches.
    ///
    /// ```text
    /// @@ -31,2 +5,2 @@
    ///   31 |  /cluster/home/bencretois       4.8 GiB ...
    /// - 32 | /cluster/projects/nn5019k     212.7 GiB ...
    /// +    | /cluster/projects/nn5019k     213.0 GiB ...
    /// ```
    public func diffText(context: Int = 2, lineNumber: (Int) -> Int = { $0 + 1 }) -> String {
        guard !isMatch else { return "" }
        let changed = lines.indices.filter { lines[$0].kind != .context }
        guard !changed.isEmpty else { return "" }
        // Group changes into hunks with `context` lines around them.
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(lines.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        let numbers = lines.compactMap { $0.expectedIndex.map(lineNumber) }
        let width = max(1, numbers.map { String($0).count }.max() ?? 1)
        var text: [String] = []
        for hunk in hunks {
            let slice = lines[hunk]
            let expected = slice.filter { $0.kind != .actual }
            let actual = slice.filter { $0.kind != .expected }
            let expectedStart = expected.first?.expectedIndex.map(lineNumber)
                ?? lines[..<hunk.lowerBound].last(where: { $0.expectedIndex != nil })?.expectedIndex.map(lineNumber) ?? 0
            let actualStart = (actual.first?.actualIndex).map { $0 + 1 }
                ?? (lines[..<hunk.lowerBound].last(where: { $0.actualIndex != nil })?.actualIndex).map { $0 + 1 } ?? 0
            text.append("@@ -\(expectedStart),\(expected.count) +\(actualStart),\(actual.count) @@")
            for line in slice {
                let marker = switch line.kind {
                case .context: " "
                case .expected: "-"
                case .actual: "+"
                }
                let number = line.kind == .actual ? "" : line.expectedIndex.map { String(lineNumber($0)) } ?? ""
                let padded = String(repeating: " ", count: max(0, width - number.count)) + number
                text.append("\(marker) \(padded) | \(line.text)")
            }
        }
        return text.joined(separator: "\n")
    }

    /// ``diffText(context:lineNumber:)`` with 1-based positions in the expected lines.
    public var diffText: String {
        diffText()
    }
}

/// Compares the output a page expects with the output a command printed.
///
/// Both sides are normalised first (see ``OutputNormalizer``). Then lines must be equal, except:
/// `...` alone on a line matches any number of lines (none included), `[..]` matches any text
/// within a line, and a line ending ` (re)` is an anchored regular expression. Lines are aligned
/// with a longest-common-subsequence search, so `...` works at the start, in the middle and at the
/// end, and the diff shows only the lines that differ.
public struct OutputMatcher: Sendable {
    /// How lines are compared.
    public var mode: OutputMatchMode
    /// Placeholders for the actual side, e.g. `["[HOME]": "/tmp/x/home", "[CWD]": "/tmp/x/home/work"]`.
    public var substitutions: [String: String]

    /// Creates a matcher.
    public init(mode: OutputMatchMode = .exact, substitutions: [String: String] = [:]) {
        self.mode = mode
        self.substitutions = substitutions
    }

    /// Compares expected lines (indices 0, 1, ...) with actual output.
    public func match(expected: [String], actual: String) -> OutputMatchResult {
        match(expected: expected, indices: Array(expected.indices), actual: actual)
    }

    /// Compares a transcript command's expected lines (indices are their block lines) with actual output.
    public func match(expected: [TranscriptLine], actual: String) -> OutputMatchResult {
        match(expected: expected.map(\.text), indices: expected.map(\.line), actual: actual)
    }

    /// Compares expected lines carrying the given indices with actual output.
    public func match(expected: [String], indices: [Int], actual: String) -> OutputMatchResult {
        let comparison = OutputComparison(expected: expected, actual: actual, mode: mode, substitutions: substitutions)
        let indexOf = { (position: Int) in position < indices.count ? indices[position] : position }
        let lines = comparison.steps.map { step -> OutputDiffLine in
            switch step {
            case .matched(let e, _), .anyLines(let e):
                return OutputDiffLine(kind: .context, text: comparison.expected[e], expectedIndex: indexOf(e), actualIndex: step.actualIndex)
            case .expectedOnly(let e):
                return OutputDiffLine(kind: .expected, text: comparison.expected[e], expectedIndex: indexOf(e))
            case .actualOnly(let a):
                return OutputDiffLine(kind: .actual, text: comparison.actual[a], actualIndex: a)
            }
        }
        let problems = comparison.patterns.enumerated().compactMap { position, pattern -> OutputPatternProblem? in
            if case .invalidRegex(let message) = pattern.kind {
                return OutputPatternProblem(expectedIndex: indexOf(position), message: message)
            }
            return nil
        }
        return OutputMatchResult(isMatch: comparison.isMatch, lines: lines, problems: problems)
    }

    /// The expected lines rewritten so they match `actual`: lines that already match are kept as
    /// written (`...`, `[..]` and ` (re)` lines included), lines with no match are removed, and
    /// actual lines nothing matched are inserted where they belong. Returns `expected` unchanged
    /// when it already matches. Trailing blank lines are dropped.
    public static func bless(
        expected: [String], actual: String, mode: OutputMatchMode = .exact, substitutions: [String: String] = [:]
    ) -> [String] {
        let comparison = OutputComparison(expected: expected, actual: actual, mode: mode, substitutions: substitutions)
        if comparison.isMatch { return expected }
        // In order: the alignment's order. Unordered: expected order, then the extra actual lines.
        var result: [String] = []
        for step in comparison.steps {
            switch step {
            case .matched(let e, _), .anyLines(let e):
                result.append(expected[e])
            case .expectedOnly:
                break
            case .actualOnly(let a):
                result.append(escapeForExpected(comparison.actual[a]))
            }
        }
        while let last = result.last, last.allSatisfy(\.isWhitespace) { result.removeLast() }
        return result
    }

    /// An actual line written as an expected line that matches it: a line that would be read as a
    /// regular expression is written as one that matches it literally.
    static func escapeForExpected(_ line: String) -> String {
        guard line.hasSuffix(OutputLinePattern.regexSuffix) else { return line }
        return NSRegularExpression.escapedPattern(for: line) + OutputLinePattern.regexSuffix
    }
}

/// The alignment of expected patterns with actual lines.
struct OutputComparison {
    enum Step: Equatable {
        case matched(Int, Int)
        case anyLines(Int)
        case expectedOnly(Int)
        case actualOnly(Int)

        var actualIndex: Int? {
            if case .matched(_, let a) = self { a } else if case .actualOnly(let a) = self { a } else { nil }
        }
    }

    /// Expected lines after normalisation (same count as given, trailing blank lines dropped).
    let expected: [String]
    let actual: [String]
    let patterns: [OutputLinePattern]
    private(set) var steps: [Step] = []
    private(set) var isMatch = false

    /// Above this many cells the middle of the alignment is not searched line by line.
    static let alignmentCellLimit = 16_000_000

    init(expected rawExpected: [String], actual rawActual: String, mode: OutputMatchMode, substitutions: [String: String]) {
        expected = OutputNormalizer.normalizeLines(rawExpected)
        actual = OutputNormalizer.lines(rawActual, substitutions: substitutions)
        let table = mode == .table
        patterns = expected.map { OutputLinePattern($0, table: table) }
        let actualCells = table ? actual.map(OutputTableCells.split) : nil
        let patterns = patterns
        let actual = actual
        let equal = { (e: Int, a: Int) -> Bool in
            patterns[e].matches(actual[a], cells: actualCells?[a])
        }
        switch mode {
        case .exact, .table:
            align(equal: equal)
        case .unordered:
            matchUnordered(equal: equal)
        }
    }

    // MARK: - In order

    private mutating func align(equal: (Int, Int) -> Bool) {
        let m = patterns.count
        let n = actual.count
        // Trim the ends that match line for line (no `...` there), then align the middle.
        var head = 0
        while head < m, head < n, !patterns[head].isAnyLines, equal(head, head) { head += 1 }
        var tail = 0
        while tail < m - head, tail < n - head, !patterns[m - 1 - tail].isAnyLines, equal(m - 1 - tail, n - 1 - tail) {
            tail += 1
        }
        var steps = (0..<head).map { Step.matched($0, $0) }
        let middle = alignMiddle(expected: head..<(m - tail), actual: head..<(n - tail), equal: equal)
        steps += middle
        steps += (0..<tail).map { Step.matched(m - tail + $0, n - tail + $0) }
        self.steps = steps
        isMatch = !steps.contains { if case .expectedOnly = $0 { true } else if case .actualOnly = $0 { true } else { false } }
    }

    /// Minimum-edit alignment: matching lines cost 0, `...` absorbs actual lines for free, and an
    /// unmatched expected line, an unmatched actual line or a replaced line costs 1. Where costs tie,
    /// a match wins, then `...` hands over to the next line as early as possible, then a
    /// replacement; runs of changes list the expected lines before the actual ones.
    private func alignMiddle(expected e: Range<Int>, actual a: Range<Int>, equal: (Int, Int) -> Bool) -> [Step] {
        let m = e.count
        let n = a.count
        if m == 0 { return a.map { .actualOnly($0) } }
        if (m + 1) * (n + 1) > Self.alignmentCellLimit {
            return coarseAlignment(expected: e, actual: a)
        }
        let width = n + 1
        var cost = [Int32](repeating: 0, count: (m + 1) * width)
        var matches = [Bool](repeating: false, count: (m + 1) * width)
        for j in 0...n { cost[m * width + j] = Int32(n - j) }
        for i in stride(from: m - 1, through: 0, by: -1) {
            let pattern = patterns[e.lowerBound + i]
            for j in stride(from: n, through: 0, by: -1) {
                let here = i * width + j
                let below = (i + 1) * width + j
                if pattern.isAnyLines {
                    cost[here] = j < n ? min(cost[below], cost[here + 1]) : cost[below]
                    continue
                }
                var best = 1 + cost[below]
                if j < n {
                    best = min(best, 1 + cost[here + 1], 1 + cost[below + 1])
                    if equal(e.lowerBound + i, a.lowerBound + j) {
                        matches[here] = true
                        best = min(best, cost[below + 1])
                    }
                }
                cost[here] = best
            }
        }
        var steps: [Step] = []
        var removed: [Step] = []
        var added: [Step] = []
        func flushChanges() {
            steps += removed + added
            removed.removeAll()
            added.removeAll()
        }
        var i = 0
        var j = 0
        while i < m || j < n {
            let here = i * width + j
            let below = (i + 1) * width + j
            if i == m {
                added.append(.actualOnly(a.lowerBound + j))
                j += 1
                continue
            }
            if patterns[e.lowerBound + i].isAnyLines {
                if cost[below] == cost[here] {
                    flushChanges()
                    steps.append(.anyLines(e.lowerBound + i))
                    i += 1
                } else {
                    j += 1
                }
                continue
            }
            if j < n, matches[here], cost[here] == cost[below + 1] {
                flushChanges()
                steps.append(.matched(e.lowerBound + i, a.lowerBound + j))
                i += 1
                j += 1
            } else if j < n, cost[here] == 1 + cost[below + 1] {
                removed.append(.expectedOnly(e.lowerBound + i))
                added.append(.actualOnly(a.lowerBound + j))
                i += 1
                j += 1
            } else if cost[here] == 1 + cost[below] {
                removed.append(.expectedOnly(e.lowerBound + i))
                i += 1
            } else {
                added.append(.actualOnly(a.lowerBound + j))
                j += 1
            }
        }
        flushChanges()
        return steps
    }

    /// For outputs too large to align line by line: `...` lines absorb everything, other lines
    /// are reported as differing.
    private func coarseAlignment(expected e: Range<Int>, actual a: Range<Int>) -> [Step] {
        let patternsHere = e.map { patterns[$0] }
        if patternsHere.contains(where: \.isAnyLines), patternsHere.allSatisfy(\.isAnyLines) {
            return e.map { .anyLines($0) }
        }
        return e.map { patterns[$0].isAnyLines ? .anyLines($0) : .expectedOnly($0) } + a.map { .actualOnly($0) }
    }

    // MARK: - Unordered

    /// A maximum bipartite matching of expected patterns to actual lines (Kuhn's algorithm), so
    /// wildcard lines cannot steal the line a literal line needs.
    private mutating func matchUnordered(equal: (Int, Int) -> Bool) {
        let allowsExtra = patterns.contains(where: \.isAnyLines)
        let lineIndices = patterns.indices.filter { !patterns[$0].isAnyLines }
        var candidates: [Int: [Int]] = [:]
        for e in lineIndices {
            candidates[e] = actual.indices.filter { equal(e, $0) }
        }
        // Literal lines first: fewer candidates first keeps the search short.
        let order = lineIndices.sorted { (candidates[$0]?.count ?? 0, $0) < (candidates[$1]?.count ?? 0, $1) }
        var owner = [Int?](repeating: nil, count: actual.count)
        func augment(_ e: Int, _ visited: inout [Bool]) -> Bool {
            for a in candidates[e] ?? [] where !visited[a] {
                visited[a] = true
                if let current = owner[a] {
                    if augment(current, &visited) {
                        owner[a] = e
                        return true
                    }
                } else {
                    owner[a] = e
                    return true
                }
            }
            return false
        }
        for e in order {
            var visited = [Bool](repeating: false, count: actual.count)
            _ = augment(e, &visited)
        }
        var partner = [Int?](repeating: nil, count: patterns.count)
        for (a, e) in owner.enumerated() {
            if let e { partner[e] = a }
        }
        var steps: [Step] = []
        for e in patterns.indices {
            if patterns[e].isAnyLines {
                steps.append(.anyLines(e))
            } else if let a = partner[e] {
                steps.append(.matched(e, a))
            } else {
                steps.append(.expectedOnly(e))
            }
        }
        let extra = actual.indices.filter { owner[$0] == nil }
        if !allowsExtra {
            steps += extra.map { .actualOnly($0) }
        }
        self.steps = steps
        isMatch = partner.enumerated().allSatisfy { patterns[$0.offset].isAnyLines || $0.element != nil }
            && (allowsExtra || extra.isEmpty)
    }
}
