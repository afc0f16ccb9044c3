import DocgenCore
public import Foundation
import ZIPFoundation

/// The offline bundle: the site built with relative links only, as a folder and a `.zip`, or as one
/// self-contained HTML file; refused when any page or asset would load something from the network.
public struct BundleBuilder: Sendable {
    /// What a bundle run made.
    public struct Outcome: Sendable {
        /// The build's result (diagnostics included; the bundle's own checks are added to them).
        public var build: BuildResult
        /// The files written: the folder and the zip, or the single HTML file.
        public var written: [URL]
    }

    private let options: BuildOptions
    private let output: URL
    private let singleFile: Bool

    /// Creates a bundle builder; `output` is the `.zip` (the folder is written beside it without the
    /// extension), or the `.html` file with `singleFile`.
    public init(options: BuildOptions, output: URL, singleFile: Bool) {
        var options = options
        options.baseURL = nil
        options.forcePrintPage = singleFile
        self.options = options
        self.output = output.standardizedFileURL
        self.singleFile = singleFile
    }

    /// Builds the site into a temporary folder, checks it is self-contained, then writes the bundle.
    public func build() async throws -> Outcome {
        let manager = FileManager.default
        let work = manager.temporaryDirectory.appendingPathComponent("docgen-bundle-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: work) }
        var buildOptions = options
        buildOptions.output = work.appendingPathComponent("site")
        var result = try await SiteBuilder(options: buildOptions).build()
        guard let site = result.outputURL, !result.hasErrors else { return Outcome(build: result, written: []) }

        let problems = try Self.networkReferences(in: site)
        if !problems.isEmpty {
            result.diagnostics += problems
            return Outcome(build: result, written: [])
        }
        do {
            try manager.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
            if singleFile {
                let html = try Self.singleFile(site: site)
                try Data(html.utf8).write(to: output, options: .atomic)
                return Outcome(build: result, written: [output])
            }
            let folder = output.pathExtension == "zip" ? output.deletingPathExtension() : output
            let zip = folder.appendingPathExtension("zip")
            let stagedZip = work.appendingPathComponent("bundle.zip")
            try manager.zipItem(at: site, to: stagedZip, shouldKeepParent: false, compressionMethod: .deflate)
            // Replace the old bundle only now that the new one is complete.
            if manager.fileExists(atPath: folder.path) { try manager.removeItem(at: folder) }
            try manager.moveItem(at: site, to: folder)
            if manager.fileExists(atPath: zip.path) { try manager.removeItem(at: zip) }
            try manager.moveItem(at: stagedZip, to: zip)
            return Outcome(build: result, written: [folder, zip])
        } catch let error as DocgenError {
            throw error
        } catch {
            throw DocgenError("cannot write the bundle to \(output.path): \(error.localizedDescription)")
        }
    }

    /// Every place in the built site's HTML, CSS and JavaScript that would fetch something from the
    /// network when opened (external links a reader clicks are fine; resources a page loads are not).
    static func networkReferences(in site: URL) throws -> [Diagnostic] {
        let patterns: [(String, String)] = [
            ("a script", #"<script[^>]*\ssrc\s*=\s*["']?(?:https?:)?//[^"'\s>]+"#),
            ("a stylesheet or icon", #"<link[^>]*\shref\s*=\s*["']?(?:https?:)?//[^"'\s>]+"#),
            ("an image or media file", #"<(?:img|source|video|audio|iframe|embed|object)[^>]*\s(?:src|data|srcset)\s*=\s*["']?(?:https?:)?//[^"'\s>]+"#),
            ("a CSS resource", #"(?:url\(\s*["']?|@import\s+["'])(?:https?:)?//[^"')\s]+"#),
        ]
        let compiled = try patterns.map { (what, pattern) in (what, try Regex(pattern)) }
        var diagnostics: [Diagnostic] = []
        let base = site.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: site, includingPropertiesForKeys: nil) else { return [] }
        for case let url as URL in enumerator where ["html", "css", "js"].contains(url.pathExtension) {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            for (what, pattern) in compiled {
                for match in text.matches(of: pattern) {
                    let line = text[..<match.range.lowerBound].count { $0 == "\n" } + 1
                    diagnostics.append(.error(
                        "bundle.network-resource",
                        "\(what) would be loaded from the network: \(text[match.range].prefix(160)); an offline bundle must not load anything from the network",
                        at: SourceLocation(file: "site/" + path, line: line, column: 1),
                        fixIt: .init("download the file into the content folder and link it with a relative path")))
                }
            }
        }
        return diagnostics
    }

    /// `print.html` with its stylesheets, scripts and images inlined.
    static func singleFile(site: URL) throws -> String {
        var html = try String(contentsOf: site.appendingPathComponent("print.html"), encoding: .utf8)
        for match in html.matches(of: #/<link rel="stylesheet" href="([^"]+)">/#).reversed() {
            let css = (try? String(contentsOf: site.appendingPathComponent(String(match.output.1)), encoding: .utf8)) ?? ""
            html.replaceSubrange(match.range, with: "<style>\n\(css.replacingOccurrences(of: "</style", with: "<\\/style"))\n</style>")
        }
        for match in html.matches(of: #/<link rel="icon" href="[^"]*"[^>]*>/#).reversed() {
            html.replaceSubrange(match.range, with: "")
        }
        for match in html.matches(of: #/(<img [^>]*src=")([^"]+)(")/#).reversed() {
            let source = String(match.output.2)
            guard !source.hasPrefix("data:"), !source.contains("://"),
                  let data = try? Data(contentsOf: site.appendingPathComponent(source)) else { continue }
            let uri = "data:\(mimeType(of: source));base64,\(data.base64EncodedString())"
            html.replaceSubrange(match.range, with: "\(match.output.1)\(uri)\(match.output.3)")
        }
        return html
    }

    private static func mimeType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        default: "application/octet-stream"
        }
    }
}
