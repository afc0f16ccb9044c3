import ArgumentParser
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
        try await common.run(options)
    }
}

/// `docgen check`: everything `build` does except writing output.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the content (parse, verify, links) without writing the site."
    )

    @OptionGroup var common: CommonOptions

    func run() async throws {
        var options = common.buildOptions()
        options.writeOutput = false
        try await common.run(options)
    }
}
