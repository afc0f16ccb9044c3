import DocgenCore
@testable import DocgenServe
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `docgen serve`: path safety, content types and the reload script as units, then the real binary
/// over loopback HTTP: pages, 404, a live edit with its `reload` event, a broken link with its `errors` event.
@Suite("docgen serve")
struct ServeTests {
    // MARK: Units

    @Test("request paths stay inside the site folder")
    func pathResolution() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let outside = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("site/jobs"), withIntermediateDirectories: true)
        let site = root.appendingPathComponent("site")
        try Data("<p>home</p>".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data("<p>jobs</p>".utf8).write(to: site.appendingPathComponent("jobs/index.html"))
        try Data("secret".utf8).write(to: root.appendingPathComponent("secret.txt"))
        try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("escape"), withDestinationURL: outside)

        #expect(SiteResponder.resolve("/", in: site) == .file(site.resolvingSymlinksInPath().appendingPathComponent("index.html")))
        #expect(SiteResponder.resolve("/jobs/", in: site) == .file(site.resolvingSymlinksInPath().appendingPathComponent("jobs/index.html")))
        #expect(SiteResponder.resolve("/jobs", in: site) == .redirect("/jobs/"))
        #expect(SiteResponder.resolve("/missing.html", in: site) == .notFound)
        #expect(SiteResponder.resolve("/../secret.txt", in: site) == .notFound)
        #expect(SiteResponder.resolve("/jobs/../../secret.txt", in: site) == .notFound)
        #expect(SiteResponder.resolve("/%2e%2e/secret.txt", in: site) == .notFound)
        #expect(SiteResponder.resolve("/..%2fsecret.txt", in: site) == .notFound)
        #expect(SiteResponder.resolve("/escape/secret.txt", in: site) == .notFound)
        #expect(SiteResponder.resolve("relative", in: site) == .notFound)
    }

    @Test("content types by extension")
    func contentTypes() {
        #expect(ContentTypes.forPath("index.html") == "text/html; charset=utf-8")
        #expect(ContentTypes.forPath("assets/docgen.css") == "text/css; charset=utf-8")
        #expect(ContentTypes.forPath("assets/search.js") == "text/javascript; charset=utf-8")
        #expect(ContentTypes.forPath("areas.SVG") == "image/svg+xml")
        #expect(ContentTypes.forPath("logo.png") == "image/png")
        #expect(ContentTypes.forPath("files/saga-job.sh") == "application/x-sh")
        #expect(ContentTypes.forPath("checklist.txt") == "text/plain; charset=utf-8")
        #expect(ContentTypes.forPath("v1.2/README") == ContentTypes.fallback)
    }

    @Test("the reload script goes before </body>, and events are framed for SSE")
    func scriptAndEvents() {
        let page = LiveReloadScript.inject(into: "<html><body><p>x</p></body></html>", generation: "abc-1\";alert(1)//")
        #expect(page.contains("/__docgen/events"))
        #expect(page.hasSuffix("</script>\n</body></html>"))
        #expect(!page.contains("alert(1)"), "the generation cannot inject script")
        #expect(LiveReloadScript.inject(into: "<p>no body</p>", generation: "1").contains("EventSource"))

        #expect(ServerEvent(name: "errors", data: "a\nb").wire == "event: errors\ndata: a\ndata: b\n\n")
        let report = ErrorReport(diagnostics: [
            .error("link.broken", "link 'x.md' points to </script><b>", at: .init(file: "content/index.md", line: 3, column: 7)),
        ])
        let wire = report.event.wire
        #expect(wire.hasPrefix("event: errors\ndata: {"))
        #expect(wire.contains("\"location\":\"content/index.md:3:7\""))
        #expect(wire.contains("</script><b>"), "escaping is the overlay's job: it uses textContent")
        #expect(wire.split(separator: "\n").count == 2, "the JSON stays on one data line")
    }

    // MARK: The real server

    @Test("serves, reloads on change, keeps the last good site on errors", .timeLimit(.minutes(3)))
    func liveServer() async throws {
        let project = try TestSupport.copyFixture("valid-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let server = try ServeProcess(arguments: ["serve", project.path, "--port", "0", "--verify", "static"])
        defer { server.stop() }
        let port = try server.waitForPort(timeout: .seconds(90))

        // Pages, assets, folders, 404 and traversal.
        let home = try HTTPProbe.get("/", port: port)
        #expect(home.status == 200)
        #expect(home.header("content-type") == "text/html; charset=utf-8")
        #expect(home.body.contains("data-docgen-serve") && home.body.contains("/__docgen/events"))
        #expect(home.body.contains("Welcome"))
        #expect(try HTTPProbe.get("/assets/docgen.css", port: port).header("content-type") == "text/css; charset=utf-8")
        let svg = try HTTPProbe.get("/storage/areas.svg", port: port)
        #expect(svg.status == 200 && svg.header("content-type") == "image/svg+xml")
        #expect(try HTTPProbe.get("/storage/checklist.txt", port: port).header("content-type") == "text/plain; charset=utf-8")
        let folder = try HTTPProbe.get("/jobs", port: port)
        #expect(folder.status == 301 && folder.header("location") == "/jobs/")
        let jobs = try HTTPProbe.get("/jobs/", port: port)
        #expect(jobs.status == 200 && jobs.body.contains("data-docgen-serve"))
        let missing = try HTTPProbe.get("/no/such/page.html", port: port)
        #expect(missing.status == 404)
        #expect(missing.body.contains("Go to the start page") && missing.body.contains("data-docgen-serve"))
        #expect(try HTTPProbe.get("/../../../../etc/passwd", port: port).status == 404)
        #expect(try HTTPProbe.get("/%2e%2e/%2e%2e/%2e%2e/etc/passwd", port: port).status == 404)
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path), "serve builds into a temporary folder")

        // Live edit: the page changes and a reload event arrives.
        let generation = try #require(Self.generation(in: home.body))
        let events = try HTTPProbe.EventStream(port: port, generation: generation)
        #expect(events.read(until: { $0.contains(": docgen serve") }, timeout: .seconds(10)))
        let index = project.appendingPathComponent("content/index.md")
        let original = try String(contentsOf: index, encoding: .utf8)
        try (original + "\nServe marker 4711.\n").write(to: index, atomically: true, encoding: .utf8)
        #expect(events.read(until: { $0.contains("event: reload") }, timeout: .seconds(30)))
        let edited = try HTTPProbe.get("/", port: port)
        #expect(edited.body.contains("Serve marker 4711."))

        // A broken link: the old page stays, the overlay's errors arrive with file:line.
        let errorsStream = try HTTPProbe.EventStream(port: port, generation: Self.generation(in: edited.body) ?? "")
        let brokenLine = (original + "\nServe marker 4711.\n").split(separator: "\n", omittingEmptySubsequences: false).count
        try (original + "\nServe marker 4711.\n[broken](no-such-page.md)\n").write(to: index, atomically: true, encoding: .utf8)
        #expect(errorsStream.read(until: { $0.contains("event: errors") && $0.contains("content/index.md:\(brokenLine):") }, timeout: .seconds(30)))
        #expect(errorsStream.received.contains("link.broken"))
        let stale = try HTTPProbe.get("/", port: port)
        #expect(stale.status == 200 && stale.body.contains("Serve marker 4711.") && !stale.body.contains("no-such-page"))
        // A page opened now learns about the errors as soon as it connects.
        let late = try HTTPProbe.EventStream(port: port, generation: Self.generation(in: stale.body) ?? "")
        #expect(late.read(until: { $0.contains("event: errors") }, timeout: .seconds(10)))

        // Another save with the same broken link: the console reports the build, not the link again.
        try (original + "\nServe marker 4711.\n[broken](no-such-page.md)\n\nMore text.\n").write(to: index, atomically: true, encoding: .utf8)
        #expect(late.read(until: { $0.components(separatedBy: "event: errors").count > 2 }, timeout: .seconds(30)))
        let deadline = ContinuousClock.now + .seconds(10)
        while server.errorOutput.components(separatedBy: "the site was not written").count < 3, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(server.errorOutput.components(separatedBy: "[link.broken]").count == 2, "printed once: \(server.errorOutput)")

        // Fixed again: the next good build reloads the pages.
        try original.write(to: index, atomically: true, encoding: .utf8)
        #expect(late.read(until: { $0.contains("event: reload") }, timeout: .seconds(30)))
        #expect(try !HTTPProbe.get("/", port: port).body.contains("Serve marker"))

        // Ctrl-C stops it cleanly, even with event streams open.
        #expect(server.interrupt(timeout: .seconds(15)) == 0)
    }

    private static func generation(in page: String) -> String? {
        guard let start = page.range(of: "var generation = \"") else { return nil }
        let rest = page[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

// MARK: - Helpers: the server process and a tiny loopback HTTP client

extension ServeTests {
    /// The `docgen serve` child process; `stop()` always kills it.
    final class ServeProcess: @unchecked Sendable {
        private let process = Process()
        private let output = Pipe()
        private let errors = Pipe()
        private let lock = NSLock()
        private var printed = ""
        private var logged = ""

        /// What the server printed on stderr so far (the build reports).
        var errorOutput: String { lock.withLock { logged } }

        /// Starts `docgen` with `arguments`; `environment` adds to (or overrides) this process's variables.
        init(arguments: [String], environment: [String: String] = [:]) throws {
            process.executableURL = TestSupport.docgenBinary
            process.arguments = arguments
            if !environment.isEmpty {
                process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            }
            process.standardOutput = output
            process.standardError = errors
            collect(output) { $0.printed += $1 }
            collect(errors) { $0.logged += $1 }
            try process.run()
        }

        /// Appends what arrives on `pipe`, as text, through `append`.
        private func collect(_ pipe: Pipe, _ append: @escaping @Sendable (ServeProcess, String) -> Void) {
            pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                self.lock.withLock { append(self, String(decoding: data, as: UTF8.self)) }
            }
        }

        /// Waits for `docgen: serving http://127.0.0.1:PORT/` and returns PORT.
        func waitForPort(timeout: Duration) throws -> Int {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                let text = lock.withLock { printed }
                if let range = text.range(of: "serving http://127.0.0.1:") {
                    let digits = text[range.upperBound...].prefix { $0.isNumber }
                    if let port = Int(digits) { return port }
                }
                if !process.isRunning { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
            throw ServeTestError("docgen serve did not print its URL; output: \(lock.withLock { printed })")
        }

        /// Sends SIGINT and returns the exit status, or nil when it did not exit in time.
        func interrupt(timeout: Duration) -> Int32? {
            guard process.isRunning else { return process.terminationStatus }
            kill(process.processIdentifier, SIGINT)
            let deadline = ContinuousClock.now + timeout
            while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
            return process.isRunning ? nil : process.terminationStatus
        }

        func stop() {
            output.fileHandleForReading.readabilityHandler = nil
            errors.fileHandleForReading.readabilityHandler = nil
            if process.isRunning {
                process.terminate()
                let deadline = ContinuousClock.now + .seconds(5)
                while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
        }
    }

    /// A failure of the test harness itself.
    struct ServeTestError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Plain HTTP/1.1 over a loopback socket, so raw paths like `/../` reach the server unchanged.
    enum HTTPProbe {
        struct Reply {
            var status: Int
            var headers: [String: String]
            var body: String
            func header(_ name: String) -> String? { headers[name.lowercased()] }
        }

        /// One GET with `Connection: close`; retried a few times when the connection fails.
        static func get(_ path: String, port: Int) throws -> Reply {
            var lastError: any Error = ServeTestError("no attempt")
            for _ in 0..<5 {
                do {
                    let socket = try LoopbackSocket(port: port)
                    try socket.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
                    return try parse(socket.readToEnd(timeout: .seconds(20)))
                } catch {
                    lastError = error
                    Thread.sleep(forTimeInterval: 0.2)
                }
            }
            throw lastError
        }

        private static func parse(_ data: Data) throws -> Reply {
            let text = String(decoding: data, as: UTF8.self)
            guard let split = text.range(of: "\r\n\r\n") else { throw ServeTestError("no HTTP header in: \(text.prefix(200))") }
            let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
            let parts = lines.first?.split(separator: " ") ?? []
            guard parts.count >= 2, let status = Int(parts[1]) else { throw ServeTestError("bad status line: \(lines.first ?? "")") }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return Reply(status: status, headers: headers, body: String(text[split.upperBound...]))
        }

        /// An open `/__docgen/events` connection that collects what arrives.
        final class EventStream {
            private let socket: LoopbackSocket
            private(set) var received = ""

            init(port: Int, generation: String) throws {
                socket = try LoopbackSocket(port: port)
                try socket.send("GET /__docgen/events?generation=\(generation) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
            }

            /// Reads until `condition` holds for everything received so far, or the time is up.
            func read(until condition: (String) -> Bool, timeout: Duration) -> Bool {
                let deadline = ContinuousClock.now + timeout
                while !condition(received) {
                    guard ContinuousClock.now < deadline, let chunk = socket.readSome() else { return condition(received) }
                    received += String(decoding: chunk, as: UTF8.self)
                }
                return true
            }
        }
    }

    /// A TCP connection to 127.0.0.1 with a short receive timeout.
    final class LoopbackSocket {
        private let descriptor: Int32

        init(port: Int) throws {
            #if canImport(Glibc)
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            #else
            descriptor = socket(AF_INET, SOCK_STREAM, 0)
            #endif
            guard descriptor >= 0 else { throw ServeTestError("socket() failed") }
            var timeout = timeval(tv_sec: 0, tv_usec: 250_000)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(descriptor)
                throw ServeTestError("cannot connect to 127.0.0.1:\(port)")
            }
        }

        deinit { close(descriptor) }

        func send(_ text: String) throws {
            let bytes = Array(text.utf8)
            let sent = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard sent == bytes.count else { throw ServeTestError("short write") }
        }

        /// What arrived within the receive timeout: empty data on timeout, nil once the peer closed.
        func readSome() -> Data? {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { return Data(buffer[0..<count]) }
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return Data() }
            return nil
        }

        func readToEnd(timeout: Duration) throws -> Data {
            var data = Data()
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                guard let chunk = readSome() else { return data }
                data += chunk
            }
            throw ServeTestError("the response did not end in time")
        }
    }
}
