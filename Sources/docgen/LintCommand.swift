import ArgumentParser
import DocgenCore
import DocgenVerify
import Foundation

/// `docgen lint`: Slurm job scripts checked against a cluster's rules, outside any guide.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint Slurm job scripts against a cluster's rules; exits 1 when a script has errors.",
        discussion: """
            Without --cluster, each script's own '#SBATCH --clusters=NAME' picks the cluster; scripts that name \
            none get only the cluster-independent rules. --list-rules prints every rule id.
            """
    )

    /// How diagnostics are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case human, text, json, github
    }

    @Option(name: .long, help: ArgumentHelp("The cluster to check against, e.g. saga, betzy, olivia or lumi.", valueName: "NAME"))
    var cluster: String?

    @Option(name: .long, help: "How to print diagnostics: human (on stderr), json (on stdout) or github (Actions annotations on stdout).")
    var format: Format = .human

    @Flag(name: .long, help: "Print the lint rules (id, severity, summary) and exit.")
    var listRules = false

    @Argument(help: ArgumentHelp("The job scripts to lint.", valueName: "FILE"))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty, !listRules {
            throw ValidationError("give at least one job script, e.g. 'docgen lint --cluster saga job.sh'")
        }
    }

    func run() throws {
        if listRules {
            printRules()
            return
        }
        let linter = SlurmLinter(catalog: try ClusterCatalog.bundled())
        var diagnostics: [Diagnostic] = []
        for file in files {
            let text = try read(file)
            let origin = SourceLocation(file: file, line: 1, column: 1)
            let name = cluster ?? SlurmScript(parsing: text).clusterDirective
            diagnostics += linter.lint(text, cluster: name, origin: origin)
            if !SlurmScript.looksLikeJobScript(text) {
                diagnostics.append(Diagnostic(
                    id: "lint.no-directives", severity: .note, location: origin,
                    message: "the file has no #SBATCH lines, so it is not checked as a job script's header"))
            }
            if name == nil {
                diagnostics.append(Diagnostic(
                    id: "lint.no-cluster", severity: .note, location: origin,
                    message: "no cluster given (--cluster NAME or '#SBATCH --clusters=NAME'), so only the cluster-independent rules ran"))
            }
        }
        diagnostics.sort { ($0.location, $0.id, $0.message) < ($1.location, $1.id, $1.message) }
        report(diagnostics)
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw ExitCode(ExitStatus.contentErrors)
        }
    }

    /// The file's text; unreadable or non-UTF-8 files are environment errors (exit status 2).
    private func read(_ file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory)
            throw DocgenError(
                exists && isDirectory.boolValue ? "'\(file)' is a folder; give the job script files" : "cannot read '\(file)': no such file or no permission")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DocgenError("'\(file)' is not UTF-8 text")
        }
        return text
    }

    private func report(_ diagnostics: [Diagnostic]) {
        switch format {
        case .human, .text:
            let lines = diagnostics.map(\.formatted)
            if !lines.isEmpty { FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
        case .json:
            let objects: [[String: Any]] = diagnostics.map {
                [
                    "file": $0.location.file, "line": $0.location.line, "column": $0.location.column,
                    "severity": $0.severity.rawValue, "id": $0.id, "message": $0.message,
                ]
            }
            let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        case .github:
            let lines = diagnostics.map(Self.githubAnnotation)
            if !lines.isEmpty { FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
        }
        FileHandle.standardError.write(Data((summary(diagnostics) + "\n").utf8))
    }

    private func summary(_ diagnostics: [Diagnostic]) -> String {
        func count(_ severity: Diagnostic.Severity, _ word: String) -> String {
            let number = diagnostics.filter { $0.severity == severity }.count
            return "\(number) \(word)\(number == 1 ? "" : "s")"
        }
        let scripts = "\(files.count) script\(files.count == 1 ? "" : "s")"
        return "docgen lint: \(count(.error, "error")), \(count(.warning, "warning")), \(count(.note, "note")) in \(scripts)"
    }

    /// `::error file=F,line=L,col=C,title=ID::message`, escaped as GitHub's workflow commands require.
    static func githubAnnotation(_ diagnostic: Diagnostic) -> String {
        let kind = switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
        func escapeData(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ text: String) -> String {
            escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        let location = diagnostic.location
        var message = diagnostic.message
        if let fixIt = diagnostic.fixIt { message += "\nfix-it: \(fixIt.message)" }
        return "::\(kind) file=\(escapeProperty(location.file)),line=\(location.line),col=\(location.column),"
            + "title=\(escapeProperty(diagnostic.id))::\(escapeData(message))"
    }

    private func printRules() {
        let letter: [Diagnostic.Severity: String] = [.error: "E", .warning: "W", .note: "I"]
        var lines = SlurmLinter.rules.map { rule in "\(rule.id.padding(toLength: 8, withPad: " ", startingAt: 0)) \(letter[rule.severity] ?? "?")  \(rule.summary)" }
        lines.append("\(SlurmLinter.rules.count) rules; E = error (the job is rejected or never runs), W = warning, I = note")
        print(lines.joined(separator: "\n"))
    }
}
