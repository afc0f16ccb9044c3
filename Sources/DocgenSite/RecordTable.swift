import DocgenCore

/// A build record's diagnostics and block reports as one table of distinct strings and one flat
/// list of integers. Decoding them as JSON objects took half a second of a 10,000-page no-op
/// rebuild (every diagnostic an object of nested objects, its file name and message spelled out
/// again each time); numbers into a table of strings decode several times faster and take a
/// fraction of the space.
///
/// A diagnostic is eight numbers: id, severity, file, line, column, message, fix-it message and
/// fix-it replacement (string numbers; -1 for none). A block report is its location's file, line
/// and column, its kind, its outcome (0 passed, 1 failed, 2 skipped), the skip reason (-1 for
/// none), whether it was cached (0 or 1), how many diagnostics follow, then those diagnostics.
struct RecordTable: Codable, Sendable, Equatable {
    /// Every distinct string, numbered by position.
    var strings: [String] = []
    /// The diagnostics, eight numbers each.
    var diagnostics: [Int] = []
    /// The block reports, each with its own diagnostics.
    var blocks: [Int] = []

    /// Thrown when the numbers do not describe diagnostics and reports (a damaged record).
    struct Damaged: Error {}

    /// The table of `diagnostics` and `blocks`.
    init(diagnostics: [Diagnostic], blocks: [BlockReport]) {
        var numbers: [String: Int] = [:]
        var strings: [String] = []
        func number(_ text: String) -> Int {
            if let known = numbers[text] { return known }
            numbers[text] = strings.count
            strings.append(text)
            return strings.count - 1
        }
        func append(_ diagnostic: Diagnostic, to list: inout [Int]) {
            list += [
                number(diagnostic.id), Self.code(of: diagnostic.severity), number(diagnostic.location.file),
                diagnostic.location.line, diagnostic.location.column, number(diagnostic.message),
                diagnostic.fixIt.map { number($0.message) } ?? -1, diagnostic.fixIt?.replacement.map(number) ?? -1,
            ]
        }
        var diagnosticNumbers: [Int] = []
        diagnosticNumbers.reserveCapacity(diagnostics.count * 8)
        for diagnostic in diagnostics { append(diagnostic, to: &diagnosticNumbers) }
        var blockNumbers: [Int] = []
        blockNumbers.reserveCapacity(blocks.count * 8)
        for block in blocks {
            let (outcome, reason): (Int, Int)
            switch block.outcome {
            case .passed: (outcome, reason) = (0, -1)
            case .failed: (outcome, reason) = (1, -1)
            case .skipped(let text): (outcome, reason) = (2, number(text))
            }
            blockNumbers += [
                number(block.location.file), block.location.line, block.location.column, number(block.kind),
                outcome, reason, block.cached ? 1 : 0, block.diagnostics.count,
            ]
            for diagnostic in block.diagnostics { append(diagnostic, to: &blockNumbers) }
        }
        self.strings = strings
        self.diagnostics = diagnosticNumbers
        self.blocks = blockNumbers
    }

    /// The diagnostics and block reports the table was made from.
    func decoded() throws -> (diagnostics: [Diagnostic], blocks: [BlockReport]) {
        var diagnosticList: [Diagnostic] = []
        var position = 0
        while position < diagnostics.count {
            diagnosticList.append(try diagnostic(in: diagnostics, at: &position))
        }
        var blockList: [BlockReport] = []
        position = 0
        while position < blocks.count {
            guard position + 8 <= blocks.count else { throw Damaged() }
            let location = SourceLocation(file: try string(blocks[position]), line: blocks[position + 1], column: blocks[position + 2])
            let kind = try string(blocks[position + 3])
            let outcome: BlockReport.Outcome
            switch blocks[position + 4] {
            case 0: outcome = .passed
            case 1: outcome = .failed
            case 2: outcome = .skipped(reason: try string(blocks[position + 5]))
            default: throw Damaged()
            }
            let cached = blocks[position + 6] == 1
            let count = blocks[position + 7]
            guard count >= 0 else { throw Damaged() }
            position += 8
            var own: [Diagnostic] = []
            for _ in 0..<count { own.append(try diagnostic(in: blocks, at: &position)) }
            blockList.append(BlockReport(location: location, kind: kind, outcome: outcome, cached: cached, diagnostics: own))
        }
        return (diagnosticList, blockList)
    }

    private func diagnostic(in list: [Int], at position: inout Int) throws -> Diagnostic {
        guard position + 8 <= list.count else { throw Damaged() }
        let fields = list[position..<(position + 8)]
        position += 8
        let base = fields.startIndex
        let fixIt = fields[base + 6] < 0 ? nil
            : Diagnostic.FixIt(try string(fields[base + 6]), replacement: fields[base + 7] < 0 ? nil : try string(fields[base + 7]))
        return Diagnostic(
            id: try string(fields[base]), severity: try Self.severity(fields[base + 1]),
            location: SourceLocation(file: try string(fields[base + 2]), line: fields[base + 3], column: fields[base + 4]),
            message: try string(fields[base + 5]), fixIt: fixIt)
    }

    private func string(_ number: Int) throws -> String {
        guard strings.indices.contains(number) else { throw Damaged() }
        return strings[number]
    }

    private static func code(of severity: Diagnostic.Severity) -> Int {
        switch severity {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    private static func severity(_ code: Int) throws -> Diagnostic.Severity {
        switch code {
        case 0: .note
        case 1: .warning
        case 2: .error
        default: throw Damaged()
        }
    }
}
