import ArgumentParser
import DocgenCore
import DocgenServe
import DocgenSite
import Foundation

/// `docgen serve`: a local preview that rebuilds on change and reloads the browser.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on http://127.0.0.1:8000/, rebuild when a source changes and reload open pages.",
        discussion: """
            Watches content/ (or --content), themes/, fixtures/ and docgen.yml. A build with errors keeps \
            the last good site served and shows the diagnostics in the browser. The site is built into a \
            temporary folder; DIR/site is not touched. Stop with Ctrl-C.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: ArgumentHelp("The address to listen on; use 0.0.0.0 to allow other machines.", valueName: "HOST"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "PORT"))
    var port = 8000

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        let reporter = DiagnosticReporter(format: common.format)
        let printed = PrintedDiagnostics()
        let server = DocgenServer(
            options: ServeOptions(build: common.buildOptions(), host: host, port: port),
            onBuild: { outcome in
                switch outcome {
                case .success(let result):
                    // Each save reports what is new; reprinting thousands of unchanged notes buries it.
                    reporter.report(result, wroteOutput: true, shown: printed.new(in: result.diagnostics))
                case .failure(let error):
                    FileHandle.standardError.write(Data("docgen: \(error)\n".utf8))
                }
            },
            onListening: { url in
                FileHandle.standardOutput.write(Data("docgen: serving \(url) (Ctrl-C to stop)\n".utf8))
            })
        do {
            try await server.run()
        } catch let error as DocgenError {
            throw error
        } catch {
            throw DocgenError("docgen serve: \(error)")
        }
    }
}
