/// What docgen does with each command of a transcript: run it, check it as a cluster-only command,
/// or report it as unknown (never silently pass it).
public enum CommandCatalog {
    /// How a command is handled.
    public enum Handling: Sendable, Hashable {
        /// Runs in the sandbox; its output is compared.
        case run
        /// Exists only on a cluster: not run; its shown output is checked by a bundled parser, or by
        /// a pattern, or (for commands whose output varies by session, like `ssh`) accepted as shown.
        case clusterOnly(check: ClusterOutputCheck)
        /// Neither runnable nor known.
        case unknown
    }

    /// How the shown output of a cluster-only command is checked.
    public enum ClusterOutputCheck: Sendable, Hashable {
        /// By the bundled parser of that tool's output (`dusage`, `projects`, ...).
        case parser(String)
        /// `sbatch` prints `Submitted batch job N` (or an error).
        case submission
        /// The output depends on the cluster's state at that moment; it is shown, not checked.
        case accepted
    }

    /// Commands that run in the sandbox: file and text tools whose output depends only on the files.
    public static let runnable: Set<String> = [
        "cd", "ls", "pwd", "mkdir", "rmdir", "echo", "cat", "touch", "cp", "mv", "rm", "head", "tail", "wc", "grep",
        "sort", "uniq", "cut", "tr", "printf", "basename", "dirname", "find", "chmod", "ln", "export", "true", "false",
        "test", "[", "env", "printenv", "sed", "awk", "tee", "realpath", "readlink", "diff", "cmp", "tar", "gzip",
        "gunzip", "zcat", "nl", "rev", "seq", "expr", "unset", "umask", "alias", "exit",
    ]

    /// Commands that exist on the clusters (Slurm, NRIS tools, modules, containers, remote access).
    public static let clusterOnly: [String: ClusterOutputCheck] = [
        "projects": .parser("projects"), "dusage": .parser("dusage"), "cost": .parser("cost"),
        "squeue": .parser("squeue"), "sacct": .parser("sacct"),
        "sbatch": .submission,
        "ssh": .accepted, "scp": .accepted, "rsync": .accepted, "sftp": .accepted, "ssh-keygen": .accepted,
        "ssh-copy-id": .accepted, "module": .accepted, "ml": .accepted, "scancel": .accepted, "seff": .accepted,
        "sinfo": .accepted, "scontrol": .accepted, "srun": .accepted, "salloc": .accepted, "sstat": .accepted,
        "apptainer": .accepted, "singularity": .accepted, "savefile": .accepted, "cleanup": .accepted,
        "nvidia-smi": .accepted, "rocm-smi": .accepted, "logout": .accepted,
    ]

    /// How `name` is handled.
    public static func handling(of name: String) -> Handling {
        if runnable.contains(name) { return .run }
        if let check = clusterOnly[name] { return .clusterOnly(check: check) }
        return .unknown
    }
}
