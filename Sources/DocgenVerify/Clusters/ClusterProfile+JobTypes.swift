extension ClusterProfile {
    /// Whether a job type wants a memory option.
    public enum MemoryPolicy: String, Codable, Sendable, Hashable {
        /// A memory option must be given; a job without one is rejected.
        case required
        /// The documentation says a memory option must be given, but that sbatch rejects a job without one is
        /// not confirmed (Saga); docgen warns.
        case expected
        /// A memory option may be given (the default).
        case optional
        /// A memory option is pointless (whole nodes); warn.
        case discouraged
        /// A memory option is turned off and rejected (Betzy normal, Olivia large).
        case forbidden
    }

    /// A kind of node in a partition.
    public struct NodeType: Codable, Sendable, Hashable {
        /// How many such nodes there are.
        public var count: Int?
        /// CPU cores per node.
        public var cores: Int?
        /// Memory per node in GiB.
        public var memoryGiB: Double?
        /// GPUs per node (as Slurm counts them: 8 GCDs on a LUMI-G node).
        public var gpus: Int?
        /// The GPU model, e.g. `A100`.
        public var gpuModel: String?
        /// Memory per GPU in GiB.
        public var gpuMemoryGiB: Double?
        /// The CPU architecture when it is not x86_64, e.g. `aarch64`.
        public var architecture: String?

        /// Creates a node type.
        public init(count: Int? = nil, cores: Int? = nil, memoryGiB: Double? = nil, gpus: Int? = nil) {
            self.count = count
            self.cores = cores
            self.memoryGiB = memoryGiB
            self.gpus = gpus
        }

        enum CodingKeys: String, CodingKey {
            case count, cores, gpus, architecture
            case memoryGiB = "memory_gib", gpuModel = "gpu_model", gpuMemoryGiB = "gpu_memory_gib"
        }
    }

    /// How a job is billed: billing units = max(CPUs, memory GiB x memory factor, GPUs x GPU factor).
    public struct Billing: Codable, Sendable, Hashable {
        /// Billing units per GiB of memory.
        public var memoryFactor: Double?
        /// Billing units per GPU.
        public var gpuFactor: Double?
        /// Billing units per whole node, for partitions that hand out whole nodes.
        public var unitsPerNode: Double?
        /// The quota the job is charged to when it is not the usual CPU-hour quota (e.g. `GPU hours`).
        public var quota: String?

        enum CodingKeys: String, CodingKey {
            case quota
            case memoryFactor = "memory_factor", gpuFactor = "gpu_factor", unitsPerNode = "units_per_node"
        }
    }

    /// A partition, or job type, and its limits.
    public struct Partition: Codable, Sendable, Hashable {
        /// The name given to `--partition`.
        public var name: String
        /// Whether jobs that name no partition land here.
        public var isDefault: Bool
        /// How to ask for it, in words.
        public var request: String?
        /// The longest `--time` allowed; nil means no limit is known.
        public var maxTime: SlurmTime?
        /// Whether jobs get whole nodes.
        public var wholeNode: Bool
        /// Whether a memory option is required, optional, discouraged or forbidden.
        public var memoryFlag: MemoryPolicy
        /// The number of nodes one job may use.
        public var nodes: Bounds?
        /// The number of GPUs one job may use.
        public var gpusPerJob: Bounds?
        /// The most billing units one job may use.
        public var maxBillingUnits: Double?
        /// The kinds of node.
        public var nodeTypes: [NodeType]
        /// How jobs are billed.
        public var billing: Billing?
        /// Memory per CPU (GiB) above which another partition is the better choice, and which one.
        public var memoryPerCPUAdvice: MemoryAdvice?
        /// A partition with larger GPUs to suggest for large models.
        public var largerGPUPartition: String?
        /// Modules recommended on this partition (e.g. `EESSI/2023.06` on different CPUs).
        public var recommendedModules: [String]
        /// The most jobs a user may have, and the most running.
        public var maxJobs: Int?
        /// The most running jobs per user.
        public var maxRunningJobs: Int?
        /// Whether access must be requested first.
        public var byRequestOnly: Bool
        /// Remarks, e.g. unconfirmed facts.
        public var notes: String?
        /// Where the facts came from.
        public var source: String?

        /// Creates a partition.
        public init(name: String, isDefault: Bool = false, maxTime: SlurmTime? = nil, nodeTypes: [NodeType] = []) {
            self.name = name
            self.isDefault = isDefault
            self.maxTime = maxTime
            self.wholeNode = false
            self.memoryFlag = .optional
            self.nodeTypes = nodeTypes
            self.recommendedModules = []
            self.byRequestOnly = false
        }

        /// The most cores on any node type, if known.
        public var maxCores: Int? { nodeTypes.compactMap(\.cores).max() }
        /// The most memory on any node type, in GiB, if known.
        public var maxMemoryGiB: Double? { nodeTypes.compactMap(\.memoryGiB).max() }
        /// The most GPUs on any node type (0 for CPU partitions).
        public var maxGPUsPerNode: Int { nodeTypes.compactMap(\.gpus).max() ?? 0 }
        /// Whether the partition has GPUs.
        public var hasGPUs: Bool { maxGPUsPerNode > 0 }

        enum CodingKeys: String, CodingKey {
            case name, request, nodes, billing, notes, source
            case isDefault = "default", maxTime = "max_time", wholeNode = "whole_node", memoryFlag = "memory_flag"
            case gpusPerJob = "gpus_per_job", maxBillingUnits = "max_billing_units", nodeTypes = "node_types"
            case memoryPerCPUAdvice = "memory_per_cpu_advice", largerGPUPartition = "larger_gpu_partition"
            case recommendedModules = "recommended_modules", maxJobs = "max_jobs", maxRunningJobs = "max_running_jobs"
            case byRequestOnly = "by_request_only"
        }

        /// Reads a partition, with defaults for the keys left out.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            isDefault = try container.decodeIfPresent(Bool.self, forKey: .isDefault) ?? false
            request = try container.decodeIfPresent(String.self, forKey: .request)
            maxTime = try container.decodeIfPresent(SlurmTime.self, forKey: .maxTime)
            wholeNode = try container.decodeIfPresent(Bool.self, forKey: .wholeNode) ?? false
            memoryFlag = try container.decodeIfPresent(MemoryPolicy.self, forKey: .memoryFlag) ?? .optional
            nodes = try container.decodeIfPresent(Bounds.self, forKey: .nodes)
            gpusPerJob = try container.decodeIfPresent(Bounds.self, forKey: .gpusPerJob)
            maxBillingUnits = try container.decodeIfPresent(Double.self, forKey: .maxBillingUnits)
            nodeTypes = try container.decodeIfPresent([NodeType].self, forKey: .nodeTypes) ?? []
            billing = try container.decodeIfPresent(Billing.self, forKey: .billing)
            memoryPerCPUAdvice = try container.decodeIfPresent(MemoryAdvice.self, forKey: .memoryPerCPUAdvice)
            largerGPUPartition = try container.decodeIfPresent(String.self, forKey: .largerGPUPartition)
            recommendedModules = try container.decodeIfPresent([String].self, forKey: .recommendedModules) ?? []
            maxJobs = try container.decodeIfPresent(Int.self, forKey: .maxJobs)
            maxRunningJobs = try container.decodeIfPresent(Int.self, forKey: .maxRunningJobs)
            byRequestOnly = try container.decodeIfPresent(Bool.self, forKey: .byRequestOnly) ?? false
            notes = try container.decodeIfPresent(String.self, forKey: .notes)
            source = try container.decodeIfPresent(String.self, forKey: .source)
        }
    }

    /// Advice to move to another partition above some memory per CPU (Saga: bigmem above 8 GiB per CPU).
    public struct MemoryAdvice: Codable, Sendable, Hashable {
        /// The memory per CPU, in GiB, above which the advice applies.
        public var aboveGiBPerCPU: Double
        /// The partition to suggest.
        public var partition: String

        enum CodingKeys: String, CodingKey {
            case partition
            case aboveGiBPerCPU = "above_gib_per_cpu"
        }
    }

    /// A QoS (devel, optimist, ...) and its limits, which replace the partition's where given.
    public struct QoS: Codable, Sendable, Hashable {
        /// The name given to `--qos`.
        public var name: String
        /// The longest `--time` allowed; `unlimited` for none; nil to keep the partition's.
        public var maxTime: SlurmTime?
        /// The partitions it can be combined with; nil means any.
        public var partitions: [String]?
        /// The partition the QoS alone selects, when it stands for a job type of its own (Betzy preproc).
        public var selectsPartition: String?
        /// The number of nodes one job may use.
        public var nodes: Bounds?
        /// The number of GPUs one job may use.
        public var gpusPerJob: Bounds?
        /// The most billing units one job may use.
        public var maxBillingUnits: Double?
        /// The most billing units a user may have in use.
        public var maxBillingUnitsInUse: Double?
        /// The most GPUs a user may have in use.
        public var maxGPUsInUse: Int?
        /// The most running jobs per user.
        public var maxRunningJobs: Int?
        /// Whether support must grant access first.
        public var requiresAccess: Bool
        /// Whether jobs can be stopped and requeued at any time (so they need checkpoints).
        public var preemptible: Bool
        /// Remarks.
        public var notes: String?
        /// Where the facts came from.
        public var source: String?

        /// Creates a QoS.
        public init(name: String, maxTime: SlurmTime? = nil, partitions: [String]? = nil) {
            self.name = name
            self.maxTime = maxTime
            self.partitions = partitions
            self.requiresAccess = false
            self.preemptible = false
        }

        enum CodingKeys: String, CodingKey {
            case name, partitions, nodes, notes, source
            case maxTime = "max_time", selectsPartition = "selects_partition", gpusPerJob = "gpus_per_job"
            case maxBillingUnits = "max_billing_units", maxBillingUnitsInUse = "max_billing_units_in_use"
            case maxGPUsInUse = "max_gpus_in_use", maxRunningJobs = "max_running_jobs"
            case requiresAccess = "requires_access", preemptible
        }

        /// Reads a QoS, with defaults for the keys left out.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            maxTime = try container.decodeIfPresent(SlurmTime.self, forKey: .maxTime)
            partitions = try container.decodeIfPresent([String].self, forKey: .partitions)
            selectsPartition = try container.decodeIfPresent(String.self, forKey: .selectsPartition)
            nodes = try container.decodeIfPresent(Bounds.self, forKey: .nodes)
            gpusPerJob = try container.decodeIfPresent(Bounds.self, forKey: .gpusPerJob)
            maxBillingUnits = try container.decodeIfPresent(Double.self, forKey: .maxBillingUnits)
            maxBillingUnitsInUse = try container.decodeIfPresent(Double.self, forKey: .maxBillingUnitsInUse)
            maxGPUsInUse = try container.decodeIfPresent(Int.self, forKey: .maxGPUsInUse)
            maxRunningJobs = try container.decodeIfPresent(Int.self, forKey: .maxRunningJobs)
            requiresAccess = try container.decodeIfPresent(Bool.self, forKey: .requiresAccess) ?? false
            preemptible = try container.decodeIfPresent(Bool.self, forKey: .preemptible) ?? false
            notes = try container.decodeIfPresent(String.self, forKey: .notes)
            source = try container.decodeIfPresent(String.self, forKey: .source)
        }
    }
}
