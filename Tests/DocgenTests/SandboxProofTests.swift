import DocgenVerify
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Escape attempts through the real `docgen build`: a transcript that writes outside its sandbox,
/// reads the real home, reaches the host's network, runs forever or floods its output is stopped,
/// reported with its own diagnostic at its own line, and the build goes on to verify the other blocks
/// and pages and ends with status 1.
///
/// VerificationTests covers the `Sandbox` type directly (no diagnostics, no build); its network check
/// connects to a port nothing listens on, so it would pass without a network namespace too. Here a
/// real listener on the host proves the sandbox cannot reach it.
@Suite("Sandbox proof")
struct SandboxProofTests {
    /// Whether this kernel lets bubblewrap give a process its own network namespace.
    static let hasNetworkNamespaces: Bool = {
        guard let bwrap = Sandbox.bubblewrapPath else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bwrap)
        process.arguments = ["--unshare-net", "--ro-bind", "/", "/", "/bin/true"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test("writing outside, reading the real home, running forever and flooding output are stopped; the build goes on", .timeLimit(.minutes(4)))
    func escapeAttempts() throws {
        try #require(Sandbox.bubblewrapPath != nil, "bubblewrap is missing: run `make test-deps`")
        let fixture = try EscapeFixture(without: ["network.md"])
        defer { fixture.remove() }

        let clock = ContinuousClock.now
        let run = try MonitoredBuild(project: fixture.project)
        let elapsed = ContinuousClock.now - clock

        // The build completes: every page verified, content errors give status 1 (not a crash, not 2).
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("docgen: 16 blocks verified, 14 failed, 0 skipped"), "\(run.stderr)")
        #expect(run.stderr.contains("the site was not written, the previous one is unchanged"), "\(run.stderr)")

        // Exactly one diagnostic per stopped attempt, at its command's line, and one for the
        // deliberately wrong last block of each page (it ran, so the page was verified to its end).
        var expected: Set<Finding> = []
        for page in ["index.md", "write.md", "home.md", "timeout.md", "flood.md", "large.md"] {
            expected.insert(try fixture.finding(page, "not what it prints", "transcript.output-mismatch"))
        }
        for command in ["$ touch \(fixture.outside.path)/", "$ echo escaped > \(fixture.outside.path)/", "$ mkdir \(fixture.outside.path)/",
                        "$ cp inside.txt /etc/", "$ echo escaped > /usr/"] {
            expected.insert(try fixture.finding("write.md", command, "transcript.exit-status"))
        }
        expected.insert(try fixture.finding("home.md", "$ cat \(fixture.home)/", "transcript.exit-status"))
        expected.insert(try fixture.finding("home.md", "$ ls \(fixture.home)", "transcript.exit-status"))
        expected.insert(try fixture.finding("timeout.md", "$ tail -f /dev/null", "transcript.timeout"))
        expected.insert(try fixture.finding("flood.md", "$ cat /dev/zero", "transcript.output-limit"))
        expected.insert(try fixture.finding("flood.md", "$ seq ", "transcript.output-limit"))
        expected.insert(try fixture.finding("flood.md", "$ cat /dev/zero > /tmp/fill", "transcript.exit-status"))
        expected.insert(try fixture.finding("flood.md", "$ cat /dev/zero > fill", "transcript.exit-status"))
        // A script larger than the pipe: the block that runs forever is cut at its timeout, and the
        // shell that exits early does not take docgen down with SIGPIPE.
        expected.insert(try fixture.finding("large.md", "$ tail -f /dev/null", "transcript.timeout"))
        expected.insert(try fixture.finding("large.md", "$ exit 3", "transcript.not-run"))
        let found = try run.findings()
        #expect(found == expected, "unexpected: \(found.subtracting(expected).sorted()); missing: \(expected.subtracting(found).sorted())")

        // Nothing reached the host.
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.outside.path).isEmpty, "written outside the sandbox")
        #expect(!FileManager.default.fileExists(atPath: "/etc/docgen-escape-\(fixture.id)"))
        #expect(!FileManager.default.fileExists(atPath: "/usr/docgen-escape-\(fixture.id)"))
        #expect(!run.stdout.contains(fixture.secret) && !run.stderr.contains(fixture.secret), "the secret in the real home was read")

        // The limits held: the endless block was cut at its 10 s timeout, not waited for, and the
        // flood was cut at 1 MiB instead of filling docgen's memory.
        #expect(elapsed < .seconds(90), "the build took \(elapsed)")
        #expect(run.peakMemory > 0, "the memory of docgen was not measured")
        #expect(run.peakMemory < 512 << 20, "docgen's memory peaked at \(run.peakMemory >> 20) MiB")
    }

    @Test(
        "a transcript cannot reach a server on the host's loopback", .timeLimit(.minutes(2)),
        .enabled(if: hasNetworkNamespaces, "this kernel does not let bubblewrap unshare the network namespace (no CLONE_NEWNET)"))
    func network() throws {
        try #require(Sandbox.bubblewrapPath != nil, "bubblewrap is missing: run `make test-deps`")
        let listener = try LoopbackListener()
        let fixture = try EscapeFixture(only: ["index.md", "network.md"], port: listener.port)
        defer { fixture.remove() }

        // The listener is reachable from outside the sandbox, so a refused connection inside means
        // the sandbox, not the listener.
        let host = Process()
        host.executableURL = URL(fileURLWithPath: "/bin/bash")
        host.arguments = ["-c", "echo probe > /dev/tcp/127.0.0.1/\(listener.port)"]
        try host.run()
        host.waitUntilExit()
        #expect(host.terminationStatus == 0)
        #expect(listener.acceptPending() == 1, "the host's own connection arrives")

        let run = try MonitoredBuild(project: fixture.project)
        #expect(run.status == 1, "\(run.stderr)")
        let expected: Set<Finding> = [
            try fixture.finding("index.md", "not what it prints", "transcript.output-mismatch"),
            try fixture.finding("network.md", "not what it prints", "transcript.output-mismatch"),
            try fixture.finding("network.md", "$ echo \"hello from the sandbox\"", "transcript.exit-status"),
        ]
        let found = try run.findings()
        #expect(found == expected, "unexpected: \(found.subtracting(expected).sorted()); missing: \(expected.subtracting(found).sorted())")
        #expect(listener.acceptPending() == 0, "a connection from the sandbox reached the host")
    }
}

// MARK: - Helpers: the fixture, the build, the listener

extension SandboxProofTests {
    /// A diagnostic reduced to what the test checks: where and which.
    struct Finding: Hashable, Comparable, CustomStringConvertible {
        var file: String
        var line: Int
        var id: String

        var description: String { "\(file):\(line) \(id)" }

        static func < (lhs: Finding, rhs: Finding) -> Bool {
            (lhs.file, lhs.line, lhs.id) < (rhs.file, rhs.line, rhs.id)
        }
    }

    /// A copy of `Fixtures/sandbox-escape` with its placeholders filled in, a folder on the host
    /// beside it to write to, and a secret file planted in the real home.
    struct EscapeFixture {
        let project: URL
        let outside: URL
        let id = UUID().uuidString.prefix(8).lowercased()
        let secret = "docgen-secret-\(UUID().uuidString)"
        let home = FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.path
        private let secretFile: URL

        init(without excluded: Set<String> = [], only: Set<String>? = nil, port: Int = 9) throws {
            project = try TestSupport.copyFixture("sandbox-escape")
            outside = project.deletingLastPathComponent().appendingPathComponent("outside")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            secretFile = URL(fileURLWithPath: home).appendingPathComponent("docgen-secret-\(id).txt")
            try Data(secret.utf8).write(to: secretFile)
            let content = project.appendingPathComponent("content")
            for name in try FileManager.default.contentsOfDirectory(atPath: content.path) {
                let url = content.appendingPathComponent(name)
                if excluded.contains(name) || only.map({ !$0.contains(name) }) == true {
                    try FileManager.default.removeItem(at: url)
                    continue
                }
                let text = try String(contentsOf: url, encoding: .utf8)
                    .replacingOccurrences(of: "@OUTSIDE@", with: outside.path)
                    .replacingOccurrences(of: "@HOME@", with: home)
                    .replacingOccurrences(of: "@ID@", with: String(id))
                    .replacingOccurrences(of: "@PORT@", with: String(port))
                    .replacingOccurrences(of: "@PADDING@", with: (0..<600).map { "$ echo padding line \($0)" }.joined(separator: "\n"))
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
        }

        func remove() {
            try? FileManager.default.removeItem(at: secretFile)
            try? FileManager.default.removeItem(at: project.deletingLastPathComponent())
        }

        /// The finding expected at the (only) line of `page` that is `prefix`, or else starts with it.
        func finding(_ page: String, _ prefix: String, _ id: String) throws -> Finding {
            let text = try String(contentsOf: project.appendingPathComponent("content/\(page)"), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let exact = lines.indices.filter { lines[$0] == prefix }
            let matches = exact.isEmpty ? lines.indices.filter { lines[$0].hasPrefix(prefix) } : exact
            try #require(matches.count == 1, "\(page) has \(matches.count) lines starting with '\(prefix)'")
            return Finding(file: "content/\(page)", line: matches[0] + 1, id: id)
        }
    }

    /// `docgen build --format json --no-cache` run to the end, with the peak memory of the docgen process.
    struct MonitoredBuild {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The largest resident set docgen had (VmHWM), in bytes; 0 when /proc could not be read.
        var peakMemory: Int

        init(project: URL) throws {
            let outputs = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: outputs) }
            let out = outputs.appendingPathComponent("stdout"), err = outputs.appendingPathComponent("stderr")
            try Data().write(to: out)
            try Data().write(to: err)
            let process = Process()
            process.executableURL = TestSupport.docgenBinary
            process.arguments = ["build", project.path, "--format", "json", "--no-cache"]
            var environment = ProcessInfo.processInfo.environment
            environment["GITHUB_ACTIONS"] = nil
            process.environment = environment
            // Files, not pipes: nothing has to drain them while the build runs.
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            var peak = 0
            let status = "/proc/\(process.processIdentifier)/status"
            while process.isRunning {
                if let text = try? String(contentsOfFile: status, encoding: .utf8), let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) {
                    let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
                    peak = max(peak, kilobytes * 1024)
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            process.waitUntilExit()
            self.status = process.terminationStatus
            self.stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            self.stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            self.peakMemory = peak
        }

        /// The error diagnostics of the JSON report.
        func findings() throws -> Set<Finding> {
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [[String: Any]], "no JSON report: \(stdout)")
            return Set(objects.compactMap { object in
                guard object["severity"] as? String == "error", let file = object["file"] as? String,
                      let line = object["line"] as? Int, let id = object["id"] as? String else { return nil }
                return Finding(file: file, line: line, id: id)
            })
        }
    }

    /// A non-blocking TCP listener on 127.0.0.1 at a free port.
    final class LoopbackListener {
        private let descriptor: Int32
        let port: Int

        init() throws {
            #if canImport(Glibc)
            let listening = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
            let listening = socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard listening >= 0 else { throw ServeTests.ServeTestError("socket() failed") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listening, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(listening, 16) == 0 else {
                close(listening)
                throw ServeTests.ServeTestError("cannot listen on 127.0.0.1")
            }
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listening, $0, &length) }
            }
            _ = fcntl(listening, F_SETFL, fcntl(listening, F_GETFL) | O_NONBLOCK)
            descriptor = listening
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(descriptor) }

        /// Accepts (and closes) every connection waiting now; returns how many there were.
        func acceptPending() -> Int {
            var count = 0
            while true {
                let connection = accept(descriptor, nil, nil)
                guard connection >= 0 else { return count }
                close(connection)
                count += 1
            }
        }
    }
}
