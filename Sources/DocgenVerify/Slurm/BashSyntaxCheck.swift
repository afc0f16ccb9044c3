import Foundation
import Synchronization

/// Runs `/bin/bash -n` on a script (with a timeout) and returns the syntax errors bash reports.
enum BashSyntaxCheck {
    /// A syntax error: the script line bash names (nil when it names none) and its message.
    struct Failure: Hashable, Sendable {
        var line: Int?
        var message: String
    }

    /// The syntax errors, or nil when bash could not be run. The script reaches bash's stdin from a temporary
    /// file rather than a pipe, so bash stopping early can never leave docgen writing into a closed pipe.
    static func check(_ script: String, bash: String = "/bin/bash", timeout: Double = 5) -> [Failure]? {
        if bash == "/bin/bash", takeKnownValid(script) { return [] }
        // bash variables cannot hold NUL bytes, so such a script goes to a `bash -n` of its own.
        if bash == "/bin/bash", !script.utf8.contains(0), let server = idleServers.withLock({ $0.popLast() }) ?? BashSyntaxServer(bash: bash) {
            let reply = server.check(script, timeout: timeout)
            if server.isAlive { idleServers.withLock { $0.append(server) } }
            guard let reply else { return [Failure(line: nil, message: "bash -n did not finish within \(Int(timeout)) s")] }
            return reply.status == 0 && reply.lines.isEmpty ? [] : reply.lines.map { Failure(line: $0.line, message: $0.text) }
        }
        return checkInOwnProcess(script, bash: bash, timeout: timeout)
    }

    /// Checks `scripts` ahead of their `check`, in batches of one bash process each: the scripts of a
    /// batch that passed are remembered, so their `check` answers at once. Returns the scripts
    /// remembered; pass them to `forget` once their checks have run (a script whose check never came,
    /// say because its block was cached, would otherwise stay remembered).
    static func prefetch(_ scripts: [String]) -> [String] {
        var batch: [String] = [], batchBytes = 0, remembered: [String] = []
        func flush() {
            // A lone script costs the server one fork, less than a bash process of its own.
            if batch.count > 1, BashSyntaxBatch.allValid(batch) {
                knownValid.withLock { known in
                    for script in batch { known[script, default: 0] += 1 }
                }
                remembered += batch
            }
            batch = []
            batchBytes = 0
        }
        for script in scripts where BashSyntaxBatch.canTake(script) {
            if batchBytes + script.utf8.count > BashSyntaxBatch.largestBatch { flush() }
            batch.append(script)
            batchBytes += script.utf8.count
        }
        flush()
        return remembered
    }

    /// Drops what `prefetch` remembered and no `check` has taken. Passes are counted per text, not per
    /// group: when two groups on two threads hold the same script, one group's `forget` can drop the
    /// other's pass, which only sends that script's check to the server.
    static func forget(_ scripts: [String]) {
        guard !scripts.isEmpty else { return }
        knownValid.withLock { known in
            for script in scripts {
                guard let count = known[script] else { continue }
                known[script] = count > 1 ? count - 1 : nil
            }
        }
    }

    /// Takes one remembered pass for `script`, if `prefetch` left one.
    private static func takeKnownValid(_ script: String) -> Bool {
        knownValid.withLock { known in
            guard let count = known[script] else { return false }
            known[script] = count > 1 ? count - 1 : nil
            return true
        }
    }

    /// Scripts a batch found valid, counted (the same script can come from two blocks), until checked.
    static let knownValid = Mutex<[String: Int]>([:])

    /// Servers not in use; each parallel checker takes one and gives it back, so there are at most as
    /// many as checks ever ran at the same time.
    private static let idleServers = Mutex<[BashSyntaxServer]>([])

    /// A process that runs `bash` with `arguments` in the plain environment every syntax check uses.
    static func bashProcess(_ bash: String, arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bash)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C"]
        return process
    }

    /// `bash -n` in a process of its own, for scripts the server cannot take.
    private static func checkInOwnProcess(_ script: String, bash: String, timeout: Double) -> [Failure]? {
        guard FileManager.default.isExecutableFile(atPath: bash) else { return nil }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-bash-n-\(UUID().uuidString).sh")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? Data(script.utf8).write(to: file)) != nil, let input = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? input.close() }
        let process = bashProcess(bash, arguments: ["-n"])
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return nil
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 1)
            return [Failure(line: nil, message: "bash -n did not finish within \(Int(timeout)) s")]
        }
        // bash -n stops at the first syntax error, so its report is far below a pipe's buffer.
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return process.terminationStatus == 0 && text.isEmpty ? [] : parse(text)
    }

    /// `bash: line 5: syntax error near unexpected token 'fi'` lines, merged per line; the echo of the source
    /// line bash prints after the message is left out.
    static func parse(_ output: String) -> [Failure] {
        var failures: [Failure] = []
        for raw in output.split(separator: "\n") {
            var text = String(raw)
            if text.hasPrefix("/") || text.hasPrefix("bash"), let colon = text.range(of: ": ") {
                text = String(text[colon.upperBound...])
            }
            var line: Int?
            if text.hasPrefix("eval: ") { text.removeFirst("eval: ".count) }
            if text.hasPrefix("line "), let colon = text.range(of: ": ") {
                line = Int(text[text.index(text.startIndex, offsetBy: 5)..<colon.lowerBound])
                text = String(text[colon.upperBound...])
            }
            if text.hasPrefix("`") { continue }
            if let index = failures.firstIndex(where: { $0.line == line }) {
                failures[index].message += "; " + text
            } else {
                failures.append(Failure(line: line, message: text))
            }
        }
        return failures
    }
}
