import DocgenCore
import Foundation

/// A file found under the content folder.
public struct SourceFile: Hashable, Sendable {
    /// The file on disk.
    public var url: URL
    /// Its path relative to the content root, with `/` separators (e.g. `jobs/saga.md`).
    public var contentPath: String
    /// Its path as diagnostics show it: relative to the project folder (e.g. `content/jobs/saga.md`).
    public var displayPath: String
    /// Why the file is found but not used (e.g. a symbolic link that leaves the content folder),
    /// reported once by the inventory instead of being skipped silently.
    var problem: Diagnostic?

    /// Whether the file is a Markdown page.
    public var isMarkdown: Bool {
        // Compared byte by byte, ignoring ASCII case: lowercasing every path made a string per call,
        // several calls per file of the listing.
        Self.hasExtension(".md", contentPath) || Self.hasExtension(".markdown", contentPath)
    }

    private static func hasExtension(_ suffix: StaticString, _ path: String) -> Bool {
        let count = suffix.utf8CodeUnitCount
        let bytes = path.utf8
        guard bytes.count >= count else { return false }
        let tail = bytes[bytes.index(bytes.endIndex, offsetBy: -count)...]
        return suffix.withUTF8Buffer { wanted in
            zip(tail, wanted).allSatisfy { byte, expected in
                (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte) == expected
            }
        }
    }
}
