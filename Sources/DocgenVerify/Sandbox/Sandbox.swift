import DocgenCore
public import Foundation
import Synchronization

/// A throw-away folder in which a page's shell commands run under bubblewrap: a private, empty root
/// with the system read-only, a writable home that is the only place anything can be written, no
/// network, a scrubbed environment, a timeout and an output cap.
///
/// The home appears inside at the path the guide shows (e.g. `/cluster/home/bencretois`), so `pwd`
/// prints what a reader sees on the cluster, while the real home of the user running docgen is not
/// mounted at all.
public final class Sandbox: Sendable {
    /// Limits of one run.
    public struct Limits: Sendable {
        /// How long one block may run.
        public var timeout: Duration = .seconds(10)
        /// How much output one block may print before it is stopped.
        public var outputLimit = 1 << 20
        /// The largest file a block may write (`ulimit -f`): the home is a folder on the host's disk,
        /// so `cat /dev/zero > file` would otherwise fill it until the timeout.
        public var fileSizeLimit = 64 << 20
        /// The size of the private `/tmp`, which lives in memory (when bwrap supports `--size`).
        public var temporarySize = 64 << 20

        /// The defaults: 10 seconds, 1 MiB of output, 64 MiB per file and for `/tmp`.
        public init() {}
    }

    /// What one run printed and how it ended.
    public struct Outcome: Sendable {
        /// stdout and stderr, interleaved as the commands wrote them.
        public var output: String
        /// The shell's exit status (or the signal's number + 128).
        public var status: Int32
        /// Whether the run was stopped at the timeout.
        public var timedOut: Bool
        /// Whether the run was stopped at the output cap.
        public var truncated: Bool
    }

    /// The folder on the host that holds the sandbox's home.
    public let hostHome: URL
    /// The home's path inside the sandbox.
    public let home: String
    /// The user name the commands see in `$USER`.
    public let user: String
    /// The limits of each run.
    public let limits: Limits

    private let bubblewrap: String

    /// Top-level folders of the fixture root, mounted (as writable copies) at their absolute paths.
    private let rootFolders: [String]

    /// Folders the fixture root may not shadow: the system the commands run with.
    private static let systemFolders: Set<String> = ["usr", "etc", "bin", "lib", "lib64", "lib32", "libx32", "sbin", "proc", "dev", "tmp", "sys", "run"]

    /// Creates a sandbox whose home is a copy of `seed` (a folder), or empty; `root` (a folder
    /// holding e.g. `cluster/projects/nn5019k/`) adds copies of other absolute paths the guide shows.
    public init(user: String, home: String, seed: URL?, root: URL? = nil, limits: Limits = Limits()) throws {
        guard let bubblewrap = Self.bubblewrapPath else {
            throw DocgenError(
                "bubblewrap (bwrap) is not installed, so transcripts cannot run safely; install it (apt-get install bubblewrap)")
        }
        self.bubblewrap = bubblewrap
        self.user = user
        self.home = home
        self.limits = limits
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-sandbox-\(UUID().uuidString)")
        hostHome = base.appendingPathComponent("home")
        var folders: [String] = []
        do {
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: base.appendingPathComponent("empty"), withIntermediateDirectories: true)
            if let seed, FileManager.default.fileExists(atPath: seed.path) {
                try FileManager.default.copyItem(at: seed, to: hostHome)
            } else {
                try FileManager.default.createDirectory(at: hostHome, withIntermediateDirectories: true)
            }
            if let root, FileManager.default.fileExists(atPath: root.path) {
                try FileManager.default.copyItem(at: root, to: base.appendingPathComponent("root"))
                folders = try FileManager.default.contentsOfDirectory(atPath: root.path)
                    .filter { !$0.hasPrefix(".") && !Self.systemFolders.contains($0) }
                    .sorted()
            }
        } catch {
            throw DocgenError("cannot create a sandbox folder: \(error.localizedDescription)")
        }
        rootFolders = folders
    }

    deinit {
        try? FileManager.default.removeItem(at: hostHome.deletingLastPathComponent())
    }

    /// Where bwrap is, if installed.
    public static let bubblewrapPath: String? = ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether this bwrap has `--size`: older ones refuse to start when given it.
    private static let bubblewrapSupportsSize: Bool = {
        guard let bubblewrapPath else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bubblewrapPath)
        process.arguments = ["--help"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        guard (try? process.run()) != nil else { return false }
        let help = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: help, as: UTF8.self).contains("--size")
    }()

    /// Runs `script` with bash inside the sandbox, starting in `directory` (a path inside it).
    public func run(_ script: String, in directory: String) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bubblewrap)
        process.arguments = arguments(directory: directory) + ["/bin/bash", "--noprofile", "--norc", "-s"]
        process.environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": home, "USER": user, "LOGNAME": user,
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC", "NO_COLOR": "1", "COLUMNS": "80", "TERM": "dumb",
            "SHELL": "/bin/bash",
        ]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            return Outcome(output: "docgen: cannot start bubblewrap: \(error.localizedDescription)\n", status: 127, timedOut: false, truncated: false)
        }
        let state = RunState()
        let pid = process.processIdentifier
        let deadline = DispatchWorkItem {
            // bwrap runs with --die-with-parent, so killing it takes the whole sandbox down.
            if state.expire() { kill(pid, SIGKILL) }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(limits.timeout.components.seconds * 1000)), execute: deadline)
        // `ulimit -f` counts 1024-byte blocks in bash.
        let program = Data("ulimit -f \(max(1, limits.fileSizeLimit / 1024))\n\(script)".utf8)
        Self.feed(program, to: input.fileHandleForWriting)

        var collected = Data()
        var truncated = false
        let reader = output.fileHandleForReading
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            if collected.count + chunk.count > limits.outputLimit {
                collected.append(chunk.prefix(limits.outputLimit - collected.count))
                truncated = true
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            collected.append(chunk)
        }
        process.waitUntilExit()
        state.finish()
        deadline.cancel()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Outcome(
            output: String(decoding: collected, as: UTF8.self), status: status, timedOut: state.timedOut, truncated: truncated)
    }

    /// Writes the script to bash's stdin on a thread of its own while the caller reads the output:
    /// written first, a script larger than the pipe would block as soon as a command floods the
    /// output or runs forever. When bash stops reading early (`exit`, the timeout, the output cap)
    /// the write fails with EPIPE; SIGPIPE is blocked on that thread, and the pending signal taken,
    /// so it cannot kill docgen.
    private static func feed(_ program: Data, to handle: FileHandle) {
        let writer = Thread {
            var pipeSignal = sigset_t()
            sigemptyset(&pipeSignal)
            sigaddset(&pipeSignal, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
            try? handle.write(contentsOf: program)
            try? handle.close()
            var now = timespec(tv_sec: 0, tv_nsec: 0)
            while sigtimedwait(&pipeSignal, nil, &now) == SIGPIPE {}
        }
        writer.start()
    }

    /// The bwrap arguments: an empty root with the system read-only, the home writable, nothing else.
    private func arguments(directory: String) -> [String] {
        var arguments = ["--unshare-all", "--die-with-parent", "--new-session", "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"]
        // What other users may not read in /etc is covered (see UnreadableSystemPaths). A path gone
        // since the list was made is left out: bwrap cannot mount onto it and would refuse to start.
        let empty = hostHome.deletingLastPathComponent().appendingPathComponent("empty").path
        for entry in UnreadableSystemPaths.etc where FileManager.default.fileExists(atPath: entry.path) {
            arguments += ["--ro-bind", entry.isFolder ? empty : "/dev/null", entry.path]
        }
        for link in ["/bin", "/lib", "/lib64", "/sbin", "/lib32", "/libx32"] {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) {
                arguments += ["--symlink", target, link]
            } else if FileManager.default.fileExists(atPath: link) {
                arguments += ["--ro-bind", link, link]
            }
        }
        arguments += ["--proc", "/proc", "--dev", "/dev"]
        if Self.bubblewrapSupportsSize { arguments += ["--size", String(limits.temporarySize)] }
        arguments += ["--tmpfs", "/tmp"]
        let rootCopy = hostHome.deletingLastPathComponent().appendingPathComponent("root")
        for folder in rootFolders {
            arguments += ["--bind", rootCopy.appendingPathComponent(folder).path, "/" + folder]
        }
        arguments += ["--dir", home, "--bind", hostHome.path, home]
        arguments += ["--chdir", directory, "--hostname", "sandbox"]
        return arguments
    }
}

/// Shared between the reading thread and the timeout timer.
private final class RunState: Sendable {
    private struct Flags {
        var finished = false
        var timedOut = false
    }

    private let flags = Mutex(Flags())

    var timedOut: Bool { flags.withLock { $0.timedOut } }

    /// Marks the run as timed out unless it already finished; true when the process must be killed.
    func expire() -> Bool {
        flags.withLock { flags in
            guard !flags.finished else { return false }
            flags.timedOut = true
            return true
        }
    }

    func finish() { flags.withLock { $0.finished = true } }
}
