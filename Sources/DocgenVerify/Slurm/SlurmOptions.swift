import DocgenCore
import Foundation

/// The options `sbatch` accepts, so directives can be canonicalised (`-t` to `time`) and misspellings caught.
public enum SlurmOptions {
    /// Whether an option takes a value.
    public enum Argument: Sendable {
        /// `--time=1:00:00` or `--time 1:00:00`.
        case required
        /// Only as `--exclusive=user`; a following word is not its value.
        case optional
        /// A flag such as `--hold`.
        case none
    }

    /// One sbatch option.
    public struct Spec: Sendable {
        /// The long name without dashes, e.g. `ntasks-per-node`.
        public var name: String
        /// The one-letter form, e.g. `N` for `nodes`.
        public var short: Character?
        /// Whether it takes a value.
        public var argument: Argument
    }

    /// Every sbatch option (Slurm 23/24 man page), by long name.
    public static let all: [String: Spec] = {
        var table: [String: Spec] = [:]
        func add(_ name: String, _ short: Character? = nil, _ argument: Argument = .required) {
            table[name] = Spec(name: name, short: short, argument: argument)
        }
        add("account", "A"); add("acctg-freq"); add("array", "a"); add("batch"); add("bb"); add("bbf")
        add("begin", "b"); add("chdir", "D"); add("cluster-constraint"); add("clusters", "M"); add("comment")
        add("constraint", "C"); add("container"); add("container-id"); add("contiguous", nil, .none)
        add("core-spec", "S"); add("cores-per-socket"); add("cpu-freq"); add("cpus-per-gpu")
        add("cpus-per-task", "c"); add("deadline"); add("delay-boot"); add("dependency", "d")
        add("distribution", "m"); add("error", "e"); add("exclude", "x"); add("exclusive", nil, .optional)
        add("export"); add("export-file"); add("extra"); add("extra-node-info", "B")
        add("get-user-env", nil, .optional); add("gid"); add("gpu-bind"); add("gpu-freq"); add("gpus", "G")
        add("gpus-per-node"); add("gpus-per-socket"); add("gpus-per-task"); add("gres"); add("gres-flags")
        add("help", "h", .none); add("hint"); add("hold", "H", .none); add("ignore-pbs", nil, .none)
        add("input", "i"); add("job-name", "J"); add("kill-on-invalid-dep"); add("licenses", "L")
        add("mail-type"); add("mail-user"); add("mcs-label"); add("mem"); add("mem-bind"); add("mem-per-cpu")
        add("mem-per-gpu"); add("mincpus"); add("network"); add("nice", nil, .optional)
        add("no-kill", "k", .optional); add("no-requeue", nil, .none); add("nodefile", "F"); add("nodelist", "w")
        add("nodes", "N"); add("ntasks", "n"); add("ntasks-per-core"); add("ntasks-per-gpu")
        add("ntasks-per-node"); add("ntasks-per-socket"); add("open-mode"); add("output", "o")
        add("overcommit", "O", .none); add("oversubscribe", "s", .none); add("parsable", nil, .none)
        add("partition", "p"); add("power"); add("prefer"); add("priority"); add("profile")
        add("propagate", nil, .optional); add("qos", "q"); add("quiet", "Q", .none); add("reboot", nil, .none)
        add("requeue", nil, .none); add("reservation"); add("segment"); add("signal"); add("sockets-per-node")
        add("spread-job", nil, .none); add("stepmgr", nil, .none); add("switches"); add("test-only", nil, .none)
        add("thread-spec"); add("threads-per-core"); add("time", "t"); add("time-min"); add("tmp")
        add("tres-bind"); add("tres-per-task"); add("uid"); add("usage", nil, .none); add("use-min-nodes", nil, .none)
        add("verbose", "v", .none); add("version", "V", .none); add("wait", "W", .none); add("wait-all-nodes")
        add("wckey"); add("wrap")
        return table
    }()

    /// Other spellings sbatch accepts for an option, and the option they mean.
    public static let aliases: [String: String] = [
        "tasks-per-node": "ntasks-per-node", "cluster": "clusters", "share": "oversubscribe", "workdir": "chdir",
    ]

    /// Long names by their one-letter form.
    public static let shortNames: [Character: String] = {
        var table: [Character: String] = [:]
        for spec in all.values {
            if let short = spec.short { table[short] = spec.name }
        }
        return table
    }()

    /// The canonical name of a long option as written (without the dashes): exact names and aliases,
    /// then an unambiguous prefix (as getopt accepts it). Nil when sbatch does not know it.
    public static func canonicalName(_ written: String) -> String? {
        if all[written] != nil { return written }
        if let alias = aliases[written] { return alias }
        guard written.count >= 3 else { return nil }
        let matches = Set((Array(all.keys) + Array(aliases.keys)).filter { $0.hasPrefix(written) }.map { aliases[$0] ?? $0 })
        return matches.count == 1 ? matches.first : nil
    }

    /// The closest known long option to a misspelt one.
    public static func suggestion(for written: String) -> String? {
        let dashed = written.replacingOccurrences(of: "_", with: "-").lowercased()
        if let name = canonicalName(dashed) { return name }
        return Suggestion.closest(to: dashed, in: all.keys)
    }
}
