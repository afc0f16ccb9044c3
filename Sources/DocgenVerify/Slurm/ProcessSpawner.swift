#if canImport(Glibc)
import Glibc
#endif

/// `posix_spawn` with Swift strings: the C copies of the arguments and the environment live only for
/// the call. The bash syntax server and the bash syntax batches start bash this way, without
/// Foundation's `Process`, so the pipes they set up are exactly the ones the child gets.
enum ProcessSpawner {
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc module
    /// does not declare; nil with an older C library, whose children then inherit as before.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        // A nil handle is RTLD_DEFAULT: the symbol as the program's libraries resolve it.
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Starts `program` with `arguments` (the first is its name) and exactly `environment`; the child's
    /// pid, or nil when it could not be started. The child keeps only descriptors 0 to 2, as `actions`
    /// leave them.
    static func spawn(_ program: String, arguments: [String], environment: [String], actions: inout posix_spawn_file_actions_t) -> pid_t? {
        // Every other descriptor is closed in the child: a pipe another thread has just opened for a
        // process of its own (without close-on-exec, as Foundation's `Pipe` makes them) would otherwise
        // stay open in a long-lived bash syntax server, and that thread would wait for its end forever.
        _ = addCloseFrom?(&actions, 3)
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
