/// What docgen knows about one cluster: login, accounts, job types (partitions and QoS), storage, and
/// where each fact came from. Read from `Resources/clusters/NAME.yml`, or from a site's `docgen.yml` under
/// `clusters:`; keys are snake_case and everything except `name` may be left out.
public struct ClusterProfile: Codable, Sendable, Hashable {
    /// Whether the cluster still runs jobs.
    public enum Status: String, Codable, Sendable, Hashable {
        case production, decommissioned
    }

    /// Whose GPUs the cluster has, which decides `--nv` and CUDA advice.
    public enum GPUVendor: String, Codable, Sendable, Hashable {
        case nvidia, amd, none
    }

    /// The cluster's name as used in `cluster=` and `--cluster`, lowercase (e.g. `saga`).
    public var name: String
    /// The name in prose (e.g. `Saga`); defaults to the name capitalised.
    public var displayName: String?
    /// `production` (default) or `decommissioned`.
    public var status: Status
    /// The day a decommissioned cluster was shut down, e.g. `2025-12-04`.
    public var decommissioned: String?
    /// The cluster that took over a decommissioned one's projects.
    public var replacedBy: String?
    /// The host users log in to, e.g. `saga.sigma2.no`.
    public var loginHost: String?
    /// The host name in the shell prompt, e.g. `SAGA` in `[user@login-5.SAGA ~]$`.
    public var promptHost: String?
    /// An example prompt, e.g. `[user@login-5.SAGA ~]$`.
    public var promptExample: String?
    /// The project (account) naming rules.
    public var account: Account?
    /// The GPU vendor.
    public var gpuVendor: GPUVendor
    /// How to launch MPI programs.
    public var mpi: MPI?
    /// How the module system should be used.
    public var modules: Modules?
    /// Whether `--mail-type` notifications work: `supported`, `unreliable` or `unsupported`.
    public var emailNotifications: String?
    /// Limits on job arrays.
    public var arrays: ArrayLimits?
    /// Storage facts the rules use.
    public var storage: Storage?
    /// The partitions (job types selected with `--partition` or by default).
    public var partitions: [Partition]
    /// The QoS levels (job types selected with `--qos`, e.g. devel).
    public var qos: [QoS]
    /// Where the facts came from.
    public var sources: [Source]
    /// Free-form remarks, e.g. facts that are not confirmed.
    public var notes: [String]

    /// The name in prose.
    public var title: String { displayName ?? name.prefix(1).uppercased() + name.dropFirst() }

    /// The partition used when a job names none.
    public var defaultPartition: Partition? { partitions.first { $0.isDefault } }

    /// The partition called `name` (case-insensitive).
    public func partition(named name: String) -> Partition? {
        partitions.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The QoS called `name` (case-insensitive).
    public func qos(named name: String) -> QoS? {
        qos.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Creates a profile; only the name is required.
    public init(
        name: String, displayName: String? = nil, status: Status = .production, gpuVendor: GPUVendor = .none,
        partitions: [Partition] = [], qos: [QoS] = [], sources: [Source] = []
    ) {
        self.name = name
        self.displayName = displayName
        self.status = status
        self.gpuVendor = gpuVendor
        self.partitions = partitions
        self.qos = qos
        self.sources = sources
        self.notes = []
    }

    enum CodingKeys: String, CodingKey {
        case name, status, decommissioned, account, mpi, modules, arrays, storage, partitions, qos, sources, notes
        case displayName = "display_name", replacedBy = "replaced_by", loginHost = "login_host"
        case promptHost = "prompt_host", promptExample = "prompt_example", gpuVendor = "gpu_vendor"
        case emailNotifications = "email_notifications"
    }

    /// Reads a profile, filling in defaults for every key left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name).lowercased()
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
        status = try container.decodeIfPresent(Status.self, forKey: .status) ?? .production
        decommissioned = try container.decodeIfPresent(String.self, forKey: .decommissioned)
        replacedBy = try container.decodeIfPresent(String.self, forKey: .replacedBy)
        loginHost = try container.decodeIfPresent(String.self, forKey: .loginHost)
        promptHost = try container.decodeIfPresent(String.self, forKey: .promptHost)
        promptExample = try container.decodeIfPresent(String.self, forKey: .promptExample)
        account = try container.decodeIfPresent(Account.self, forKey: .account)
        gpuVendor = try container.decodeIfPresent(GPUVendor.self, forKey: .gpuVendor) ?? .none
        mpi = try container.decodeIfPresent(MPI.self, forKey: .mpi)
        modules = try container.decodeIfPresent(Modules.self, forKey: .modules)
        emailNotifications = try container.decodeIfPresent(String.self, forKey: .emailNotifications)
        arrays = try container.decodeIfPresent(ArrayLimits.self, forKey: .arrays)
        storage = try container.decodeIfPresent(Storage.self, forKey: .storage)
        partitions = try container.decodeIfPresent([Partition].self, forKey: .partitions) ?? []
        qos = try container.decodeIfPresent([QoS].self, forKey: .qos) ?? []
        sources = try container.decodeIfPresent([Source].self, forKey: .sources) ?? []
        notes = try container.decodeIfPresent([String].self, forKey: .notes) ?? []
    }
}

extension ClusterProfile {
    /// Project (account) names: the pattern sbatch accepts, the usual form, and an example.
    public struct Account: Codable, Sendable, Hashable {
        /// A regular expression every project name matches, e.g. `^nn[0-9]{4}[a-z]$`.
        public var pattern: String
        /// The usual form; names that match `pattern` but not this get a warning.
        public var preferredPattern: String?
        /// An example, e.g. `nn1234k`.
        public var example: String
        /// The command that lists a user's projects, e.g. `projects`.
        public var listCommand: String?
        /// The command that shows a project's compute quota, e.g. `cost -p PROJECT`.
        public var quotaCommand: String?

        enum CodingKeys: String, CodingKey {
            case pattern, example
            case preferredPattern = "preferred_pattern", listCommand = "list_command", quotaCommand = "quota_command"
        }
    }

    /// How MPI programs are started.
    public struct MPI: Codable, Sendable, Hashable {
        /// The recommended launcher, e.g. `srun`.
        public var launcher: String?
        /// The advice in words.
        public var advice: String?
        /// Module name prefixes that make `mpirun` acceptable (e.g. the Intel toolchain); empty means `mpirun` is fine.
        public var mpirunOnlyWith: [String]?

        enum CodingKeys: String, CodingKey {
            case launcher, advice
            case mpirunOnlyWith = "mpirun_only_with"
        }
    }

    /// How the module system should be used in job scripts.
    public struct Modules: Codable, Sendable, Hashable {
        /// The command that resets the environment, e.g. `module --quiet reset`; when set, rules recommend it over `purge`.
        public var reset: String?
        /// Modules a job on a GPU partition should load (e.g. `NRIS/GPU`).
        public var gpuStack: String?
        /// Modules a job on a CPU partition should load (e.g. `NRIS/CPU`).
        public var cpuStack: String?

        enum CodingKeys: String, CodingKey {
            case reset
            case gpuStack = "gpu_stack", cpuStack = "cpu_stack"
        }
    }

    /// Limits on `--array`.
    public struct ArrayLimits: Codable, Sendable, Hashable {
        /// The most tasks one array may have.
        public var maxTasks: Int?
        /// The highest task index allowed.
        public var maxIndex: Int?

        enum CodingKeys: String, CodingKey {
            case maxTasks = "max_tasks", maxIndex = "max_index"
        }
    }

    /// Storage facts used by the rules.
    public struct Storage: Codable, Sendable, Hashable {
        /// `$HOME`, e.g. `/cluster/home/$USER`.
        public var home: String?
        /// The home quota in words, e.g. `20 GiB / 100k files`; set it to warn about output in `$HOME`.
        public var homeQuota: String?
        /// What `$SCRATCH` is, e.g. `/cluster/work/jobs/$SLURM_JOB_ID`.
        public var scratch: String?
        /// Whether `$SCRATCH` is deleted when the job ends (so results must be copied back).
        public var scratchDeletedAtJobEnd: Bool?
        /// How `$LOCALSCRATCH` is had: `gres` (ask with `--gres=localscratch:SIZE`), `none` (it does not exist)
        /// or `unknown` (default).
        public var localScratch: String?
        /// Where NIRD is mounted: `login_only`, `read_only` (on compute nodes), `read_write` or `unknown` (default).
        public var nird: String?
        /// The NIRD paths, e.g. `/nird/datapeak`.
        public var nirdPaths: [String]?
        /// Other areas, for documentation (work, project).
        public var areas: [String: String]?

        enum CodingKeys: String, CodingKey {
            case home, scratch, nird, areas
            case homeQuota = "home_quota", scratchDeletedAtJobEnd = "scratch_deleted_at_job_end"
            case localScratch = "local_scratch", nirdPaths = "nird_paths"
        }
    }

    /// Where a fact came from.
    public struct Source: Codable, Sendable, Hashable {
        /// The fact, in a few words.
        public var fact: String
        /// The document (repository, path, commit, date).
        public var source: String
    }

    /// A lower and upper bound on a count (nodes, GPUs); either may be left out.
    public struct Bounds: Codable, Sendable, Hashable, CustomStringConvertible {
        /// The smallest allowed count.
        public var min: Int?
        /// The largest allowed count.
        public var max: Int?

        /// Creates bounds.
        public init(min: Int? = nil, max: Int? = nil) {
            self.min = min
            self.max = max
        }

        /// Whether `value` lies within the bounds.
        public func contains(_ value: Int) -> Bool {
            value >= (min ?? Int.min) && value <= (max ?? Int.max)
        }

        /// E.g. `4-512`, `at most 9`, `at least 4`, `exactly 1`.
        public var description: String {
            switch (min, max) {
            case let (low?, high?) where low == high: "exactly \(low)"
            case let (low?, high?): "\(low)-\(high)"
            case let (low?, nil): "at least \(low)"
            case let (nil, high?): "at most \(high)"
            default: "any number"
            }
        }
    }
}
