import DocgenCore
import Foundation

/// The state of one parse: the values read so far and the problems found.
struct JobSpecBuilder {
    let input: JobSpecInput
    let catalog: ClusterCatalog
    var defaultCluster: String?
    var diagnostics: [Diagnostic] = []
    var locations: [String: SourceLocation] = [:]
    var labels: [String: String] = [:]

    init(input: JobSpecInput, catalog: ClusterCatalog) {
        self.input = input
        self.catalog = catalog
    }

    // MARK: - Values read

    var cluster: String?
    var partition: String?
    var qos: String?
    var account: String?
    var jobName: String?
    var name: String?
    var time: SlurmTime?
    var counts: [String: Int] = [:]
    var memories: [(key: String, memory: JobSpec.Memory)] = []
    var gpuRequests: [(key: String, gpus: JobSpec.GPUs)] = []
    var array: SlurmArraySpec?
    var output: String?
    var errorPattern: String?
    var modules: [String] = []
    var container: JobSpec.Container?
    var scratch: JobSpec.Scratch?
    var mpi: Bool?
    var command: [String]?

    /// Characters never allowed in words the generator writes unquoted into the script.
    static let unsafeCharacters = Set(" \t\n\r\"'\\;&|<>()`#")

    // MARK: - Reading

    mutating func read() -> JobSpecParser.Result {
        var seen: Set<String> = []
        for entry in input.entries {
            locations[entry.key] = entry.location
            labels[entry.key] = entry.label
            if !seen.insert(entry.key).inserted {
                error("jobspec.duplicate-key", "\(entry.label) is given twice", at: entry.location)
                continue
            }
            readEntry(entry)
        }
        let spec = finish()
        diagnostics.sort { ($0.location, $0.id, $0.message) < ($1.location, $1.id, $1.message) }
        let hasErrors = diagnostics.contains { $0.severity == .error }
        return JobSpecParser.Result(
            spec: hasErrors ? nil : spec, diagnostics: diagnostics, keyLocations: locations, location: input.location)
    }

    private mutating func readEntry(_ entry: JobSpecInput.Entry) {
        switch entry.key {
        case "cluster": cluster = identifier(entry)?.lowercased()
        case "partition": partition = identifier(entry)
        case "qos": qos = identifier(entry)
        case "account": account = identifier(entry)
        case "job_name": jobName = fileSafe(entry)
        case "name": name = fileSafe(entry)
        case "time":
            guard let text = scalar(entry, "a Slurm time such as \"1:00:00\" or \"2-00:00:00\"") else { return }
            do throws(SlurmValueError) {
                let parsed = try SlurmTime.parse(text)
                time = parsed.isUnlimited ? .unlimited : parsed
            } catch {
                invalid(entry, "\(entry.label): \(error.message)", suggestion: error.suggestion)
            }
        case "nodes", "ntasks", "ntasks_per_node", "cpus_per_task":
            if let number = positiveInteger(entry) { counts[entry.key] = number }
        case "mem", "mem_per_cpu", "mem_per_gpu":
            if let size = memory(entry) {
                let memory: JobSpec.Memory = switch entry.key {
                case "mem": .perNode(size)
                case "mem_per_gpu": .perGPU(size)
                default: .perCPU(size)
                }
                memories.append((entry.key, memory))
            }
        case "gpus", "gpus_per_node":
            if let gpus = gpuRequest(entry, perNode: entry.key == "gpus_per_node") { gpuRequests.append((entry.key, gpus)) }
        case "array":
            guard let text = scalar(entry, "an index range such as \"1-100\" or \"1-100%10\"") else { return }
            do throws(SlurmValueError) {
                array = try SlurmArraySpec.parse(text)
            } catch {
                invalid(entry, "\(entry.label): \(error.message)", suggestion: error.suggestion)
            }
        case "output": output = pattern(entry)
        case "error": errorPattern = pattern(entry)
        case "modules":
            guard let items = stringList(entry, "a list of modules such as [Python/3.11.3-GCCcore-12.3.0]") else { return }
            for (index, item) in items.enumerated() {
                locations["modules.\(index)"] = item.location
                guard let module = safeWord(item.text, entry.label, at: item.location, what: "a module name") else { continue }
                modules.append(module)
            }
        case "container": readContainer(entry)
        case "scratch": readScratch(entry)
        case "mpi": mpi = boolean(entry)
        case "command": readCommand(entry)
        default:
            let suggestion = Suggestion.closest(to: entry.key, in: JobSpecParser.keys)
            error(
                "jobspec.unknown-key",
                "unknown job spec key \(entry.label)\(suggestion.map { " (did you mean '\($0)'?)" } ?? ""); the keys are "
                    + JobSpecParser.keys.joined(separator: ", "),
                at: entry.location, fixIt: suggestion.map { .init("rename it to '\($0)'", replacement: $0) })
        }
    }

    private mutating func readContainer(_ entry: JobSpecInput.Entry) {
        switch entry.value.kind {
        case .scalar(let text):
            if let image = safeWord(text, entry.label, at: entry.value.location, what: "a container image") {
                container = JobSpec.Container(image: image)
            }
        case .mapping(let entries):
            var image: String?
            var runtime = JobSpec.Container.Runtime.apptainer
            for nested in entries {
                locations["container.\(nested.key)"] = nested.location
                switch nested.key {
                case "image":
                    if let text = scalar(nested, "an image path such as $USERWORK/images/pytorch.sif") {
                        image = safeWord(text, nested.label, at: nested.value.location, what: "a container image")
                    }
                case "runtime":
                    guard let text = scalar(nested, "apptainer or singularity") else { continue }
                    if let known = JobSpec.Container.Runtime(rawValue: text.lowercased()) {
                        runtime = known
                    } else {
                        let names = JobSpec.Container.Runtime.allCases.map(\.rawValue)
                        invalid(
                            nested, "\(nested.label) must be apptainer or singularity, not '\(text)'\(Suggestion.didYouMean(text, in: names))",
                            suggestion: Suggestion.closest(to: text, in: names))
                    }
                default:
                    unknownNested(nested, in: "container", keys: JobSpecParser.containerKeys)
                }
            }
            if let image {
                container = JobSpec.Container(image: image, runtime: runtime)
            } else if !entries.contains(where: { $0.key == "image" }) {
                error("jobspec.missing-key", "\(entry.label) needs an 'image', e.g. image: $USERWORK/images/pytorch.sif", at: entry.location)
            }
        default:
            wrongType(entry, "an image path, or a mapping with 'image' and 'runtime'")
        }
    }

    private mutating func readScratch(_ entry: JobSpecInput.Entry) {
        switch entry.value.kind {
        case .scalar:
            if let flag = boolean(entry) { scratch = flag ? JobSpec.Scratch() : nil }
        case .mapping(let entries):
            var result = JobSpec.Scratch()
            for nested in entries {
                locations["scratch.\(nested.key)"] = nested.location
                guard JobSpecParser.scratchKeys.contains(nested.key) else {
                    unknownNested(nested, in: "scratch", keys: JobSpecParser.scratchKeys)
                    continue
                }
                guard let items = stringList(nested, "a list of files or folders") else { continue }
                let paths = items.compactMap { safeWord($0.text, nested.label, at: $0.location, what: "a path") }
                if nested.key == "inputs" { result.inputs = paths } else { result.results = paths }
            }
            scratch = result
        default:
            wrongType(entry, "true, or a mapping with 'inputs' and 'results'")
        }
    }

    private mutating func readCommand(_ entry: JobSpecInput.Entry) {
        let texts: [String]
        switch entry.value.kind {
        case .scalar(let text):
            texts = [text]
        case .list(let items):
            var collected: [String] = []
            for item in items {
                guard case .scalar(let text) = item.kind else {
                    error("jobspec.wrong-type", "each line of \(entry.label) must be text (quote lines that contain ': ')", at: item.location)
                    return
                }
                collected.append(text)
            }
            texts = collected
        default:
            wrongType(entry, "a shell command, or a list of them (quote lines that contain ': ')")
            return
        }
        let lines = texts.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }
            .map { String($0.reversed().drop(while: \.isWhitespace).reversed()) }
            .filter { !$0.isEmpty }
        guard !lines.isEmpty else {
            error("jobspec.invalid-value", "\(entry.label) is empty; give the command the job runs, e.g. python train.py", at: entry.value.location)
            return
        }
        command = lines
    }

    // MARK: - The spec as a whole

    private mutating func finish() -> JobSpec? {
        var profile: ClusterProfile?
        let clusterName = cluster ?? defaultCluster?.lowercased()
        if let cluster, let defaultCluster, cluster != defaultCluster.lowercased() {
            error(
                "jobspec.cluster-mismatch", "the spec says cluster '\(cluster)' but the code block says cluster=\(defaultCluster)",
                at: location("cluster"))
        }
        if let clusterName {
            if let known = catalog.profile(named: clusterName) {
                if known.status == .decommissioned {
                    let date = known.decommissioned.map { " on \($0)" } ?? ""
                    let successor = known.replacedBy.map { "; its projects moved to \(catalog.profile(named: $0)?.title ?? $0)" } ?? ""
                    error(
                        "jobspec.decommissioned-cluster", "\(known.title) was shut down\(date)\(successor), so no job can run there",
                        at: location("cluster"), fixIt: known.replacedBy.map { .init("write the job for \($0)", replacement: $0) })
                } else {
                    profile = known
                }
            } else {
                let names = catalog.profiles.filter { $0.status == .production }.map(\.name)
                let suggestion = Suggestion.closest(to: clusterName, in: names)
                error(
                    "jobspec.unknown-cluster",
                    "unknown cluster '\(clusterName)'\(suggestion.map { " (did you mean '\($0)'?)" } ?? ""); docgen knows "
                        + names.joined(separator: ", "),
                    at: location("cluster"), fixIt: suggestion.map { .init("use '\($0)'", replacement: $0) })
            }
        }
        for (key, what) in [("cluster", "the cluster, e.g. cluster: saga"), ("account", "the project to charge, e.g. account: nn1234k"),
                            ("time", "a time limit, e.g. time: \"1:00:00\""), ("command", "the command to run, e.g. command: python train.py")]
        where locations[key] == nil && !(key == "cluster" && defaultCluster != nil) {
            error("jobspec.missing-key", "the job spec has no '\(key)'; give \(what)", at: input.location)
        }
        if memories.count > 1 {
            let names = memories.map { labels[$0.key] ?? $0.key }
            error(
                "jobspec.conflicting-keys",
                "\(names.joined(separator: " and ")) are mutually exclusive: Slurm takes one of --mem, --mem-per-cpu and --mem-per-gpu",
                at: location(memories[1].key))
        }
        if gpuRequests.count > 1 {
            error(
                "jobspec.conflicting-keys", "give either \(labels["gpus"] ?? "gpus") (for the whole job) or \(labels["gpus_per_node"] ?? "gpus_per_node"), not both",
                at: location(gpuRequests[1].key))
        }
        if case .perGPU? = memories.first?.memory, gpuRequests.isEmpty {
            error("jobspec.invalid-value", "\(labels["mem_per_gpu"] ?? "mem_per_gpu") needs a GPU request (gpus: N)", at: location("mem_per_gpu"))
        }
        if let profile {
            checkPartition(profile)
            if let qos, let known = profile.qos(named: qos) { self.qos = known.name }
            if scratch != nil, profile.storage?.scratch == nil {
                error(
                    "jobspec.no-scratch",
                    "\(profile.title) has no per-job scratch folder ($SCRATCH) that docgen knows of; leave out \(labels["scratch"] ?? "scratch")"
                        + (profile.storage?.areas.map { " and use one of " + $0.values.sorted().joined(separator: ", ") } ?? ""),
                    at: location("scratch"))
            }
        }
        guard let clusterName, let account, let time, let command else { return nil }
        var spec = JobSpec(cluster: profile?.name ?? clusterName, account: account, time: time, command: command)
        spec.partition = partition
        spec.qos = qos
        spec.jobName = jobName
        spec.nodes = counts["nodes"]
        spec.ntasks = counts["ntasks"]
        spec.ntasksPerNode = counts["ntasks_per_node"]
        spec.cpusPerTask = counts["cpus_per_task"]
        spec.memory = memories.first?.memory
        spec.gpus = gpuRequests.first?.gpus
        spec.array = array
        spec.output = output
        spec.error = errorPattern
        spec.container = container
        spec.scratch = scratch
        spec.mpi = mpi ?? ((spec.nodes ?? 1) > 1 || (spec.ntasks ?? 1) > 1 || (spec.ntasksPerNode ?? 1) > 1)
        if let profile, let stack = JobScriptGenerator.stackModule(for: spec, profile: profile) {
            spec.modules = modules.filter { $0 != stack }
        } else {
            spec.modules = modules
        }
        if spec.output == spec.defaultOutput { spec.output = nil }
        spec.name = name
        if name == JobScriptGenerator.derivedFilename(for: spec) { spec.name = nil }
        return spec
    }

    private mutating func checkPartition(_ profile: ClusterProfile) {
        guard !profile.partitions.isEmpty else { return }
        guard let partition else {
            if profile.defaultPartition == nil {
                let selected = qos.flatMap { profile.qos(named: $0)?.selectsPartition }
                if selected == nil {
                    error(
                        "jobspec.missing-key",
                        "\(profile.title) has no default job type docgen knows of; give a partition, one of "
                            + profile.partitions.map(\.name).joined(separator: ", "),
                        at: input.location)
                }
            }
            return
        }
        if let known = profile.partition(named: partition) {
            self.partition = known.name
            return
        }
        if let qos = profile.qos(named: partition) {
            error(
                "jobspec.unknown-partition", "on \(profile.title), \(qos.name) is a QoS, not a partition: write qos: \(qos.name)",
                at: location("partition"), fixIt: .init("write 'qos: \(qos.name)' instead"))
            return
        }
        let names = profile.partitions.map(\.name)
        let suggestion = Suggestion.closest(to: partition, in: names)
        error(
            "jobspec.unknown-partition",
            "\(profile.title) has no partition '\(partition)'\(suggestion.map { " (did you mean '\($0)'?)" } ?? ""); its partitions are "
                + names.joined(separator: ", "),
            at: location("partition"), fixIt: suggestion.map { .init("use '\($0)'", replacement: $0) })
    }

    // MARK: - Scalars

    private func location(_ key: String) -> SourceLocation {
        locations[key] ?? input.location
    }

    private mutating func error(_ id: String, _ message: String, at location: SourceLocation, fixIt: Diagnostic.FixIt? = nil) {
        diagnostics.append(.error(id, message, at: location, fixIt: fixIt))
    }

    private mutating func wrongType(_ entry: JobSpecInput.Entry, _ expected: String) {
        error("jobspec.wrong-type", "\(entry.label) must be \(expected)", at: entry.value.location)
    }

    private mutating func invalid(_ entry: JobSpecInput.Entry, _ message: String, suggestion: String?) {
        error(
            "jobspec.invalid-value", message + (suggestion.map { message.contains("'\($0)'") ? "" : " (did you mean '\($0)'?)" } ?? ""),
            at: entry.value.location, fixIt: suggestion.map { .init("write '\($0)'", replacement: $0) })
    }

    private mutating func unknownNested(_ entry: JobSpecInput.Entry, in parent: String, keys: [String]) {
        let suggestion = Suggestion.closest(to: entry.key, in: keys)
        error(
            "jobspec.unknown-key",
            "unknown key '\(entry.key)' in '\(parent)'\(suggestion.map { " (did you mean '\($0)'?)" } ?? ""); its keys are "
                + keys.joined(separator: ", "),
            at: entry.location, fixIt: suggestion.map { .init("rename it to '\($0)'", replacement: $0) })
    }

    /// A scalar's text, or nil (with a diagnostic) for a list, a mapping or no value.
    private mutating func scalar(_ entry: JobSpecInput.Entry, _ expected: String) -> String? {
        guard case .scalar(let text) = entry.value.kind else {
            wrongType(entry, expected)
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            wrongType(entry, expected)
            return nil
        }
        return trimmed
    }

    /// A name such as a cluster, partition, QoS or account: letters, digits, `_` and `-`.
    private mutating func identifier(_ entry: JobSpecInput.Entry) -> String? {
        guard let text = scalar(entry, "a name") else { return nil }
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            error("jobspec.invalid-value", "\(entry.label) '\(text)' may contain only letters, digits, '_' and '-'", at: entry.value.location)
            return nil
        }
        return text
    }

    /// A job or file name: letters, digits, `.`, `_`, `+` and `-`.
    private mutating func fileSafe(_ entry: JobSpecInput.Entry) -> String? {
        guard let text = scalar(entry, "a name") else { return nil }
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._+-".contains($0)) }), !text.hasPrefix("-"), !text.hasPrefix(".")
        else {
            let fixed = String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._+-".contains($0)) ? $0 : "-" })
            error(
                "jobspec.invalid-value",
                "\(entry.label) '\(text)' may contain only letters, digits, '.', '_', '+' and '-' (it also names the script file), and not start with '-' or '.'",
                at: entry.value.location, fixIt: .init("write '\(fixed)'", replacement: fixed))
            return nil
        }
        return text
    }

    /// A log file pattern: no spaces or quotes.
    private mutating func pattern(_ entry: JobSpecInput.Entry) -> String? {
        guard let text = scalar(entry, "a file name pattern such as \"%x-%j.out\"") else { return nil }
        guard !text.contains(where: { $0.isWhitespace || "\"'\\#".contains($0) }) else {
            error("jobspec.invalid-value", "\(entry.label) '\(text)' must not contain spaces, quotes, '\\' or '#'", at: entry.value.location)
            return nil
        }
        return text
    }

    /// A word written unquoted into the script (module, image, path): no spaces, quotes or shell operators.
    private mutating func safeWord(_ text: String, _ label: String, at location: SourceLocation, what: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            error("jobspec.invalid-value", "\(label) has an empty \(what)", at: location)
            return nil
        }
        if let bad = trimmed.first(where: { JobSpecBuilder.unsafeCharacters.contains($0) }) {
            let shown = bad == " " ? "a space" : bad == "\t" ? "a tab" : "'\(bad)'"
            error("jobspec.invalid-value", "\(label): \(what) '\(trimmed)' must not contain \(shown) (spaces, quotes and shell operators are not allowed)", at: location)
            return nil
        }
        return trimmed
    }

    private mutating func positiveInteger(_ entry: JobSpecInput.Entry) -> Int? {
        guard let text = scalar(entry, "a whole number") else { return nil }
        guard text.isDigits, let number = Int(text), number >= 1, number <= 1_000_000 else {
            error(
                "jobspec.invalid-value",
                "\(entry.label) must be a whole number of 1 or more, not '\(text)'" + (entry.key == "nodes" && text.contains("-") ? " (node ranges are not supported)" : ""),
                at: entry.value.location)
            return nil
        }
        return number
    }

    private mutating func boolean(_ entry: JobSpecInput.Entry) -> Bool? {
        guard let text = scalar(entry, "true or false") else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            wrongType(entry, "true or false")
            return nil
        }
    }

    private mutating func memory(_ entry: JobSpecInput.Entry) -> SlurmMemory? {
        guard let text = scalar(entry, "a memory size such as 4G or 3600M") else { return nil }
        let parsed: SlurmMemory
        do throws(SlurmValueError) {
            parsed = try SlurmMemory.parse(text)
        } catch {
            invalid(entry, "\(entry.label): \(error.message)", suggestion: error.suggestion)
            return nil
        }
        if parsed.isZero, entry.key != "mem" {
            error("jobspec.invalid-value", "\(entry.label) must be more than 0", at: entry.value.location)
            return nil
        }
        let canonical = SlurmMemory(amount: parsed.amount, unit: parsed.unit)
        if !parsed.hasUnit, !parsed.isZero {
            diagnostics.append(.warning(
                "jobspec.memory-unit", "\(entry.label): '\(text)' has no unit, so Slurm reads megabytes; write \(canonical)",
                at: entry.value.location, fixIt: .init("write '\(canonical)'", replacement: canonical.description)))
        } else if parsed.hasNonstandardUnit {
            diagnostics.append(.warning(
                "jobspec.memory-unit", "\(entry.label): Slurm documents only the units K, M, G and T (powers of 1024); write \(canonical)",
                at: entry.value.location, fixIt: .init("write '\(canonical)'", replacement: canonical.description)))
        }
        return canonical
    }

    private mutating func gpuRequest(_ entry: JobSpecInput.Entry, perNode: Bool) -> JobSpec.GPUs? {
        guard let text = scalar(entry, "a GPU count such as 1, or type:count such as a100:2") else { return nil }
        let fields = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let countText = fields.last ?? ""
        let type = fields.count == 2 ? fields[0] : nil
        guard fields.count <= 2, countText.isDigits, let count = Int(countText), count >= 1, count <= 10_000,
            type.map({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) } }) ?? true
        else {
            error("jobspec.invalid-value", "\(entry.label) must be a GPU count of 1 or more such as 2, or type:count such as a100:2, not '\(text)'", at: entry.value.location)
            return nil
        }
        return JobSpec.GPUs(count: count, type: type, perNode: perNode)
    }

    /// A list of scalars (a single scalar counts as a list of one), with their places.
    private mutating func stringList(_ entry: JobSpecInput.Entry, _ expected: String) -> [(text: String, location: SourceLocation)]? {
        switch entry.value.kind {
        case .scalar(let text):
            return [(text, entry.value.location)]
        case .list(let items):
            var result: [(text: String, location: SourceLocation)] = []
            for item in items {
                guard case .scalar(let text) = item.kind else {
                    error("jobspec.wrong-type", "each item of \(entry.label) must be text", at: item.location)
                    return nil
                }
                result.append((text, item.location))
            }
            return result
        default:
            wrongType(entry, expected)
            return nil
        }
    }
}
