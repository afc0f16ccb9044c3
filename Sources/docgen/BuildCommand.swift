import ArgumentParser
import DocgenCore
import DocgenSite
import Foundation

/// `docgen build`: the site from `content/` into `site/`.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site; exits 1 when the content has errors and leaves the previous site in place."
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: ArgumentHelp("The output folder (default: DIR/site).", valueName: "PATH"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("The URL the site is served from, e.g. https://wiki.example.org/hpc/.", valueName: "URL"))
    var baseURL: String?

    func run() async throws {
        var options = common.buildOptions()
        options.output = output.map { URL(fileURLWithPath: $0) }
        options.baseURL = baseURL
        try PathChecks.checkOutput(options.output ?? options.projectDirectory.appendingPathComponent("site"))
        let result = try await common.run(options)
        if result.hasErrors { throw ExitCode(ExitStatus.contentErrors) }
    }
}

/// `docgen check`: everything `build` does except writing output.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the content (parse, verify, links) without writing the site."
    )

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Rewrite the shown output of transcripts whose commands print something else (not in CI).")
    var bless = false

    func run() async throws {
        if bless, ProcessInfo.processInfo.environment["CI"] == "true" {
            throw DocgenError("--bless rewrites the guide's sources and is refused when CI=true; run it on your own machine and commit the result")
        }
        var options = common.buildOptions()
        options.writeOutput = false
        if bless { options.useCache = false }
        let result = try await common.run(options)
        if bless {
            let changed = try Blesser.apply(result.edits, projectDirectory: options.projectDirectory)
            let edits = result.edits.count
            FileHandle.standardError.write(Data(
                "docgen: blessed \(edits) output\(edits == 1 ? "" : "s") in \(changed.count) file\(changed.count == 1 ? "" : "s")\(changed.isEmpty ? "" : ": " + changed.joined(separator: ", "))\n".utf8))
            // What bless fixed no longer fails; what it cannot fix still does.
            if !result.errorsNotFixedByBless.isEmpty { throw ExitCode(ExitStatus.contentErrors) }
            return
        }
        if result.hasErrors { throw ExitCode(ExitStatus.contentErrors) }
    }
}
