import DocgenCore
@testable import DocgenSite
import Foundation
import Testing

/// The build record keeps diagnostics and block reports as a table of strings and numbers; a
/// no-op rebuild reports exactly what the build it skips reported, so the table must give back
/// exactly what went in, and a damaged one must be refused (the build then runs in full).
@Suite("build record table")
struct RecordTableTests {
    static let diagnostics: [Diagnostic] = [
        Diagnostic(id: "verify.no-cluster", severity: .note, location: SourceLocation(file: "docs/a.md", line: 24, column: 4), message: "no cluster=... given", fixIt: .init("add cluster=saga")),
        .warning("heading.empty-section", "section 'Ünïcode – “quotes”' has no content", at: SourceLocation(file: "docs/ö/b.md", line: 1, column: 1)),
        .error("link.anchor-missing", "anchor '#x' does not exist", at: SourceLocation(file: "docs/a.md", line: 3, column: 9), fixIt: .init("link to '#y'", replacement: "#y")),
        Diagnostic(id: "verify.no-cluster", severity: .note, location: SourceLocation(file: "docs/c.md", line: 0, column: 0), message: "no cluster=... given", fixIt: .init("", replacement: "")),
    ]

    static let blocks: [BlockReport] = [
        BlockReport(location: SourceLocation(file: "docs/a.md", line: 24, column: 4), kind: "sbatch", outcome: .passed, cached: true, diagnostics: [diagnostics[0]]),
        BlockReport(location: SourceLocation(file: "docs/a.md", line: 40, column: 1), kind: "transcript", outcome: .failed, cached: false, diagnostics: [diagnostics[2], diagnostics[1]]),
        BlockReport(location: SourceLocation(file: "docs/b.md", line: 7, column: 2), kind: "run", outcome: .skipped(reason: "needs a real cluster"), cached: false, diagnostics: []),
    ]

    @Test("diagnostics and block reports come back exactly")
    func roundTrip() throws {
        let table = RecordTable(diagnostics: Self.diagnostics, blocks: Self.blocks)
        let decoded = try table.decoded()
        #expect(decoded.diagnostics == Self.diagnostics)
        #expect(decoded.blocks == Self.blocks)
        // Each distinct string is stored once.
        #expect(table.strings.filter { $0 == "docs/a.md" }.count == 1)
    }

    @Test("a whole record round-trips through JSON")
    func recordRoundTrip() throws {
        let record = BuildRecord(fingerprint: "f", outputIdentity: "1:2:3:4.5", pageCount: 3, diagnostics: Self.diagnostics, blocks: Self.blocks)
        let decoded = try JSONDecoder().decode(BuildRecord.self, from: try JSONEncoder().encode(record))
        #expect(decoded.fingerprint == "f" && decoded.outputIdentity == "1:2:3:4.5" && decoded.pageCount == 3)
        #expect(decoded.diagnostics == Self.diagnostics && decoded.blocks == Self.blocks)
    }

    @Test("a damaged table is refused", arguments: [
        { (table: inout RecordTable) in table.diagnostics.removeLast() },
        { (table: inout RecordTable) in table.diagnostics[0] = 999 },
        { (table: inout RecordTable) in table.diagnostics[1] = 7 },
        { (table: inout RecordTable) in table.blocks[4] = 3 },
        { (table: inout RecordTable) in table.blocks[7] = -1 },
        { (table: inout RecordTable) in table.blocks[7] = 50 },
        { (table: inout RecordTable) in table.strings = [] },
    ] as [@Sendable (inout RecordTable) -> Void])
    func damaged(damage: @Sendable (inout RecordTable) -> Void) {
        var table = RecordTable(diagnostics: Self.diagnostics, blocks: Self.blocks)
        damage(&table)
        #expect(throws: RecordTable.Damaged.self) { try table.decoded() }
    }
}
