import DocgenCore
import DocgenMarkdown
import DocgenVerify
import Foundation

/// Verifies the code blocks of one page in order: job scripts are linted against their cluster,
/// tool output is checked by its parser, transcripts run in a sandbox session shared by the page's
/// blocks for the same host. Passing results are cached; failures always run again.
struct PageVerifier {
    let environment: VerificationEnvironment

    /// What verifying a page found.
    struct Outcome: Sendable {
        var reports: [BlockReport] = []
        var diagnostics: [Diagnostic] = []
        var edits: [SourceEdit] = []
        /// Generated job scripts, by the line of their spec block's fence.
        var templates: [Int: JobTemplate] = [:]
        /// The shell sessions parsed for verification, by their text, so rendering does not parse them again.
        var transcripts: [String: Transcript] = [:]
    }

    /// What a block is checked as.
    enum Kind: Equatable {
        case transcript
        case run
        case sbatch
        case parse(String)
        case jobTemplate
        case unsupported(String)
        case skipped(String)
        case unverified
    }

    /// Decides a block's kind from its attributes, then its language and content.
    static func kind(of snippet: CodeSnippet) -> Kind {
        let info = snippet.info
        if let reason = info.value("skip") { return .skipped(reason) }
        switch info.value("verify") {
        case "none": return .skipped("verify=none")
        case "transcript": return .transcript
        case "sbatch": return .sbatch
        case "parse": return .parse(info.value("parser") ?? "")
        case "run": return .run
        default: break
        }
        if let generator = info.value("generate") {
            return generator == "jobscript" ? .jobTemplate : .unsupported("generate=\(generator)")
        }
        if info.value("parser") != nil { return .parse(info.value("parser") ?? "") }
        switch info.language {
        case "console", "shell-session", "terminal":
            return .transcript
        case "bash", "sh", "shell", "zsh", "slurm", "sbatch":
            return SlurmScript.looksLikeJobScript(snippet.code) ? .sbatch : .unverified
        default:
            return .unverified
        }
    }

    /// A page's sandbox sessions, one per host, made when a transcript first needs one.
    private final class Sessions {
        var byHost: [String: ShellSession?] = [:]
    }

    /// The job scripts `verify` will lint, bash syntax included, so a group of pages can have them
    /// checked ahead in one batch (`SlurmLinter.prefetchBashSyntax`); blocks the cache passed are left out.
    func bashSyntaxCandidates(_ snippets: [(snippet: CodeSnippet, infoErrors: [Diagnostic])], kinds: [Kind]) -> [String] {
        guard environment.mode != .off else { return [] }
        return zip(snippets, kinds).compactMap { entry, kind in
            let (snippet, infoErrors) = entry
            guard infoErrors.isEmpty, kind == .sbatch else { return nil }
            let key = environment.cache.key(
                [SiteBuilder.version, "sbatch", snippet.info.value("cluster") ?? "", environment.catalogs.digest, snippet.code])
            return environment.cache.passed(key) ? nil : snippet.code
        }
    }

    /// Verifies a page's blocks; `kinds` are their `kind(of:)`, decided once by the caller (deciding can scan a whole block).
    func verify(_ snippets: [(snippet: CodeSnippet, infoErrors: [Diagnostic])], kinds: [Kind]) -> Outcome {
        var outcome = Outcome()
        guard environment.mode != .off else { return outcome }
        let sessions = Sessions()
        // A transcript's result depends on the blocks before it in its host's session, so its cache
        // key covers them, and a host's session is skipped only when every one of its blocks passed before.
        // The parsed transcript is kept so the block is not parsed a second time when it is verified.
        var transcriptKeys: [Int: (host: String, key: String, transcript: Transcript)] = [:]
        var history: [String: [String]] = [:]
        for (index, entry) in snippets.enumerated() where entry.infoErrors.isEmpty && kinds[index] == .transcript {
            let transcript = Transcript.parse(entry.snippet.code)
            outcome.transcripts[entry.snippet.code] = transcript
            let prompt = transcript.commands.first?.prompt
            let host = transcriptHost(entry.snippet, firstPrompt: prompt)
            history[host, default: []].append(entry.snippet.code)
            let mode = entry.snippet.info.value("match") ?? "exact"
            transcriptKeys[index] = (host, environment.cache.key(
                [SiteBuilder.version, "transcript", environment.mode.rawValue, host, mode, environment.fixtureDigests[host] ?? "", environment.catalogs.digest]
                    + history[host, default: []]), transcript)
        }
        var cachedHosts: Set<String> = []
        for host in Set(transcriptKeys.values.map(\.host))
        where transcriptKeys.values.filter({ $0.host == host }).allSatisfy({ environment.cache.passed($0.key) }) {
            cachedHosts.insert(host)
        }

        var consumedOutputs: Set<Int> = []
        for (index, (snippet, infoErrors)) in snippets.enumerated() {
            if consumedOutputs.contains(index) { continue }
            let fence = snippet.infoLocation
            let kind = kinds[index]
            if !infoErrors.isEmpty {
                outcome.diagnostics += infoErrors
                outcome.reports.append(BlockReport(location: fence, kind: "info-string", outcome: .failed, cached: false, diagnostics: infoErrors))
                continue
            }
            let origin = SourceLocation(file: fence.file, line: snippet.firstCodeLine, column: 1)
            switch kind {
            case .skipped(let reason):
                outcome.reports.append(BlockReport(location: fence, kind: "skip", outcome: .skipped(reason: reason), cached: false, diagnostics: []))
            case .unverified:
                if environment.strict {
                    let diagnostic = Diagnostic.error(
                        "verify.unverified", "this code block is neither verified nor skipped (strict_verification is on)",
                        at: fence, fixIt: .init("add {verify=...} to check it, or {skip=\"reason\"} to say why it is not checked"))
                    outcome.diagnostics.append(diagnostic)
                    outcome.reports.append(BlockReport(location: fence, kind: "unverified", outcome: .failed, cached: false, diagnostics: [diagnostic]))
                }
            case .unsupported(let what):
                let diagnostic = Diagnostic.error(
                    "verify.unsupported", "\(what) is not supported by this version of docgen", at: fence,
                    fixIt: .init("use verify=transcript, sbatch or parse, or skip=\"reason\""))
                outcome.diagnostics.append(diagnostic)
                outcome.reports.append(BlockReport(location: fence, kind: what, outcome: .failed, cached: false, diagnostics: [diagnostic]))
            case .run:
                // The expected stdout is the next block, fenced as ```output.
                let next = index + 1 < snippets.count ? snippets[index + 1].snippet : nil
                guard let expected = next, expected.info.language == "output" else {
                    let diagnostic = Diagnostic.error(
                        "verify.no-output-block", "verify=run compares what the block prints with the ```output block after it, and there is none",
                        at: fence, fixIt: .init("add an ```output block with the expected output right after this one"))
                    outcome.diagnostics.append(diagnostic)
                    outcome.reports.append(BlockReport(location: fence, kind: "run", outcome: .failed, cached: false, diagnostics: [diagnostic]))
                    continue
                }
                consumedOutputs.insert(index + 1)
                guard environment.mode == .full else {
                    outcome.reports.append(BlockReport(location: fence, kind: "run", outcome: .skipped(reason: "static verification"), cached: false, diagnostics: []))
                    continue
                }
                let host = snippet.info.value("host")?.lowercased() ?? "local"
                let mode = OutputMatchMode(rawValue: snippet.info.value("match") ?? "exact") ?? .exact
                let key = environment.cache.key(
                    [SiteBuilder.version, "run", host, mode.rawValue, environment.fixtureDigests[host] ?? "", snippet.code, expected.code])
                var edits: [SourceEdit] = []
                record(&outcome, kind: "run", fence: fence, key: key) {
                    guard let session = session(for: host, user: nil, in: sessions) else {
                        return [.error("transcript.no-sandbox", "this block cannot run: no sandbox is available (install bubblewrap)", at: fence)]
                    }
                    let result = session.run([snippet.code])
                    guard let actual = result.commands.first else {
                        return [.error(result.timedOut ? "transcript.timeout" : "transcript.output-limit", "the block did not finish", at: fence)]
                    }
                    let lines = expected.code.split(separator: "\n", omittingEmptySubsequences: false).dropLast(expected.code.hasSuffix("\n") ? 1 : 0)
                    let expectedLines = lines.enumerated().map { TranscriptLine(text: String($0.element), line: $0.offset) }
                    let match = OutputMatcher(mode: mode).match(expected: expectedLines, actual: actual.output)
                    guard !match.isMatch else { return [] }
                    let first = expected.firstCodeLine
                    edits.append(SourceEdit(
                        file: fence.file, start: first, end: first + expectedLines.count - 1,
                        replacement: OutputMatcher.bless(expected: expectedLines.map(\.text), actual: actual.output, mode: mode)))
                    return [.error(
                        "transcript.output-mismatch", "the ```output block is not what the block prints:\n\(match.diffText(lineNumber: { first + $0 }))",
                        at: SourceLocation(file: fence.file, line: first, column: 1),
                        fixIt: .init("run docgen check --bless to update the shown output"))]
                }
                outcome.edits += edits
            case .jobTemplate:
                let key = environment.cache.key(
                    [SiteBuilder.version, "jobscript", snippet.info.value("cluster") ?? "", environment.catalogs.digest, snippet.code])
                let cached = environment.cache.passed(key)
                if cached && !environment.rendersPages {
                    outcome.reports.append(BlockReport(location: fence, kind: "jobscript", outcome: .passed, cached: true, diagnostics: []))
                    continue
                }
                let catalog: ClusterCatalog
                do { catalog = try environment.catalogs.catalog() } catch {
                    let diagnostic = Diagnostic.error("verify.profiles-unreadable", "\(error)", at: fence)
                    outcome.diagnostics.append(diagnostic)
                    outcome.reports.append(BlockReport(location: fence, kind: "jobscript", outcome: .failed, cached: false, diagnostics: [diagnostic]))
                    continue
                }
                // The template is needed for the page even when the check is cached, and generating is cheap.
                let result = JobSpecCheck.run(
                    yaml: snippet.code, file: fence.file, firstLine: snippet.firstCodeLine, catalog: catalog,
                    cluster: snippet.info.value("cluster"), checksBashSyntax: environment.mode != .off && !cached)
                if let spec = result.spec, let script = result.script {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = .sortedKeys
                    let json = (try? encoder.encode(spec)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                    outcome.templates[fence.line] = JobTemplate(
                        filename: snippet.info.value("name") ?? result.filename ?? JobScriptGenerator.filename(for: spec),
                        script: script, cluster: spec.cluster, specJSON: json)
                }
                record(&outcome, kind: "jobscript", fence: fence, key: key) { result.diagnostics }
            case .sbatch:
                let cluster = snippet.info.value("cluster")
                let key = environment.cache.key([SiteBuilder.version, "sbatch", cluster ?? "", environment.catalogs.digest, snippet.code])
                record(&outcome, kind: "sbatch", fence: fence, key: key) {
                    let linter: SlurmLinter
                    do { linter = try environment.linter() } catch {
                        return [.error("verify.profiles-unreadable", "\(error)", at: fence)]
                    }
                    var found = linter.lint(snippet.code, cluster: cluster, origin: origin)
                    if cluster == nil {
                        found.append(Diagnostic(
                            id: "verify.no-cluster", severity: .note, location: fence,
                            message: "no cluster=... given, so only the cluster-independent rules ran",
                            fixIt: .init("add cluster=saga (or betzy, olivia, lumi) to the info string")))
                    }
                    return found
                }
            case .parse(let tool):
                let key = environment.cache.key([SiteBuilder.version, "parse", tool, snippet.code])
                record(&outcome, kind: "parse \(tool)", fence: fence, key: key) {
                    guard let problems = ToolOutputCatalog.check(tool: tool, output: snippet.code) else {
                        return [.error(
                            "verify.unknown-parser",
                            "no bundled parser named '\(tool)'\(Suggestion.didYouMean(tool, in: ToolOutputCatalog.toolNames))",
                            at: fence)]
                    }
                    return problems.map {
                        .error($0.id, $0.message, at: SourceLocation(file: origin.file, line: origin.line + $0.line, column: $0.column))
                    }
                }
            case .transcript:
                guard let (host, key, transcript) = transcriptKeys[index] else { continue }
                if cachedHosts.contains(host) {
                    outcome.reports.append(BlockReport(location: fence, kind: "transcript", outcome: .passed, cached: true, diagnostics: []))
                    continue
                }
                if let problem = environment.unknownHost(host, at: fence) {
                    outcome.diagnostics.append(problem)
                    outcome.reports.append(BlockReport(location: fence, kind: "transcript", outcome: .failed, cached: false, diagnostics: [problem]))
                    continue
                }
                let mode = OutputMatchMode(rawValue: snippet.info.value("match") ?? "exact") ?? .exact
                var verifier = TranscriptVerifier(code: snippet.code, origin: origin, mode: mode)
                verifier.execute = environment.mode == .full
                let session = verifier.execute ? session(for: host, user: transcript.commands.first?.prompt.user, in: sessions) : nil
                let result = verifier.verify(transcript, in: session)
                outcome.edits += result.edits
                record(&outcome, kind: "transcript", fence: fence, key: nil) { result.diagnostics }
                if outcome.reports.last?.outcome == .passed { environment.cache.storePass(key) }
            }
        }
        return outcome
    }

    /// The host a transcript runs on: its `host=`, else the cluster its prompt names, else the reader's machine.
    private func transcriptHost(_ snippet: CodeSnippet, firstPrompt: TranscriptPrompt?) -> String {
        if let host = snippet.info.value("host") { return host.lowercased() }
        return firstPrompt?.shortHost.flatMap(environment.host(forPromptHost:)) ?? "local"
    }

    /// Runs `check` unless `key` passed before, and records the block's report.
    private func record(_ outcome: inout Outcome, kind: String, fence: SourceLocation, key: String?, check: () -> [Diagnostic]) {
        if let key, environment.cache.passed(key) {
            outcome.reports.append(BlockReport(location: fence, kind: kind, outcome: .passed, cached: true, diagnostics: []))
            return
        }
        let found = check()
        let failed = found.contains { $0.severity == .error }
        outcome.diagnostics += found
        outcome.reports.append(BlockReport(location: fence, kind: kind, outcome: failed ? .failed : .passed, cached: false, diagnostics: found))
        if !failed, let key { environment.cache.storePass(key) }
    }

    private func session(for host: String, user: String?, in sessions: Sessions) -> ShellSession? {
        if let existing = sessions.byHost[host] { return existing }
        let user = user ?? "user"
        let fixture = environment.hostFixtures.appendingPathComponent(host)
        let session = (try? Sandbox(
            user: user, home: environment.homeDirectory(host: host, user: user),
            seed: fixture.appendingPathComponent("home"), root: fixture.appendingPathComponent("root"))).map(ShellSession.init)
        sessions.byHost[host] = session
        return session
    }
}
