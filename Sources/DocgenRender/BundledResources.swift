import DocgenCore
import Foundation

/// Finds the files SwiftPM copies next to the executable, without the generated `Bundle.module`
/// accessor, which traps when the folder is missing; docgen reports that as an environment error instead.
enum BundledResources {
    static let bundleName = "docgen_DocgenRender.resources"

    /// The resource folder `name` from the bundle beside the running binary.
    static func directory(named name: String) throws -> URL {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["DOCGEN_RESOURCES"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        for url in [Bundle.main.executableURL, Bundle.main.bundleURL].compactMap({ $0 }) {
            let resolved = url.resolvingSymlinksInPath()
            candidates.append(resolved.deletingLastPathComponent().appendingPathComponent(bundleName))
            candidates.append(resolved.appendingPathComponent(bundleName))
        }
        for candidate in candidates {
            let directory = candidate.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return directory
            }
        }
        throw DocgenError(
            "cannot find docgen's bundled '\(name)' (looked for \(bundleName) beside the docgen binary); "
                + "reinstall docgen or set DOCGEN_RESOURCES to that folder")
    }
}
