import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `docgen serve` under a loopback load test with `wrk`, and against path traversal in every
/// encoding, through the real binary: nothing outside the served folder is ever answered.
@Suite("docgen serve under load and attack")
struct ServeLoadTests {
    /// Pages and assets of the valid-guide fixture, all expected to answer 200.
    static let urls = ["/", "/jobs/", "/jobs/saga.html", "/storage/", "/storage/checklist.txt", "/storage/areas.svg", "/assets/docgen.css", "/search-index.js"]

    @Test("wrk, 2 threads × 50 connections × 5 s over a few URLs: no socket errors, every answer 2xx", .timeLimit(.minutes(3)))
    func load() throws {
        let installed = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        let wrk = try #require(installed, "wrk is missing: run `make test-deps`")
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let server = try ServeTests.ServeProcess(arguments: ["serve", project.path, "--port", "0", "--verify", "static"])
        defer { server.stop() }
        let port = try server.waitForPort(timeout: .seconds(90))
        for url in Self.urls {
            #expect(try ServeTests.HTTPProbe.get(url, port: port).status == 200, "\(url) must exist for the load to mean anything")
        }

        // wrk counts only 4xx/5xx as errors; the script counts anything but 2xx itself, per thread,
        // and prints the totals on one line.
        let script = project.deletingLastPathComponent().appendingPathComponent("load.lua")
        let paths = Self.urls.map { "\"\($0)\"" }.joined(separator: ", ")
        try Data("""
            local threads = {}
            function setup(thread) table.insert(threads, thread) end
            local paths = { \(paths) }
            local index = 0
            non2xx = 0
            function request()
              index = index % #paths + 1
              return wrk.format("GET", paths[index])
            end
            function response(status, headers, body)
              if status < 200 or status > 299 then non2xx = non2xx + 1 end
            end
            function done(summary, latency, requests)
              local bad = 0
              for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
              local e = summary.errors
              io.write(string.format("DOCGEN requests=%d non2xx=%d connect=%d read=%d write=%d status=%d timeout=%d p99us=%.0f\\n",
                summary.requests, bad, e.connect, e.read, e.write, e.status, e.timeout, latency:percentile(99)))
            end

            """.utf8).write(to: script)

        let output = try Self.runBounded(wrk, ["-t2", "-c50", "-d5s", "--timeout", "3s", "--latency", "-s", script.path, "http://127.0.0.1:\(port)"], limit: .seconds(40))
        print("docgen serve under wrk:\n\(output)")
        let counts = try #require(Self.counts(in: output), "wrk printed no totals: \(output)")
        #expect((counts["requests"] ?? 0) >= 500, "too few requests to call it load: \(output)")
        #expect(counts["non2xx"] == 0, "answers other than 2xx: \(output)")
        for error in ["connect", "read", "write", "status", "timeout"] {
            #expect(counts[error] == 0, "\(error) errors: \(output)")
        }

        // Still serving, and still stopping cleanly.
        #expect(try ServeTests.HTTPProbe.get("/", port: port).status == 200)
        #expect(server.interrupt(timeout: .seconds(15)) == 0)
    }

    @Test("path traversal in every encoding and symbolic links out of the site answer 400 or 404, never a file", .timeLimit(.minutes(3)))
    func traversal() throws {
        // serve builds into a folder under TMPDIR; a private TMPDIR puts secrets right beside it.
        let temporary = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: temporary) }
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let server = try ServeTests.ServeProcess(arguments: ["serve", project.path, "--port", "0", "--verify", "static"], environment: ["TMPDIR": temporary.path])
        defer { server.stop() }
        let port = try server.waitForPort(timeout: .seconds(90))

        let workspaces = try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0.hasPrefix("docgen-serve-") }
        try #require(workspaces.count == 1, "the serve workspace is not in the private TMPDIR: \(workspaces)")
        let workspace = temporary.appendingPathComponent(workspaces[0])
        let site = workspace.appendingPathComponent("build-1")
        try #require(FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path), "the served site is not \(site.path)")

        // Secrets one and two levels above the site, in the project, and in a folder the site links to.
        let secret = "docgen-secret-\(UUID().uuidString)"
        let outside = temporary.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        for file in [workspace.appendingPathComponent("secret.txt"), temporary.appendingPathComponent("secret.txt"),
                     project.appendingPathComponent("secret.txt"), outside.appendingPathComponent("secret.txt")] {
            try Data(secret.utf8).write(to: file)
        }
        try Data("<html><body>\(secret)</body></html>".utf8).write(to: outside.appendingPathComponent("index.html"))
        let links: [(String, String)] = [
            ("escape", outside.path), ("leak.txt", temporary.appendingPathComponent("secret.txt").path), ("passwd.txt", "/etc/passwd"),
            ("relative.txt", "../secret.txt"), ("chain.txt", "leak.txt"), ("jobs/up", "../.."), ("alias.html", "index.html"),
        ]
        for (name, target) in links {
            try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent(name).path, withDestinationPath: target)
        }
        try #require(mkfifo(site.appendingPathComponent("pipe.txt").path, 0o644) == 0)

        // The controls: the site itself, and a link that stays inside it, are served.
        #expect(try ServeTests.HTTPProbe.get("/", port: port).status == 200)
        #expect(try ServeTests.HTTPProbe.get("/alias.html", port: port).status == 200, "a link inside the site is fine")

        let attacks = [
            // Plain and dot-segment variants.
            "/../secret.txt", "/../../secret.txt", "/../../../../../../../../etc/passwd", "/./../secret.txt",
            "/jobs/../../secret.txt", "/jobs/./../../secret.txt", "/..", "/../", "/...", "/..;/secret.txt",
            // Percent-encoded dots and slashes, upper and lower case, mixed.
            "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/%2e%2e/%2e%2e/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt",
            "/.%2E/.%2E/secret.txt", "/%2E./%2e./secret.txt", "/%2e%2e%2fsecret.txt", "/%2E%2E%2F%2E%2E%2Fsecret.txt",
            "/..%2fsecret.txt", "/..%2F..%2Fsecret.txt", "/jobs/%2e%2e/%2e%2e/secret.txt", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            // Double and triple encoding.
            "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/%252E%252E/%252E%252E/secret.txt", "/%25252e%25252e/secret.txt",
            "/..%252fsecret.txt",
            // Overlong and look-alike UTF-8.
            "/%c0%ae%c0%ae/secret.txt", "/%c0%ae%c0%ae%c0%afsecret.txt", "/%e0%80%ae%e0%80%ae/secret.txt", "/%c0%2e%c0%2e/secret.txt",
            "/%ef%bc%8e%ef%bc%8e/secret.txt", "/%uff0e%uff0e/secret.txt", "/%u002e%u002e/secret.txt",
            // Backslashes, raw and encoded.
            "/..\\secret.txt", "/..\\..\\secret.txt", "/\\..\\secret.txt", "/..%5csecret.txt", "/..%5C..%5Csecret.txt",
            "/%5c..%5csecret.txt", "/%2e%2e%5csecret.txt",
            // NUL.
            "/index.html%00", "/secret.txt%00.html", "/..%00/secret.txt", "/%00../secret.txt", "/%2e%2e%00/secret.txt",
            // Absolute paths.
            "//etc/passwd", "///etc/passwd", "/%2fetc%2fpasswd", "/%2Fetc/passwd", "//%2e%2e/secret.txt", "/%2f%2e%2e/secret.txt",
            "\(temporary.path)/secret.txt", "/\(temporary.path)/secret.txt", "/%2f\(temporary.path.dropFirst())/secret.txt",
            // Other request-target forms.
            "../secret.txt", "..%2fsecret.txt", "http://127.0.0.1:\(port)/../secret.txt", "http://127.0.0.1:\(port)/%2e%2e/secret.txt",
            "*",
            // Symbolic links in the site that point out of it (to a folder, a file, /etc/passwd, relative, chained), and a FIFO.
            "/escape/secret.txt", "/escape/", "/escape", "/escape/index.html", "/leak.txt", "/passwd.txt", "/relative.txt",
            "/chain.txt", "/jobs/up/secret.txt", "/jobs/up/", "/pipe.txt",
        ]
        var answered: [String: Int] = [:]
        for path in attacks {
            let reply = try Self.rawRequest(path, port: port)
            if let reply { answered[path] = reply.status }
            let shown = "\(path) -> \(reply.map { String($0.status) } ?? "connection closed")"
            #expect(reply == nil || reply?.status == 400 || reply?.status == 404, "\(shown): \(reply?.body.prefix(200) ?? "")")
            #expect(reply?.body.contains(secret) != true, "\(shown) served a secret")
            #expect(reply?.body.contains("root:x:0:0") != true, "\(shown) served /etc/passwd")
        }
        // Most of them reach the resolver and get the site's own 404 page; the server survived them all.
        #expect(answered.values.filter { $0 == 404 }.count >= attacks.count / 2, "\(answered)")
        #expect(try ServeTests.HTTPProbe.get("/jobs/", port: port).status == 200)
        #expect(server.interrupt(timeout: .seconds(15)) == 0)
    }
}

// MARK: - Helpers

extension ServeLoadTests {
    /// A reply to a raw request: its status and body.
    struct RawReply {
        var status: Int
        var body: String
    }

    /// Sends `GET target HTTP/1.1` exactly as given; nil when the server closes the connection without
    /// an answer (how a server may treat a request line it cannot parse).
    static func rawRequest(_ target: String, port: Int) throws -> RawReply? {
        let socket = try ServeTests.LoopbackSocket(port: port)
        try socket.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        let text = String(decoding: try socket.readToEnd(timeout: .seconds(20)), as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return nil }
        let statusLine = text[..<split.lowerBound].prefix { $0 != "\r" }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        return RawReply(status: status, body: String(text[split.upperBound...]))
    }

    /// Runs `tool` with `arguments`, killing it after `limit`; returns what it printed.
    static func runBounded(_ tool: String, _ arguments: [String], limit: Duration) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Int(limit.components.seconds)), execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return String(decoding: data, as: UTF8.self)
    }

    /// The `key=value` numbers of the script's `DOCGEN ...` line.
    static func counts(in output: String) -> [String: Int]? {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("DOCGEN ") }) else { return nil }
        var counts: [String: Int] = [:]
        for field in line.split(separator: " ").dropFirst() {
            let pair = field.split(separator: "=", maxSplits: 1)
            if pair.count == 2, let value = Int(pair[1]) { counts[String(pair[0])] = value }
        }
        return counts
    }
}
