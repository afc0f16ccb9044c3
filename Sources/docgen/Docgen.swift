import ArgumentParser
import DocgenCore
import DocgenSite
import Foundation

/// The `docgen` command: parses arguments, runs the engine, prints diagnostics, sets the exit status.
@main
struct Docgen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docgen",
        abstract: "Build verified documentation sites from Markdown guides.",
        version: SiteBuilder.version,
        subcommands: [BuildCommand.self, CheckCommand.self, BundleCommand.self, LintCommand.self, JobscriptCommand.self, ServeCommand.self]
    )

    /// ArgumentParser exits with 64 on usage errors; docgen's contract is 2 for usage, config and environment errors.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as DocgenError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            Foundation.exit(ExitStatus.environment)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            if code == ExitCode(ExitStatus.contentErrors) {
                Foundation.exit(ExitStatus.contentErrors)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.environment)
        }
    }
}

/// The exit statuses of the CLI contract.
enum ExitStatus {
    /// The content has errors.
    static let contentErrors: Int32 = 1
    /// Usage, configuration or environment error.
    static let environment: Int32 = 2
}
