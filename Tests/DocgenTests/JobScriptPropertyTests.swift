import DocgenCore
import DocgenVerify
import Foundation
import Testing

/// The generator's guarantees, checked on thousands of random valid specs per cluster.
@Suite("Job script generator properties")
struct JobScriptPropertyTests {
    static let catalog: ClusterCatalog = (try? ClusterCatalog.bundled()) ?? ClusterCatalog(profiles: [])

    /// Specs per cluster, checked in chunks that run in parallel.
    static let count = 1_000
    static let chunks = 4

    /// Every (cluster, seed, chunk) case: each chunk has its own deterministic seed.
    static let cases: [(String, UInt64, Int)] = [("saga", 0x5A6A), ("betzy", 0xBE72), ("olivia", 0x011A), ("lumi", 0x1C31)].flatMap { cluster, seed in
        (0..<chunks).map { (cluster, seed &+ UInt64($0), $0) }
    }

    @Test("every generated script lints without errors and reads back into the same spec", arguments: cases)
    func generatedScriptsAreValid(_ cluster: String, _ seed: UInt64, _ chunk: Int) throws {
        let profile = try #require(Self.catalog.profile(named: cluster))
        let generator = JobScriptGenerator(catalog: Self.catalog)
        var fast = SlurmLinter(catalog: Self.catalog)
        fast.checksBashSyntax = false
        let full = SlurmLinter(catalog: Self.catalog)
        var specs = RandomSpecs(profile: profile, seed: seed)
        let count = Self.count / Self.chunks
        var warnings: [String] = []
        var failures = 0
        for index in 0..<count {
            let spec = specs.next()
            let script = generator.generate(spec)
            // bash -n runs as a child process: on every 20th script, about 50 per cluster.
            let linter = index % 20 == 0 ? full : fast
            let diagnostics = linter.lint(script, cluster: cluster, origin: SourceLocation(file: "job.sh", line: 1, column: 1))
            let errors = diagnostics.filter { $0.severity == .error }
            warnings += diagnostics.filter { $0.severity == .warning }.map(\.formatted)
            let back = generator.spec(fromScript: script)
            if !errors.isEmpty || back != spec {
                failures += 1
                if failures <= 3 {
                    Issue.record("""
                        spec \(index) of chunk \(chunk) on \(cluster) fails:
                        \(errors.map(\.formatted).joined(separator: "\n"))
                        read back equal: \(back == spec)
                        \(script)
                        """)
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(count) specs failed on \(cluster)")
        #expect(warnings.count <= count / 100, "warnings should be rare: \(warnings.count)\n\(warnings.prefix(5).joined(separator: "\n"))")
    }

    @Test("the YAML and JSON forms of a random spec parse back into the same spec", arguments: ["saga", "betzy", "olivia", "lumi"])
    func textRoundTrip(_ cluster: String) throws {
        let profile = try #require(Self.catalog.profile(named: cluster))
        var specs = RandomSpecs(profile: profile, seed: 42)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for index in 0..<200 {
            let spec = specs.next()
            let json = String(decoding: try encoder.encode(spec), as: UTF8.self)
            for text in [SpecYAML.render(spec), json] {
                let (parsed, diagnostics) = JobSpecParser.parse(yaml: text, file: "spec.yml", firstLine: 1, catalog: Self.catalog)
                #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "spec \(index): \(diagnostics.map(\.formatted))\n\(text)")
                #expect(parsed == spec, "spec \(index) differs after parsing:\n\(text)")
                if parsed != spec { return }
            }
        }
    }

    /// A small, fast, seeded random number generator (SplitMix64), so the property tests see the same specs every run.
    struct SeededRandom: RandomNumberGenerator {
        private var state: UInt64

        init(seed: UInt64) {
            state = seed
        }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Random job specs that are valid for a cluster: a job type its profile lists, and counts, memory, GPUs and
    /// times inside that job type's limits (node counts, cores, memory per node, GPUs per node, billing units).
    struct RandomSpecs {
        let profile: ClusterProfile
        var random: SeededRandom

        init(profile: ClusterProfile, seed: UInt64) {
            self.profile = profile
            self.random = SeededRandom(seed: seed)
        }

        private mutating func chance(_ probability: Double) -> Bool {
            Double.random(in: 0..<1, using: &random) < probability
        }

        private mutating func int(_ range: ClosedRange<Int>) -> Int {
            Int.random(in: range, using: &random)
        }

        private mutating func pick<T>(_ items: [T]) -> T {
            items[int(0...(items.count - 1))]
        }

        private mutating func subset(_ items: [String], max: Int) -> [String] {
            let count = int(0...min(max, items.count))
            return Array(items.shuffled(using: &random).prefix(count))
        }

        /// Modules with explicit versions that suit the cluster (no CUDA on AMD GPUs, no Intel MPI so srun stays right).
        private var moduleChoices: [String] {
            if profile.gpuVendor == .amd {
                return ["LUMI/23.09", "partition/C", "cray-python/3.10.10", "PyTorch/2.2.0-rocm-5.6.1-python-3.10-singularity-20240315", "GROMACS/2023.3-cpeGNU-23.09"]
            }
            return ["Python/3.11.3-GCCcore-12.3.0", "OpenMPI/4.1.5-GCC-12.3.0", "R/4.3.2-gfbf-2023a", "GROMACS/2023.3-foss-2023a", "SciPy-bundle/2023.07-gfbf-2023a"]
        }

        /// Container images that run on any node type (nothing built for x86_64 only).
        private var imageChoices: [String] {
            if profile.gpuVendor == .amd { return ["/project/project_465000000/images/rocm-pytorch.sif", "docker://rocm/pytorch:latest"] }
            return ["$USERWORK/images/pytorch.sif", "/cluster/projects/nn1234k/containers/tools_1.2.sif", "docker://ghcr.io/example/analysis:1.0"]
        }

        private mutating func account() -> String {
            profile.name == "lumi" ? "project_465\(int(100_000...999_999))" : "nn\(int(1000...9999))k"
        }

        /// A job type (partition and QoS) the profile lists, combined the way the profile allows.
        private mutating func jobType() -> (partition: ClusterProfile.Partition, name: String?, qos: ClusterProfile.QoS?) {
            let partitions = profile.partitions.filter { !$0.byRequestOnly || chance(0.3) }
            let partition = pick(partitions.isEmpty ? profile.partitions : partitions)
            let qosChoices = profile.qos.filter { qos in
                qos.selectsPartition == nil && (qos.partitions?.contains(partition.name) ?? true)
            }
            var qos: ClusterProfile.QoS?
            if !qosChoices.isEmpty, chance(0.25) {
                let chosen = pick(qosChoices)
                qos = chosen.preemptible && chance(0.7) ? nil : chosen
            }
            if let selecting = profile.qos.first(where: { $0.selectsPartition == partition.name }), chance(0.3) {
                return (partition, nil, selecting)
            }
            let name: String? = partition.isDefault && chance(0.5) ? nil : partition.name
            return (partition, name, qos)
        }

        mutating func next() -> JobSpec {
            let (partition, partitionName, qos) = jobType()
            let maxTime = (qos?.maxTime ?? partition.maxTime).flatMap { $0.isUnlimited ? nil : $0.seconds } ?? 14 * 86_400
            let minutes = int(1...max(1, maxTime / 60))
            var spec = JobSpec(cluster: profile.name, account: account(), time: SlurmTime(seconds: minutes * 60), command: [])
            spec.partition = partitionName
            spec.qos = qos?.name

            // Nodes, tasks and cores inside the node type (the smallest, so the job fits on any node of the type).
            let cores = partition.nodeTypes.compactMap(\.cores).min() ?? (partition.hasGPUs ? 56 : 32)
            let nodeMemoryGiB = partition.nodeTypes.compactMap(\.memoryGiB).min() ?? (partition.hasGPUs ? 480 : 200)
            let bounds = qos?.nodes ?? partition.nodes
            let minNodes = bounds?.min ?? 1
            let maxNodes = partition.nodeTypes.isEmpty ? 1 : min(bounds?.max ?? 8, 8)
            let billingLimit = [qos?.maxBillingUnits, partition.maxBillingUnits].compactMap { $0 }.min() ?? .infinity
            let billing = partition.billing
            let gpusPerNodeLimit = partition.maxGPUsPerNode
            let gpuJobLimit = [qos?.gpusPerJob?.max, partition.gpusPerJob?.max].compactMap { $0 }.min() ?? Int.max
            let wantsGPUs = partition.hasGPUs || (partition.gpusPerJob != nil && chance(0.5))

            var nodes = 1
            if partition.wholeNode || maxNodes > 1 && chance(0.35) {
                nodes = int(minNodes...max(minNodes, maxNodes))
                spec.nodes = nodes
            } else if chance(0.2) {
                spec.nodes = 1
            }
            var tasksPerNode = 1
            var cpusPerTask = 1
            let cpuBudget = min(cores, Int(min(billingLimit, 1e6)) / nodes)
            if chance(0.7) {
                cpusPerTask = int(1...max(1, min(cpuBudget, 16)))
                spec.cpusPerTask = cpusPerTask == 1 && chance(0.5) ? nil : cpusPerTask
            }
            if chance(0.6) {
                tasksPerNode = int(1...max(1, min(cpuBudget / cpusPerTask, 64)))
                if nodes > 1 || spec.nodes != nil && chance(0.5) {
                    spec.ntasksPerNode = tasksPerNode
                } else {
                    spec.ntasks = tasksPerNode
                }
            }
            let cpusPerNode = partition.wholeNode ? cores : tasksPerNode * cpusPerTask
            let totalCPUs = cpusPerNode * nodes

            var gpusPerNode = 0
            if wantsGPUs {
                let perNodeMax = max(1, min(gpusPerNodeLimit == 0 ? 1 : gpusPerNodeLimit, gpuJobLimit / nodes))
                var perNode = int(1...perNodeMax)
                if let factor = billing?.gpuFactor, billing?.quota == nil {
                    while perNode > 1, Double(perNode * nodes) * factor > billingLimit { perNode -= 1 }
                }
                gpusPerNode = perNode
                let type = profile.name == "saga" && partition.name == "a100" && chance(0.3) ? "a100" : nil
                spec.gpus = nodes > 1 && chance(0.5) || partition.wholeNode && chance(0.5)
                    ? JobSpec.GPUs(count: perNode, type: type, perNode: true)
                    : JobSpec.GPUs(count: perNode * nodes, type: type)
            }

            let wantsMemory: Bool = switch partition.memoryFlag {
            case .required, .expected: true
            case .optional: chance(0.5)
            case .discouraged, .forbidden: false
            }
            if wantsMemory {
                let factor = billing?.memoryFactor ?? 0
                let maxTotalGiB = factor > 0 ? billingLimit / factor : .infinity
                let scope = gpusPerNode > 0 && chance(0.4) ? 1 : chance(0.2) ? 2 : 0
                let units = [cpusPerNode, max(1, gpusPerNode), 1][scope]
                let jobUnits = [totalCPUs, max(1, gpusPerNode * nodes), nodes][scope]
                let perUnitGiB = min(nodeMemoryGiB / Double(units), maxTotalGiB / Double(jobUnits), 64)
                let mebibytes = int(256...max(256, Int(perUnitGiB * 1024)))
                let size = mebibytes % 1024 == 0 || chance(0.5) && mebibytes >= 1024
                    ? SlurmMemory(amount: mebibytes / 1024, unit: .gigabytes) : SlurmMemory(amount: mebibytes, unit: .megabytes)
                spec.memory = [JobSpec.Memory.perCPU(size), .perGPU(size), .perNode(size)][scope]
            }

            if chance(0.2) {
                let start = int(0...1000)
                let end = start + int(0...999)
                let step = chance(0.2) ? int(1...5) : 1
                let text = "\(start)-\(end)" + (step > 1 ? ":\(step)" : "") + (chance(0.5) ? "%\(int(1...50))" : "")
                spec.array = try? SlurmArraySpec.parse(text)
            }
            if chance(0.2) { spec.output = pick(spec.array == nil ? ["%x_%j.log", "slurm-%j.out", "logs-%x-%j.txt"] : ["%x_%A_%a.log", "task-%a.out"]) }
            if chance(0.1) { spec.error = spec.array == nil ? "%x-%j.err" : "%x-%A_%a.err" }
            if chance(0.7) { spec.jobName = pick(["train-classifier", "simulate", "array_job", "analysis.v2", "run+eval"]) }
            if chance(0.1) { spec.name = "my-" + (spec.jobName ?? "job") + ".sh" }
            spec.modules = subset(moduleChoices, max: 3)
            if chance(0.25) {
                spec.container = JobSpec.Container(image: pick(imageChoices), runtime: chance(0.7) ? .apptainer : .singularity)
            }
            if profile.storage?.scratch != nil, chance(0.2) {
                spec.scratch = JobSpec.Scratch(inputs: subset(["data", "config.yml", "inputs/*.csv"], max: 2), results: subset(["results", "model.pt"], max: 2))
            }
            let tasks = spec.ntasks ?? (spec.ntasksPerNode.map { $0 * nodes }) ?? 1
            spec.mpi = nodes > 1 || tasks > 1 || chance(0.1)
            var command = [pick(["python train.py --epochs 10", "./simulate --input data/in.nc --steps 1000", "Rscript analysis.R", "./model"])]
            if qos?.preemptible == true { command = ["python train.py --resume-from-checkpoint checkpoints/last.ckpt"] }
            if spec.array != nil, chance(0.5) { command.append("echo \"task $SLURM_ARRAY_TASK_ID done\"") }
            if chance(0.15) { command += ["python evaluate.py \\", "    --model model.pt"] }
            if chance(0.1) { command.insert("# prepare the run", at: 0) }
            spec.command = command
            return spec
        }
    }

    /// Writes a spec in the YAML form `JobSpecParser` reads (for the tests).
    enum SpecYAML {
        static func render(_ spec: JobSpec) -> String {
            func quoted(_ text: String) -> String {
                "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
            var lines = ["cluster: \(spec.cluster)"]
            if let partition = spec.partition { lines.append("partition: \(partition)") }
            if let qos = spec.qos { lines.append("qos: \(qos)") }
            lines.append("account: \(spec.account)")
            if let jobName = spec.jobName { lines.append("job_name: \(quoted(jobName))") }
            if let name = spec.name { lines.append("name: \(name)") }
            lines.append("time: \(quoted(spec.time.formatted))")
            if let nodes = spec.nodes { lines.append("nodes: \(nodes)") }
            if let ntasks = spec.ntasks { lines.append("ntasks: \(ntasks)") }
            if let perNode = spec.ntasksPerNode { lines.append("ntasks_per_node: \(perNode)") }
            if let cpus = spec.cpusPerTask { lines.append("cpus_per_task: \(cpus)") }
            if let memory = spec.memory { lines.append("\(memory.key): \(memory.size)") }
            if let gpus = spec.gpus { lines.append("\(gpus.key): \(gpus.value)") }
            if let array = spec.array { lines.append("array: \(quoted(array.description))") }
            if let output = spec.output { lines.append("output: \(quoted(output))") }
            if let error = spec.error { lines.append("error: \(quoted(error))") }
            if !spec.modules.isEmpty { lines.append("modules:"); lines += spec.modules.map { "  - \($0)" } }
            if let container = spec.container { lines += ["container:", "  image: \(quoted(container.image))", "  runtime: \(container.runtime.rawValue)"] }
            if let scratch = spec.scratch {
                lines += ["scratch:", "  inputs: [\(scratch.inputs.map(quoted).joined(separator: ", "))]", "  results: [\(scratch.results.map(quoted).joined(separator: ", "))]"]
            }
            lines.append("mpi: \(spec.mpi)")
            lines.append("command:")
            lines += spec.command.map { "  - \(quoted($0))" }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
