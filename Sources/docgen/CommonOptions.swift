import ArgumentParser
import DocgenSite
import Foundation

/// The arguments `build` and `check` share, and the way both report.
struct CommonOptions: ParsableArguments {
    /// How diagnostics are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("The project folder, holding docgen.yml and content/.", valueName: "DIR"))
    var directory: String = "."

    @Option(name: .long, help: ArgumentHelp("The content folder or a single Markdown file (default: DIR/content).", valueName: "PATH"))
    var content: String?

    @Option(name: .long, help: "How to print diagnostics: text or json.")
    var format: Format = .text

    @Flag(name: .long, help: "Include pages marked 'draft: true'.")
    var drafts = false

    func buildOptions() -> BuildOptions {
        var options = BuildOptions(projectDirectory: URL(fileURLWithPath: directory))
        options.content = content.map { URL(fileURLWithPath: $0) }
        options.includeDrafts = drafts
        return options
    }

    /// Builds, prints the report, and turns content errors into exit status 1.
    func run(_ options: BuildOptions) async throws {
        let result = try await SiteBuilder(options: options).build()
        let reporter = DiagnosticReporter(format: format)
        reporter.report(result, wroteOutput: options.writeOutput)
        if result.hasErrors { throw ExitCode(ExitStatus.contentErrors) }
    }
}
