import Foundation

/// Reads a script written by `JobScriptGenerator` back into its `JobSpec`: the directives through `SlurmScript`,
/// the cluster and file name from the header comment, the modules from `module load` lines, the scratch handling
/// from its `cp`/`cd`/`savefile` lines, and the commands from the section under `# The job's commands`, with the
/// launcher and container prefix taken off again. Anything it does not recognise makes it return nil.
public struct JobScriptReader: Sendable {
    /// The profiles cluster names are looked up in.
    public let catalog: ClusterCatalog

    /// A reader over `catalog`.
    public init(catalog: ClusterCatalog) {
        self.catalog = catalog
    }

    /// The spec, or nil when the script is not one the generator writes.
    public func read(_ text: String) -> JobSpec? {
        let script = SlurmScript(parsing: text)
        guard script.shebang?.text == "#!/bin/bash", script.problems.isEmpty, script.ignoredDirectives.isEmpty,
            script.lines.count > 1, let header = Self.header(script.lines[1])
        else { return nil }
        let profile = catalog.profiles.first { $0.title == header.cluster } ?? catalog.profile(named: header.cluster)
        guard var spec = readDirectives(script, cluster: profile?.name ?? header.cluster) else { return nil }
        let lastDirective = script.directives.last?.line ?? 2
        guard readBody(Array(script.lines.dropFirst(lastDirective)), into: &spec, profile: profile) else { return nil }
        if let profile, let stack = JobScriptGenerator.stackModule(for: spec, profile: profile) {
            guard spec.modules.first == stack else { return nil }
            spec.modules.removeFirst()
        }
        if header.file != JobScriptGenerator.derivedFilename(for: spec) { spec.name = header.file }
        if spec.output == spec.defaultOutput { spec.output = nil }
        return spec
    }

    /// `# FILE: a job script for CLUSTER, made by docgen jobscript`.
    static func header(_ line: String) -> (file: String, cluster: String)? {
        guard line.hasPrefix("# "), line.hasSuffix(JobScriptGenerator.headerEnd),
            let middle = line.range(of: JobScriptGenerator.headerMiddle)
        else { return nil }
        let file = String(line[line.index(line.startIndex, offsetBy: 2)..<middle.lowerBound])
        let cluster = String(line[middle.upperBound...].dropLast(JobScriptGenerator.headerEnd.count))
        guard !file.isEmpty, !cluster.isEmpty else { return nil }
        return (file, cluster)
    }

    private func readDirectives(_ script: SlurmScript, cluster: String) -> JobSpec? {
        var values: [String: String] = [:]
        for directive in script.directives {
            guard directive.written == "--\(directive.option)", let value = directive.value, values[directive.option] == nil else { return nil }
            values[directive.option] = value
        }
        guard let account = values.removeValue(forKey: "account"),
            let timeText = values.removeValue(forKey: "time"), let time = try? SlurmTime.parse(timeText)
        else { return nil }
        var spec = JobSpec(cluster: cluster, account: account, time: time, command: [])
        spec.jobName = values.removeValue(forKey: "job-name")
        spec.partition = values.removeValue(forKey: "partition")
        spec.qos = values.removeValue(forKey: "qos")
        func count(_ option: String) -> Int?? {
            guard let text = values.removeValue(forKey: option) else { return .some(nil) }
            guard text.isDigits, let number = Int(text) else { return nil }
            return .some(number)
        }
        guard let nodes = count("nodes"), let ntasks = count("ntasks"), let perNode = count("ntasks-per-node"),
            let cpus = count("cpus-per-task")
        else { return nil }
        (spec.nodes, spec.ntasks, spec.ntasksPerNode, spec.cpusPerTask) = (nodes, ntasks, perNode, cpus)
        let memories: [(String, (SlurmMemory) -> JobSpec.Memory)] = [
            ("mem-per-cpu", JobSpec.Memory.perCPU), ("mem-per-gpu", JobSpec.Memory.perGPU), ("mem", JobSpec.Memory.perNode),
        ]
        for (option, make) in memories {
            guard let text = values.removeValue(forKey: option) else { continue }
            guard spec.memory == nil, let size = try? SlurmMemory.parse(text) else { return nil }
            spec.memory = make(size)
        }
        for option in ["gpus", "gpus-per-node"] {
            guard let text = values.removeValue(forKey: option) else { continue }
            let fields = text.split(separator: ":").map(String.init)
            guard spec.gpus == nil, (1...2).contains(fields.count), let count = fields.last.flatMap({ Int($0) }) else { return nil }
            spec.gpus = JobSpec.GPUs(count: count, type: fields.count == 2 ? fields[0] : nil, perNode: option == "gpus-per-node")
        }
        if let text = values.removeValue(forKey: "array") {
            guard let array = try? SlurmArraySpec.parse(text) else { return nil }
            spec.array = array
        }
        spec.output = values.removeValue(forKey: "output")
        spec.error = values.removeValue(forKey: "error")
        return values.isEmpty ? spec : nil
    }

    /// The sections of the body, in the order the generator writes them.
    private enum Section {
        case settings, modules, scratch, commands, copyBack
    }

    private func readBody(_ lines: [String], into spec: inout JobSpec, profile: ClusterProfile?) -> Bool {
        var section = Section.settings
        var commandLines: [String] = []
        var marker: String?
        var inputs: [String] = []
        var results: [String]?
        var usesScratch = false
        for line in lines {
            if section == .commands {
                if line.isEmpty {
                    section = .copyBack
                } else {
                    commandLines.append(line)
                }
                continue
            }
            if line.isEmpty { continue }
            if line.hasPrefix(JobScriptGenerator.commandMarker) {
                guard marker == nil else { return false }
                marker = line
                section = .commands
                continue
            }
            if line.hasPrefix("#") { continue }
            let words = line.split(separator: " ").map(String.init)
            switch (section, words.first ?? "") {
            case (.settings, "set") where ["set -o errexit", "set -o nounset"].contains(line):
                continue
            case (.settings, "module"), (.modules, "module"):
                section = .modules
                if line == profile?.modules?.reset || line == "module list" { continue }
                guard words.count == 3, words[1] == "load" else { return false }
                spec.modules.append(words[2])
            case (.settings, "cp"), (.modules, "cp"):
                guard words.count >= 4, words[1] == "-r", words.last == "\"$SCRATCH\"/" else { return false }
                inputs = Array(words.dropFirst(2).dropLast())
                section = .scratch
            case (.settings, "cd"), (.modules, "cd"), (.scratch, "cd"):
                guard line == "cd \"$SCRATCH\"", !usesScratch else { return false }
                usesScratch = true
                section = .scratch
            case (.scratch, "savefile"):
                guard words.count >= 2, results == nil else { return false }
                results = Array(words.dropFirst())
            case (.copyBack, "cp"):
                guard usesScratch, results == nil, words.count >= 4, words[1] == "-r", words.last == "\"$SLURM_SUBMIT_DIR\"/" else { return false }
                let copied = Array(words.dropFirst(2).dropLast())
                results = copied == ["\"$SCRATCH\"/."] ? [] : copied
            default:
                return false
            }
        }
        guard let marker, !commandLines.isEmpty else { return false }
        if usesScratch {
            guard results != nil else { return false }
            spec.scratch = JobSpec.Scratch(inputs: inputs, results: results ?? [])
        } else if !inputs.isEmpty || results != nil {
            return false
        }
        return readCommands(commandLines, marker: marker, into: &spec, profile: profile)
    }

    private func readCommands(_ lines: [String], marker: String, into spec: inout JobSpec, profile: ClusterProfile?) -> Bool {
        spec.mpi = marker.contains(JobScriptGenerator.launcherMarker)
        let inContainer = marker.contains(JobScriptGenerator.containerMarker)
        var prefix = spec.mpi ? JobScriptGenerator.launcher(profile) + " " : ""
        if inContainer {
            guard let first = lines.first(where: { JobScriptGenerator.wraps($0, continued: false) }), first.hasPrefix(prefix) else { return false }
            let words = first.dropFirst(prefix.count).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard words.count >= 3, let runtime = JobSpec.Container.Runtime(rawValue: words[0]), words[1] == "exec" else { return false }
            let nv = words[2] == "--nv"
            guard let image = words.dropFirst(nv ? 3 : 2).first, !image.isEmpty else { return false }
            spec.container = JobSpec.Container(image: image, runtime: runtime)
            prefix += "\(runtime.rawValue) exec " + (nv ? "--nv " : "") + image + " "
            guard nv == JobScriptGenerator.usesNV(spec, profile: profile) else { return false }
        }
        var continued = false
        var commands: [String] = []
        for line in lines {
            if JobScriptGenerator.wraps(line, continued: continued) {
                guard line.hasPrefix(prefix) else { return false }
                let command = String(line.dropFirst(prefix.count))
                guard JobScriptGenerator.wraps(command, continued: false) || prefix.isEmpty else { return false }
                commands.append(command)
            } else {
                commands.append(line)
            }
            continued = line.hasSuffix("\\")
        }
        spec.command = commands
        return true
    }
}
