import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A long-running `/bin/bash` that syntax-checks scripts sent to it, one forked subshell per script.
///
/// Starting `bash -n` once per job script costs a process start (about 3 ms and a temporary file each);
/// a guide with ten thousand job scripts spent most of a build there. This bash reads each script
/// from its stdin and checks it in a subshell with `set -n` (read commands, execute none: exactly
/// what `bash -n` does) as the first command of an `eval`. The subshell is needed because `-n`
/// cannot be switched off again, and it keeps every script's check apart from the next one.
///
/// `@unchecked Sendable`: a server is only ever used by the one task that took it from
/// `BashSyntaxCheck`'s pool, so its mutable state is never shared.
final class BashSyntaxServer: @unchecked Sendable {
    /// The driver loop: read a byte count, read that many bytes, check them, print the status after a
    /// marker that contains a random nonce, so no script's error echo can fake the end of a reply.
    private static let driver = """
        while IFS= read -r n; do
        IFS= read -r -N "$n" s
        ( eval "set -n
        $s" ) 2>&1
        printf '\\n%s %d\\n' "$DOCGEN_NONCE" "$?"
        done
        """

    private let pid: pid_t
    private let input: Int32
    private let output: Int32
    private let nonce: String
    /// Bash numbers eval lines from the line of the `eval` in the driver; this is the number it gives
    /// a script's first line, found by checking a known-bad one-line script at start.
    private var firstLineNumber = 0
    private(set) var isAlive = true

    /// Starts the bash; nil when it cannot be started.
    init?(bash: String) {
        guard FileManager.default.isExecutableFile(atPath: bash) else { return nil }
        // A bash that died must give docgen a write error, not a SIGPIPE that ends the build.
        signal(SIGPIPE, SIG_IGN)
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0 else { return nil }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0]); close(toChild[1])
            return nil
        }
        // Other processes docgen starts must not inherit these ends, or bash would never see end of input.
        for descriptor in toChild + fromChild { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 2)
        let nonce = (0..<4).map { _ in String(UInt32.random(in: 0...UInt32.max), radix: 16) }.joined(separator: "-")
        let arguments = [bash, "--noprofile", "--norc", "-c", Self.driver]
        let environment = ["PATH=/usr/bin:/bin", "LC_ALL=C", "DOCGEN_NONCE=docgen-\(nonce)"]
        let spawned = ProcessSpawner.spawn(bash, arguments: arguments, environment: environment, actions: &actions)
        close(toChild[0])
        close(fromChild[1])
        guard let child = spawned else {
            close(toChild[1]); close(fromChild[0])
            return nil
        }
        pid = child
        input = toChild[1]
        output = fromChild[0]
        self.nonce = "docgen-\(nonce)"
        guard let probe = send("if then\n", timeout: 5), let line = probe.lines.first?.line else {
            stop()
            return nil
        }
        firstLineNumber = line
    }

    deinit {
        stop()
    }

    /// What bash printed for one script and its exit status; nil when bash did not answer in time.
    func check(_ script: String, timeout: Double) -> (status: Int32, lines: [(line: Int?, text: String)])? {
        guard let reply = send(script, timeout: timeout) else { return nil }
        let lines = reply.lines.map { entry in (line: entry.line.map { $0 - firstLineNumber + 1 }, text: entry.text) }
        return (reply.status, lines)
    }

    /// Kills the bash (after a timeout or when the server is dropped).
    func stop() {
        guard isAlive else { return }
        isAlive = false
        close(input)
        close(output)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    private func send(_ script: String, timeout: Double) -> (status: Int32, lines: [(line: Int?, text: String)])? {
        guard isAlive else { return nil }
        var message = Array("\(script.utf8.count)\n".utf8)
        message += Array(script.utf8)
        guard writeAll(message) else {
            stop()
            return nil
        }
        let deadline = Date().addingTimeInterval(timeout)
        var received: [UInt8] = []
        let marker = Array("\n\(nonce) ".utf8)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let reply = Self.reply(in: received, marker: marker) { return reply }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                stop()
                return nil
            }
            var poller = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(remaining * 1000, 60_000)) + 1)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                stop()
                return nil
            }
            received += buffer[0..<count]
        }
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(input, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// The reply once the marker line has fully arrived: the lines before it and the status after it.
    private static func reply(in bytes: [UInt8], marker: [UInt8]) -> (status: Int32, lines: [(line: Int?, text: String)])? {
        guard bytes.count > marker.count, bytes.last == UInt8(ascii: "\n") else { return nil }
        var start = bytes.count - 2
        while start >= 0, bytes[start] != UInt8(ascii: "\n") { start -= 1 }
        guard start >= 0, bytes[start...].starts(with: marker) else { return nil }
        let statusText = String(decoding: bytes[(start + marker.count)..<(bytes.count - 1)], as: UTF8.self)
        guard let status = Int32(statusText) else { return nil }
        let text = String(decoding: bytes[0..<start], as: UTF8.self)
        let lines = BashSyntaxCheck.parse(text).map { (line: $0.line, text: $0.message) }
        return (status, lines)
    }
}
