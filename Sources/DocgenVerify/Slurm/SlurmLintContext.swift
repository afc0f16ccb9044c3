import Foundation

/// A script with its request worked out once for every rule: the job type (partition and QoS), time,
/// nodes, CPUs, memory and GPUs, per node and in total where they can be known.
struct SlurmLintContext: Sendable {
    /// How memory was asked for.
    enum MemoryScope: String, Sendable {
        case node = "--mem", cpu = "--mem-per-cpu", gpu = "--mem-per-gpu"
    }

    let script: SlurmScript
    /// The cluster asked for.
    let request: ClusterRequest
    /// The profile, when the script is linted against a cluster that still runs jobs.
    let profile: ClusterProfile?

    let partitionDirective: SlurmDirective?
    /// The partition the job runs in (named, selected by its QoS, or the default), if the profile knows it.
    let partition: ClusterProfile.Partition?
    let qosDirective: SlurmDirective?
    /// The QoS, if the profile knows it.
    let qos: ClusterProfile.QoS?

    let timeDirective: SlurmDirective?
    let time: SlurmTime?
    let nodesDirective: SlurmDirective?
    /// `--nodes=N` or `--nodes=MIN-MAX`.
    let nodes: (min: Int, max: Int)?
    let ntasks: Int?
    let ntasksPerNode: Int?
    let cpusPerTask: Int?
    let cpusPerGPU: Int?
    let memoryDirective: SlurmDirective?
    let memory: SlurmMemory?
    let memoryScope: MemoryScope?
    let gpuDirective: SlurmDirective?
    let gpu: SlurmGPURequest?
    let arrayDirective: SlurmDirective?
    let array: SlurmArraySpec?

    /// The interpreter the shebang names; several rules ask, so it is read once.
    let interpreter: String?
    /// The name of each of the script's commands (`script.commands[i].name`), worked out once for every rule.
    let commandNames: [String?]
    /// The `module`/`ml` commands of the body, with the subcommand, its options and its arguments.
    let moduleCommands: [(command: ShellCommand, subcommand: String, options: [String], arguments: [ShellWord])]
    /// `module load` arguments in order, with their words.
    let loadedModules: [ShellWord]
    /// The body's `set` commands, read once for the two rules about them (SH001, SH002).
    let setCommands: [ShellRules.SetCommand]

    init(script: SlurmScript, request: ClusterRequest) {
        self.script = script
        self.request = request
        let profile = request.profile?.status == .production ? request.profile : nil
        self.profile = profile
        func integer(_ option: String) -> Int? {
            script.last(option)?.value.flatMap { $0.isDigits ? Int($0) : nil }
        }
        partitionDirective = script.last("partition")
        qosDirective = script.last("qos")
        let qos = qosDirective?.value.flatMap { profile?.qos(named: $0) }
        self.qos = qos
        if let names = partitionDirective?.value {
            partition = names.split(separator: ",").lazy.compactMap { profile?.partition(named: String($0)) }.first
        } else if let selected = qos?.selectsPartition {
            partition = profile?.partition(named: selected)
        } else {
            partition = profile?.defaultPartition
        }
        timeDirective = script.last("time")
        time = timeDirective?.value.flatMap { try? SlurmTime.parse($0) }
        nodesDirective = script.last("nodes")
        nodes = nodesDirective?.value.flatMap(Self.nodeRange)
        ntasks = integer("ntasks")
        ntasksPerNode = integer("ntasks-per-node")
        cpusPerTask = integer("cpus-per-task")
        cpusPerGPU = integer("cpus-per-gpu")
        memoryDirective = script.directives.last { ["mem", "mem-per-cpu", "mem-per-gpu"].contains($0.option) }
        memory = memoryDirective?.value.flatMap { try? SlurmMemory.parse($0) }
        memoryScope = memoryDirective.flatMap { MemoryScope(rawValue: "--\($0.option)") }
        gpuDirective = script.directives.last { directive in
            guard let value = directive.value else { return false }
            return (try? SlurmGPURequest.parse(option: directive.option, value: value)) != nil
        }
        gpu = gpuDirective.flatMap { directive in directive.value.flatMap { try? SlurmGPURequest.parse(option: directive.option, value: $0) } }
        arrayDirective = script.last("array")
        array = arrayDirective?.value.flatMap { try? SlurmArraySpec.parse($0) }
        interpreter = script.interpreter
        let nameIndices = script.commands.map(\.nameIndex)
        let commandNames = zip(script.commands, nameIndices).map { command, index in index.map { command.words[$0].text } }
        self.commandNames = commandNames
        let moduleCommands = Self.moduleCommands(script.commands, nameIndices: nameIndices)
        self.moduleCommands = moduleCommands
        loadedModules = moduleCommands.filter { ["load", "add"].contains($0.subcommand) }.flatMap(\.arguments)
        setCommands = ShellRules.setCommands(zip(script.commands, commandNames).compactMap { command, name in name == "set" ? command : nil })
    }

    /// `N` or `MIN-MAX`.
    static func nodeRange(_ value: String) -> (min: Int, max: Int)? {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy(\.isDigits),
            let low = Int(parts[0]), let high = Int(parts[parts.count - 1]), low <= high
        else { return nil }
        return (low, high)
    }

    // MARK: - Derived quantities

    /// The cluster's name in prose, e.g. `Saga`.
    var clusterTitle: String { profile?.title ?? "this cluster" }

    /// E.g. `Saga's normal job type`.
    var jobTypeName: String {
        guard let partition else { return "the job type" }
        return "\(clusterTitle)'s \(partition.name) job type"
    }

    /// CPUs per task (1 when not given).
    var cpusPerTaskOrOne: Int { cpusPerTask ?? 1 }

    /// Tasks per node, when it can be known.
    var tasksPerNode: Int? {
        if let ntasksPerNode { return ntasksPerNode }
        if nodes?.max == 1 || (nodes == nil && partition?.nodes?.max == 1) { return ntasks ?? 1 }
        return ntasks == nil ? 1 : nil
    }

    /// The smallest number of nodes the job gets: as asked, or implied by tasks and cores.
    var nodeCount: Int {
        if let nodes { return nodes.min }
        if let ntasks, let ntasksPerNode, ntasksPerNode > 0 { return (ntasks + ntasksPerNode - 1) / ntasksPerNode }
        if let ntasks, let cores = partition?.maxCores, cores > 0 {
            return max(1, (ntasks * cpusPerTaskOrOne + cores - 1) / cores)
        }
        return 1
    }

    /// GPUs per node, when it can be known.
    var gpusPerNode: Int? {
        guard let gpu else { return nil }
        switch gpu.scope {
        case .node: return gpu.count
        case .job: return nodes.map { max(1, (gpu.count + $0.min - 1) / $0.min) } ?? (partition?.nodes?.max == 1 ? gpu.count : nil)
        case .task: return tasksPerNode.map { $0 * gpu.count }
        case .socket: return nil
        }
    }

    /// GPUs for the whole job, when it can be known.
    var totalGPUs: Int? {
        guard let gpu else { return nil }
        switch gpu.scope {
        case .job: return gpu.count
        case .node: return gpu.count * nodeCount
        case .task: return (ntasks ?? (ntasksPerNode.map { $0 * nodeCount }) ?? 1) * gpu.count
        case .socket: return nil
        }
    }

    /// CPUs per node, when it can be known.
    var cpusPerNode: Int? {
        if partition?.wholeNode == true, let cores = partition?.maxCores { return cores }
        if let tasksPerNode { return tasksPerNode * cpusPerTaskOrOne }
        if let cpusPerGPU, let gpusPerNode { return cpusPerGPU * gpusPerNode }
        return nil
    }

    /// CPUs for the whole job.
    var totalCPUs: Int {
        if partition?.wholeNode == true, let cores = partition?.maxCores { return cores * nodeCount }
        if let cpusPerGPU, let totalGPUs { return cpusPerGPU * totalGPUs }
        if let ntasks { return ntasks * cpusPerTaskOrOne }
        if let ntasksPerNode { return ntasksPerNode * nodeCount * cpusPerTaskOrOne }
        return cpusPerTaskOrOne * nodeCount
    }

    /// Memory per node in GiB, as asked; a lower bound when tasks may spread over nodes.
    var memoryPerNodeGiB: Double? {
        guard let memory, let memoryScope, !memory.isZero else { return nil }
        switch memoryScope {
        case .node: return memory.gibibytes
        case .cpu: return memory.gibibytes * Double(cpusPerNode ?? cpusPerTaskOrOne)
        case .gpu: return memory.gibibytes * Double(gpusPerNode ?? 1)
        }
    }

    /// Memory for the whole job in GiB.
    var totalMemoryGiB: Double? {
        guard let memory, let memoryScope, !memory.isZero else { return nil }
        switch memoryScope {
        case .node: return memory.gibibytes * Double(nodeCount)
        case .cpu: return memory.gibibytes * Double(totalCPUs)
        case .gpu: return memory.gibibytes * Double(totalGPUs ?? 1)
        }
    }

    /// Whether the job asks for GPUs.
    var asksForGPUs: Bool { gpu.map { $0.count > 0 } ?? false }

    /// The job type's time limit: the QoS's where it sets one, else the partition's.
    var maxTime: (time: SlurmTime, owner: String)? {
        if let qos, let time = qos.maxTime { return (time, "QoS \(qos.name) on \(clusterTitle)") }
        if let partition, let time = partition.maxTime { return (time, jobTypeName) }
        return nil
    }

    /// The node bounds: the QoS's where it sets them, else the partition's.
    var nodeBounds: (bounds: ClusterProfile.Bounds, owner: String)? {
        if let qos, let bounds = qos.nodes { return (bounds, "QoS \(qos.name) on \(clusterTitle)") }
        if let partition, let bounds = partition.nodes { return (bounds, jobTypeName) }
        return nil
    }

    /// Where to report something missing from the header: the first directive, or line 1.
    var headerLocation: (line: Int, column: Int) {
        (script.directives.first?.line ?? script.shebang.map { _ in 1 } ?? 1, 1)
    }

    /// The body's commands named one of `names` (e.g. `srun`).
    func commands(named names: Set<String>) -> [ShellCommand] {
        zip(script.commands, commandNames).compactMap { command, name in
            name.map(names.contains) == true ? command : nil
        }
    }

    /// The body's commands named `name`.
    func commands(named name: String) -> [ShellCommand] {
        zip(script.commands, commandNames).compactMap { command, commandName in commandName == name ? command : nil }
    }

    /// Whether the shell rules apply: the script is a shell script (or has no shebang).
    var isShellScript: Bool {
        guard let interpreter else { return true }
        return ["bash", "sh", "dash", "ksh", "zsh"].contains(interpreter)
    }

    /// The `module`/`ml` commands among `commands`, whose names are at `nameIndices`.
    private static func moduleCommands(
        _ commands: [ShellCommand], nameIndices: [Int?]
    ) -> [(command: ShellCommand, subcommand: String, options: [String], arguments: [ShellWord])] {
        zip(commands, nameIndices).compactMap { command, nameIndex in
            guard let nameIndex else { return nil }
            let name = command.words[nameIndex].text
            guard name == "module" || name == "ml" else { return nil }
            // `command.arguments`, from the name index already found.
            let words = Array(command.words[(nameIndex + 1)...])
            let options = words.prefix { $0.text.hasPrefix("-") }.map(\.text)
            let rest = words.dropFirst(options.count)
            if name == "ml" {
                guard let first = rest.first else { return (command, "list", options, []) }
                let known = ["load", "add", "unload", "purge", "reset", "list", "avail", "spider", "use", "restore", "save", "show"]
                if known.contains(first.text) {
                    return (command, first.text, options, Array(rest.dropFirst()))
                }
                return (command, "load", options, Array(rest))
            }
            guard let subcommand = rest.first else { return nil }
            let trailing = rest.dropFirst()
            let moreOptions = trailing.prefix { $0.text.hasPrefix("-") }.map(\.text)
            return (command, subcommand.text, options + moreOptions, Array(trailing.dropFirst(moreOptions.count)))
        }
    }
}
