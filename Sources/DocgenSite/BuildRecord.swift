import DocgenCore
import Foundation

/// What the last successful build of an output folder was made from, kept in
/// `.docgen-cache/build/`: when nothing it was made from has changed (every content file, the
/// configuration, the theme, the cluster profiles, the host fixtures, the git commit, the options
/// and docgen's version), and the output folder is still the one that build wrote, the build is
/// skipped and its warnings are reported again.
struct BuildRecord: Codable, Sendable {
    /// SHA-256 over every input of the build.
    var fingerprint: String
    /// `InputDigest.stamps` of the same inputs, taken with the fingerprint; nil when a file was too
    /// new to trust its stamps. Equal stamps say the inputs are unchanged without reading them.
    var stamps: String?
    /// The output folder's inode and modification time right after the build swapped it in; a
    /// changed or replaced folder means the site must be written again.
    var outputIdentity: String
    /// The number of pages built.
    var pageCount: Int
    /// The build's diagnostics (warnings and notes: a build with errors leaves no record).
    var diagnostics: [Diagnostic]
    /// The build's code block reports.
    var blocks: [BlockReport]

    /// Creates a record.
    init(fingerprint: String, stamps: String? = nil, outputIdentity: String, pageCount: Int, diagnostics: [Diagnostic], blocks: [BlockReport]) {
        self.fingerprint = fingerprint
        self.stamps = stamps
        self.outputIdentity = outputIdentity
        self.pageCount = pageCount
        self.diagnostics = diagnostics
        self.blocks = blocks
    }

    private enum CodingKeys: String, CodingKey {
        case fingerprint, stamps, outputIdentity, pageCount, table
    }

    /// Reads a record; the diagnostics and reports come from their compact `RecordTable`.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fingerprint = try container.decode(String.self, forKey: .fingerprint)
        stamps = try container.decodeIfPresent(String.self, forKey: .stamps)
        outputIdentity = try container.decode(String.self, forKey: .outputIdentity)
        pageCount = try container.decode(Int.self, forKey: .pageCount)
        (diagnostics, blocks) = try container.decode(RecordTable.self, forKey: .table).decoded()
    }

    /// Writes the record, the diagnostics and reports as a `RecordTable`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encodeIfPresent(stamps, forKey: .stamps)
        try container.encode(outputIdentity, forKey: .outputIdentity)
        try container.encode(pageCount, forKey: .pageCount)
        try container.encode(RecordTable(diagnostics: diagnostics, blocks: blocks), forKey: .table)
    }

    /// The record's file for the output folder `output` in the project's cache.
    static func file(project: URL, output: URL) -> URL {
        let name = InputDigest.of([output.standardizedFileURL.path]).prefix(24)
        return project.appendingPathComponent(".docgen-cache/build/\(name).json")
    }

    /// The record of the last build of `output`, if there is one and it can be read.
    static func load(project: URL, output: URL) -> BuildRecord? {
        guard let data = try? Data(contentsOf: file(project: project, output: output)) else { return nil }
        return try? JSONDecoder().decode(BuildRecord.self, from: data)
    }

    /// Writes the record (to a temporary file first, so a killed build leaves the old record or
    /// none, never half of one). Failing to write it only costs the next build its shortcut.
    func save(project: URL, output: URL) {
        let url = Self.file(project: project, output: output)
        guard let data = try? JSONEncoder().encode(self) else { return }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: temporary)
            _ = rename(temporary.path, url.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Removes the record (before a build that may replace the output folder).
    static func remove(project: URL, output: URL) {
        try? FileManager.default.removeItem(at: file(project: project, output: output))
    }

    /// The identity, size and modification time of `folder`, or nil when it does not exist.
    static func identity(of folder: URL) -> String? {
        FileStamp(folder).map { "\($0.device):\($0.inode):\($0.size):\($0.modified).\($0.modifiedNanoseconds)" }
    }
}
