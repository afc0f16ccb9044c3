import Foundation

/// A job described by what it needs rather than by `#SBATCH` lines: the cluster, the job type, the resources,
/// the software and the commands. `JobScriptGenerator` turns it into a script in the layout NRIS recommends,
/// and reads such a script back into the same spec. Read one from YAML with `JobSpecParser`.
///
/// Optional values left nil mean "the cluster's default" and emit no directive. The parser normalises a few
/// values so that reading a generated script back gives an equal spec: names and memory sizes are written
/// canonically, a `name` equal to the derived file name and an `output` equal to the default become nil.
public struct JobSpec: Hashable, Sendable {
    /// The cluster's profile name, lowercase (e.g. `saga`).
    public var cluster: String
    /// The partition (job type), e.g. `accel`; nil for the cluster's default job type.
    public var partition: String?
    /// The QoS, e.g. `devel`; nil for none.
    public var qos: String?
    /// The project the job is charged to, e.g. `nn1234k` or `project_465000000`.
    public var account: String
    /// The job's name (`--job-name`); it also names the script file.
    public var jobName: String?
    /// The script's file name when it should not be derived from the job name (e.g. `train.sh`).
    public var name: String?
    /// The time limit.
    public var time: SlurmTime
    /// The number of nodes.
    public var nodes: Int?
    /// The number of tasks (processes) in the whole job.
    public var ntasks: Int?
    /// The number of tasks on each node.
    public var ntasksPerNode: Int?
    /// The CPU cores for each task.
    public var cpusPerTask: Int?
    /// The memory request, per CPU, per GPU or per node; nil on whole-node job types.
    public var memory: Memory?
    /// The GPU request.
    public var gpus: GPUs?
    /// The job array's indices and `%N` limit on tasks running at once.
    public var array: SlurmArraySpec?
    /// The log file pattern (`--output`); nil for `%x-%j.out` (`%x-%A_%a.out` for arrays).
    public var output: String?
    /// A separate pattern for standard error (`--error`); nil to keep it in the output file.
    public var error: String?
    /// Modules to load, with explicit versions (the cluster's software stack module is added by the generator).
    public var modules: [String]
    /// A container image the commands run in.
    public var container: Container?
    /// Whether, and how, the job works in the job's scratch folder.
    public var scratch: Scratch?
    /// Whether each command line is started with the cluster's MPI launcher (`srun`), once per task.
    public var mpi: Bool
    /// The commands, one shell line each (no empty lines).
    public var command: [String]

    /// A spec with the required values; everything else is left to the cluster's defaults.
    public init(cluster: String, account: String, time: SlurmTime, command: [String]) {
        self.cluster = cluster
        self.account = account
        self.time = time
        self.command = command
        self.modules = []
        self.mpi = false
    }

    /// The default log file pattern: `%x-%j.out`, or `%x-%A_%a.out` for arrays.
    public var defaultOutput: String {
        array == nil ? "%x-%j.out" : "%x-%A_%a.out"
    }

    /// The log file pattern the script uses: `output`, or the default.
    public var effectiveOutput: String {
        output ?? defaultOutput
    }
}

extension JobSpec {
    /// How memory is asked for: the three mutually exclusive Slurm options.
    public enum Memory: Hashable, Sendable {
        /// `--mem-per-cpu`.
        case perCPU(SlurmMemory)
        /// `--mem-per-gpu`.
        case perGPU(SlurmMemory)
        /// `--mem` (per node).
        case perNode(SlurmMemory)

        /// The Slurm option without dashes: `mem-per-cpu`, `mem-per-gpu` or `mem`.
        public var option: String {
            switch self {
            case .perCPU: "mem-per-cpu"
            case .perGPU: "mem-per-gpu"
            case .perNode: "mem"
            }
        }

        /// The spec key: `mem_per_cpu`, `mem_per_gpu` or `mem`.
        public var key: String {
            option.replacingOccurrences(of: "-", with: "_")
        }

        /// The size.
        public var size: SlurmMemory {
            switch self {
            case .perCPU(let size), .perGPU(let size), .perNode(let size): size
            }
        }
    }

    /// A GPU request: a count, an optional GPU type, and whether the count is per node or for the whole job.
    public struct GPUs: Hashable, Sendable {
        /// The number of GPUs.
        public var count: Int
        /// The GPU type, e.g. `a100`, when one is named.
        public var type: String?
        /// Whether `count` is per node (`--gpus-per-node`) rather than for the whole job (`--gpus`).
        public var perNode: Bool

        /// Creates a request.
        public init(count: Int, type: String? = nil, perNode: Bool = false) {
            self.count = count
            self.type = type
            self.perNode = perNode
        }

        /// The Slurm option without dashes: `gpus` or `gpus-per-node`.
        public var option: String { perNode ? "gpus-per-node" : "gpus" }

        /// The spec key: `gpus` or `gpus_per_node`.
        public var key: String { perNode ? "gpus_per_node" : "gpus" }

        /// The option's value: `2` or `a100:2`.
        public var value: String { type.map { "\($0):\(count)" } ?? "\(count)" }
    }

    /// A container image and the program that runs it.
    public struct Container: Hashable, Sendable {
        /// The program that runs containers.
        public enum Runtime: String, Hashable, Sendable, CaseIterable {
            /// `apptainer exec`.
            case apptainer
            /// `singularity exec` (the older name of Apptainer).
            case singularity
        }

        /// The image: a `.sif` path (variables such as `$USERWORK` allowed) or a `docker://` reference.
        public var image: String
        /// The program that runs it.
        public var runtime: Runtime

        /// Creates a container.
        public init(image: String, runtime: Runtime = .apptainer) {
            self.image = image
            self.runtime = runtime
        }
    }

    /// Working in `$SCRATCH`: inputs copied in before the commands, results copied back to the submit folder.
    public struct Scratch: Hashable, Sendable {
        /// Files and folders (relative to the submit folder) copied to `$SCRATCH` first.
        public var inputs: [String]
        /// Files and folders copied back to the submit folder; empty means everything in `$SCRATCH`.
        public var results: [String]

        /// Creates scratch handling.
        public init(inputs: [String] = [], results: [String] = []) {
            self.inputs = inputs
            self.results = results
        }
    }
}
