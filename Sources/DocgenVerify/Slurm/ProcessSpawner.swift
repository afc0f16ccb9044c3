#if canImport(Glibc)
import Glibc
#endif

/// `posix_spawn` with Swift strings: the C copies of the arguments and the environment live only for
/// the call. The bash syntax server and the bash syntax batches start bash this way, without
/// Foundation's `Process`, so the pipes they set up are exactly the ones the child gets.
enum ProcessSpawner {
    /// Starts `program` with `arguments` (the first is its name) and exactly `environment`; the child's
    /// pid, or nil when it could not be started.
    static func spawn(_ program: String, arguments: [String], environment: [String], actions: inout posix_spawn_file_actions_t) -> pid_t? {
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        return posix_spawn(&child, program, &actions, nil, &argv, &envp) == 0 ? child : nil
    }
}
