import DocgenCore
import Foundation

/// IO001-IO005: where the job reads and writes.
enum StorageRules {
    static let all = [home, scratchCopyBack, localScratch, nird, containerCache]

    /// Commands whose last argument is where they write.
    private static let copyCommands: Set<String> = ["cp", "mv", "rsync", "scp"]
    /// Commands that write to every path argument.
    private static let writingCommands: Set<String> = ["mkdir", "touch", "tee", "rm", "ln"]

    /// The places a script writes to: output directives, redirections, copy targets, and program output options.
    static func writeTargets(_ context: SlurmLintContext) -> [ShellWord] {
        var targets = context.script.directives.filter { ["output", "error", "chdir"].contains($0.option) }.compactMap { directive in
            directive.value.map { ShellWord(text: $0, line: directive.line, column: directive.column) }
        }
        for command in context.script.commands {
            targets += command.outputs
            guard let name = command.name else { continue }
            let arguments = command.arguments.filter { !$0.text.hasPrefix("-") }
            if copyCommands.contains(name), arguments.count >= 2, let last = arguments.last {
                targets.append(last)
            } else if writingCommands.contains(name) {
                targets += arguments
            }
            var previous: ShellWord?
            for word in command.arguments {
                let lowered = word.text.lowercased()
                if let option = ["--output=", "--out=", "--save-dir=", "--output-dir=", "--outdir=", "--log-dir="].first(where: lowered.hasPrefix) {
                    targets.append(ShellWord(text: String(word.text.dropFirst(option.count)), line: word.line, column: word.column))
                } else if let previous, ["--output", "--out", "-o", "--save-dir", "--output-dir", "--outdir", "--log-dir"].contains(previous.text.lowercased()) {
                    targets.append(word)
                }
                previous = word
            }
        }
        return targets
    }

    /// Whether a path is in the home folder.
    static func isHome(_ path: String, profile: ClusterProfile) -> Bool {
        if path == "~" || path.hasPrefix("~/") || path.hasPrefix("$HOME") || path.hasPrefix("${HOME}") { return true }
        guard let home = profile.storage?.home, let prefix = home.components(separatedBy: "$USER").first, prefix.count > 1 else { return false }
        return path.hasPrefix(prefix)
    }

    /// IO001: output in `$HOME`.
    static let home = SlurmLintRule(
        "IO001", .warning, .cluster, "Heavy I/O or outputs in $HOME (20 GiB / 100k files); suggest $USERWORK, $SCRATCH or /cluster/projects"
    ) { context in
        guard let profile = context.profile, let quota = profile.storage?.homeQuota else { return [] }
        let elsewhere = ([profile.storage?.scratch.map { _ in "$SCRATCH" }].compactMap { $0 }
            + (profile.storage?.areas ?? [:]).sorted { $0.key < $1.key }.map { $0.value.components(separatedBy: " (").first ?? $0.value })
        let places = elsewhere.count > 1 ? elsewhere.dropLast().joined(separator: ", ") + " or " + (elsewhere.last ?? "") : elsewhere.joined()
        return writeTargets(context).filter { isHome($0.text, profile: profile) }.map { word in
            SlurmFinding(
                word,
                "'\(word.text)' writes into the home folder, which has a small quota on \(profile.title) (\(quota)); jobs that fill it fail"
                    + (places.isEmpty ? "" : "; write to \(places) instead"))
        }
    }

    /// Whether a word is `$SCRATCH` or `${SCRATCH}`, possibly followed by a path.
    private static func isScratch(_ text: String) -> Bool {
        text == "$SCRATCH" || text == "${SCRATCH}" || text.hasPrefix("$SCRATCH/") || text.hasPrefix("${SCRATCH}/")
    }

    /// IO002: `cd $SCRATCH` with nothing copied back.
    static let scratchCopyBack = SlurmLintRule("IO002", .warning, .cluster, "cd $SCRATCH with no savefile/copy-back (data is deleted at job end)") { context in
        guard context.profile?.storage?.scratchDeletedAtJobEnd == true else { return [] }
        let commands = context.script.commands
        guard let index = commands.firstIndex(where: { $0.name == "cd" && $0.arguments.first.map { isScratch($0.text) } == true }) else {
            return []
        }
        let copiesBack = commands[(index + 1)...].contains { command in
            ["savefile", "cleanup", "cp", "rsync", "mv", "tar", "scp"].contains(command.name ?? "")
        }
        guard !copiesBack else { return [] }
        return [SlurmFinding(
            commands[index],
            "the job works in $SCRATCH, which is deleted when the job ends, but nothing is copied back; results will be lost",
            fixIt: .init("add 'savefile FILE...' after 'cd $SCRATCH' (or copy the results out at the end)"))]
    }

    /// IO003: `$LOCALSCRATCH` without asking for it, or where it does not exist.
    static let localScratch = SlurmLintRule(
        "IO003", .error, .cluster, "$LOCALSCRATCH without --gres=localscratch:<size> (Saga), or on Betzy (it does not exist there)"
    ) { context in
        guard let profile = context.profile, let kind = profile.storage?.localScratch, ["gres", "none"].contains(kind) else { return [] }
        let words = context.script.commands.flatMap { $0.words + $0.outputs }
        guard let word = words.first(where: { $0.text.contains("$LOCALSCRATCH") || $0.text.contains("${LOCALSCRATCH}") }) else { return [] }
        if kind == "none" {
            return [SlurmFinding(word, "$LOCALSCRATCH does not exist on \(profile.title); use $SCRATCH")]
        }
        let asked = context.script.all("gres").contains { directive in
            (try? SlurmGres.parse(directive.value ?? ""))?.contains { $0.name == "localscratch" } ?? false
        }
        guard !asked else { return [] }
        return [SlurmFinding(
            word, "the script uses $LOCALSCRATCH but does not ask for local disk; on \(profile.title) it exists only with --gres=localscratch:SIZE",
            fixIt: .init("add '#SBATCH --gres=localscratch:20G' (or the size you need)"))]
    }

    /// IO004: NIRD where compute nodes cannot reach or write it.
    static let nird = SlurmLintRule(
        "IO004", .error, .cluster, "/nird/... in a compute job on Saga/Betzy (login nodes only); writing to it on Olivia (read-only)"
    ) { context in
        guard let profile = context.profile, let access = profile.storage?.nird else { return [] }
        let prefixes = profile.storage?.nirdPaths ?? ["/nird/"]
        func isNIRD(_ text: String) -> Bool { prefixes.contains { text.hasPrefix($0) } || text.hasPrefix("/nird/") }
        switch access {
        case "login_only":
            let words = context.script.commands.flatMap { $0.words + $0.outputs } + writeTargets(context)
            var seen = Set<Int>()
            return words.filter { isNIRD($0.text) && seen.insert($0.line).inserted }.map { word in
                SlurmFinding(
                    word, "'\(word.text)' is on NIRD, which \(profile.title) mounts on the login nodes only: a job cannot read or write it; "
                        + "copy the data to the cluster's own storage before submitting")
            }
        case "read_only":
            return writeTargets(context).filter { isNIRD($0.text) }.map { word in
                SlurmFinding(word, "'\(word.text)' is on NIRD, which \(profile.title)'s compute nodes mount read-only: the job cannot write there")
            }
        default:
            return []
        }
    }

    /// IO005: container pulls that cache images in `$HOME`.
    static let containerCache = SlurmLintRule(
        "IO005", .note, .any, "singularity/apptainer pull without APPTAINER_CACHEDIR/SINGULARITY_CACHEDIR outside $HOME"
    ) { context in
        var cacheSet = false
        var findings: [SlurmFinding] = []
        for (command, commandName) in zip(context.script.commands, context.commandNames) {
            // Both variable names end in CACHEDIR; a command without those bytes assigns neither.
            if command.words.contains(where: { SlurmText.utf8Contains($0.text, "CACHEDIR") }) {
                for (name, value) in command.assignments where ["APPTAINER_CACHEDIR", "SINGULARITY_CACHEDIR"].contains(name) {
                    cacheSet = !(value.hasPrefix("$HOME") || value.hasPrefix("${HOME}") || value.hasPrefix("~"))
                }
            }
            guard ["singularity", "apptainer"].contains(commandName ?? ""),
                let action = command.arguments.first(where: { !$0.text.hasPrefix("-") }), ["pull", "build"].contains(action.text), !cacheSet
            else { continue }
            findings.append(SlurmFinding(
                command,
                "'\(command.name ?? "") \(action.text)' caches image layers in $HOME by default, which fills its quota quickly",
                fixIt: .init("export APPTAINER_CACHEDIR=$USERWORK/.apptainer (or another folder outside $HOME) before it")))
        }
        return findings
    }
}
