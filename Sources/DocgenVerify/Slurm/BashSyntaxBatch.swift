import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Finds, in one `bash` process, which of many scripts have valid syntax, so each of those needs no
/// subshell of its own from `BashSyntaxServer` (a fork costs about 0.3 ms of kernel time, which was a
/// tenth of a 10,000-page build).
///
/// Each script goes to bash as an exported function, `BASH_FUNC_name%%=() {⏎script⏎}` in the
/// environment. Bash parses such a value at start and executes nothing in it: since Shellshock it
/// accepts exactly one function definition and drops whatever follows. One process parses all of them
/// and runs only `declare -F`, to see that every one arrived. The batch says only "all valid": any message on stderr (an import error, a
/// here-document warning) or a non-zero status makes it say nothing, and every script of it then goes
/// through the server, which reports exactly what `bash -n` reports.
///
/// A script is valid inside the wrapper exactly when it is valid on its own, with one exception the
/// caller must keep out: a `}` in command position would end the function early, and bash would
/// silently drop the rest of the script. `canTake` refuses any script with a `}` that starts a word.
/// Anything else left open by a script (a quote, a here-document, a trailing backslash, an `if`
/// without `fi`) swallows or misplaces the wrapper's closing `}`, which bash reports as an error.
enum BashSyntaxBatch {
    /// Scripts above this size go to the server (the kernel limits one environment string to 128 KiB).
    static let largestScript = 64 * 1024
    /// The most script bytes one process gets, well under the kernel's limit for the whole environment.
    static let largestBatch = 512 * 1024

    /// Whether `script` can be checked in a batch: small, free of NUL bytes, and no `}` that could be
    /// read as the closing brace of a group (one at the start of a word: after a blank, a line break,
    /// an operator character or another brace). A `}` inside a word, like `${HOME}`, is harmless.
    static func canTake(_ script: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "\n")
        var size = 0
        for byte in script.utf8 {
            size += 1
            if byte == 0 { return false }
            if byte == UInt8(ascii: "}") {
                switch previous {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                     UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"),
                     UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                    return false
                default:
                    break
                }
            }
            previous = byte
        }
        return size <= largestScript
    }

    /// The bash batches run: Debian's statically linked `bash-static` when it is installed and is the
    /// same release as `/bin/bash` (the same parser, built from the same source), else `/bin/bash`.
    /// A batch is a bash process of its own, and a third of a small batch's time was the dynamic
    /// linker loading bash's libraries; the static build starts about 0.35 ms sooner, of about 3 ms.
    /// Only batches use it: they answer only "all valid", and every message a reader sees comes from
    /// `/bin/bash` through the server.
    static let shell: String = {
        let candidate = "/bin/bash-static"
        guard access(candidate, X_OK) == 0, let own = version(of: "/bin/bash"), version(of: candidate) == own else { return "/bin/bash" }
        return candidate
    }()

    /// The first line `bash --version` prints ("GNU bash, version 5.2.15(1)-release (…)"), or nil.
    private static func version(of bash: String) -> String? {
        let process = BashSyntaxCheck.bashProcess(bash, arguments: ["--version"])
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }

    /// Whether every script parsed without a message; false also when bash could not be run or took
    /// longer than `timeout` seconds (the caller then checks each script on its own).
    static func allValid(_ scripts: [String], bash: String = shell, timeout: Double = 10) -> Bool {
        guard !scripts.isEmpty else { return true }
        var environment = ["PATH=/usr/bin:/bin", "LC_ALL=C"]
        for (index, script) in scripts.enumerated() {
            environment.append("BASH_FUNC_docgen_syntax_\(index)%%=() {\n\(script)\n}")
        }
        var errors: [Int32] = [0, 0]
        guard pipe(&errors) == 0 else { return false }
        _ = fcntl(errors[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(errors[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        // The command only asks whether every function arrived: a bash that does not import functions
        // (privileged mode, a patched build) must not pass scripts it never parsed.
        let names = scripts.indices.map { "docgen_syntax_\($0)" }.joined(separator: " ")
        let arguments: [String] = [bash, "--noprofile", "--norc", "-c", "declare -F \(names) >/dev/null"]
        let spawned = ProcessSpawner.spawn(bash, arguments: arguments, environment: environment, actions: &actions)
        close(errors[1])
        defer { close(errors[0]) }
        guard let child = spawned else { return false }

        // Read stderr to its end (bash closes it when it exits); any byte at all means "not all valid".
        let deadline = Date().addingTimeInterval(timeout)
        var sawOutput = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        var timedOut = false
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                timedOut = true
                break
            }
            var poller = pollfd(fd: errors[0], events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining * 1000, 60_000)) + 1)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(errors[0], $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            sawOutput = true
        }
        if timedOut { kill(child, SIGKILL) }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        // Exited normally (no signal) with status 0.
        return !timedOut && !sawOutput && status & 0x7f == 0 && (status >> 8) & 0xff == 0
    }
}
