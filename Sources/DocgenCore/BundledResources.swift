import Foundation

/// Finds the files SwiftPM copies next to the executable, without the generated `Bundle.module`
/// accessor, which traps when the folder is missing; docgen reports that as an environment error instead.
public enum BundledResources {
    /// The resource folder `name` of module `module` (e.g. `DocgenRender`), from the bundle beside the running binary.
    public static func directory(named name: String, module: String) throws -> URL {
        let bundleName = "docgen_\(module).resources"
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["DOCGEN_RESOURCES"] {
            candidates.append(URL(fileURLWithPath: override).appendingPathComponent(bundleName))
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
                + "reinstall docgen or set DOCGEN_RESOURCES to the folder that holds \(bundleName)")
    }
}
