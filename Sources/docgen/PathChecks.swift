import DocgenCore
import Foundation

/// Checks of the paths given on the command line, made before building so that a wrong path
/// is reported with a stable id and a way out instead of surfacing as a low-level file error
/// halfway through (or, for an output path naming a file, replacing that file with the site).
enum PathChecks {
    /// The project folder must exist and be a folder.
    static func checkProject(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DocgenError(
                "the project folder \(url.path) does not exist; pass the folder that holds docgen.yml and content/",
                id: "project.missing")
        }
        guard isDirectory.boolValue else {
            throw DocgenError(
                "\(url.path) is a file, not a project folder; pass the folder that holds docgen.yml and content/ (a single page goes in --content)",
                id: "project.missing")
        }
    }

    /// The output must be a folder or not exist yet, and every existing folder above it must be a folder.
    static func checkOutput(_ url: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let output = url.standardizedFileURL
        if manager.fileExists(atPath: output.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw DocgenError(
                "the output \(output.path) is a file, not a folder; docgen would replace it with the site. Pass a folder to --output",
                id: "output.not-writable")
        }
        var ancestor = output.deletingLastPathComponent()
        while ancestor.path != "/" {
            if manager.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw DocgenError(
                        "cannot write the site to \(output.path): \(ancestor.path) is a file, not a folder; pass another --output folder",
                        id: "output.not-writable")
                }
                return
            }
            ancestor = ancestor.deletingLastPathComponent()
        }
    }
}
