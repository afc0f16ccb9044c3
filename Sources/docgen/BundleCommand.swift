import ArgumentParser
import DocgenSite
import Foundation

/// `docgen bundle`: the site as an offline folder and `.zip`, or one self-contained HTML file.
struct BundleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Make an offline bundle that works from file:// with no network: a folder and a .zip, or --single-file."
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: ArgumentHelp("The .zip to write (the folder goes beside it), or the .html with --single-file.", valueName: "FILE"))
    var output: String?

    @Flag(name: .long, help: "Write the whole guide as one HTML file with its styles and images inlined.")
    var singleFile = false

    func run() async throws {
        let options = common.buildOptions()
        let defaultName = singleFile ? "site-offline.html" : "site-offline.zip"
        let target = output.map { URL(fileURLWithPath: $0) } ?? options.projectDirectory.appendingPathComponent(defaultName)
        let outcome = try await BundleBuilder(options: options, output: target, singleFile: singleFile).build()
        DiagnosticReporter(format: common.format).report(outcome.build, wroteOutput: false)
        for url in outcome.written {
            FileHandle.standardError.write(Data("docgen: wrote \(url.path)\n".utf8))
        }
        if outcome.build.hasErrors || outcome.written.isEmpty { throw ExitCode(ExitStatus.contentErrors) }
    }
}
