import ArgumentParser
import DocgenCore
import DocgenSite
import Foundation

extension VerifyMode: ExpressibleByArgument {}

/// The arguments `build` and `check` share, and the way both report.
struct CommonOptions: ParsableArguments {
    /// How diagnostics are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, human, json, github
    }

    @Argument(help: ArgumentHelp("The project folder, holding docgen.yml and content/.", valueName: "DIR"))
    var directory: String = "."

    @Option(name: .long, help: ArgumentHelp("The content folder or a single Markdown file (default: DIR/content).", valueName: "PATH"))
    var content: String?

    @Option(name: .long, help: "How to print diagnostics: text (or human), json, or github (Actions annotations).")
    var format: Format = .text

    @Flag(name: .long, help: "Include pages marked 'draft: true'.")
    var drafts = false

    @Option(name: .long, help: "Code block verification: full (run transcripts), static (parse and lint, run nothing) or off.")
    var verify: VerifyMode = .full

    @Flag(name: .long, help: "Verify every block again instead of reusing passes from .docgen-cache/.")
    var noCache = false

    @Option(name: .long, help: ArgumentHelp("Write a JUnit XML report, one test case per verified code block.", valueName: "FILE"))
    var junit: String?

    func buildOptions() -> BuildOptions {
        var options = BuildOptions(projectDirectory: URL(fileURLWithPath: directory))
        options.content = content.map { URL(fileURLWithPath: $0) }
        options.includeDrafts = drafts
        options.verifyMode = verify
        options.useCache = !noCache
        return options
    }

    /// Builds, prints the report, writes the JUnit file, and turns content errors into exit status 1.
    @discardableResult
    func run(_ options: BuildOptions) async throws -> BuildResult {
        try PathChecks.checkProject(options.projectDirectory)
        let result = try await SiteBuilder(options: options).build()
        DiagnosticReporter(format: format).report(result, wroteOutput: options.writeOutput)
        if let junit {
            do {
                try JUnitReport.xml(result.blocks).write(toFile: junit, atomically: true, encoding: .utf8)
            } catch {
                throw DocgenError("cannot write the JUnit report to \(junit): \(error.localizedDescription)")
            }
        }
        return result
    }
}
