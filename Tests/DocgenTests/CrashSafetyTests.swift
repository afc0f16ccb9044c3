import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Killing `docgen build` at any moment leaves `site/` whole (the old site or the new one, never a
/// mix or nothing), the next build cleans up what the killed one left, and a torn verification cache
/// entry is ignored rather than trusted.
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    // MARK: Killed builds

    @Test("SIGKILL at a random moment of a build leaves site/ exactly the old or the new site", .timeLimit(.minutes(8)))
    func killedBuilds() throws {
        let project = try GeneratedProject(pages: 120)
        defer { project.remove() }

        // The two sites, built once to completion; building is deterministic, so these are the only
        // two states site/ may ever be in.
        let (firstStatus, _) = try project.build(.a)
        try #require(firstStatus == 0, "the first build failed")
        let siteA = try project.manifest()
        // Timed from the second build on: the first one pays for cold caches.
        let (againStatus, againTime) = try project.build(.a)
        try #require(againStatus == 0)
        try #require(try project.manifest() == siteA, "two builds of the same content differ, so old and new cannot be told apart")
        let (secondStatus, secondTime) = try project.build(.b)
        try #require(secondStatus == 0, "the build of the changed content failed")
        let siteB = try project.manifest()
        try #require(siteA != siteB && siteA.count != siteB.count)

        // Delays spread over the whole build (loading, writing, commit) and a little after it:
        // iteration i kills somewhere in its own slice of [0, 1.15 × build time]. The shorter of the
        // two timed builds: on a machine shared with the other suites one of them can take twice as
        // long, and a window stretched by it put half the kills after the build had ended.
        let buildTime = min(againTime, secondTime)
        let iterations = 20
        var current = siteB, currentVersion = GeneratedProject.Version.b
        var killedRunning = 0, endedOld = 0, endedNew = 0
        let started = ContinuousClock.now
        for iteration in 0..<iterations {
            // Bounded in time even on a slow, shared machine.
            if ContinuousClock.now - started > .seconds(240) { break }
            let target: GeneratedProject.Version = currentVersion == .a ? .b : .a
            let slice = buildTime * 1.15 / Double(iterations)
            let delay = slice * (Double(iteration) + Double.random(in: 0..<1))
            let wasRunning = try project.buildAndKill(target, after: delay)
            if wasRunning { killedRunning += 1 }

            let after = try project.manifest()
            let expected = target == .a ? siteA : siteB
            if after == current {
                endedOld += 1
            } else if after == expected {
                endedNew += 1
                current = expected
                currentVersion = target
            } else {
                let diff = GeneratedProject.describeDifference(after, current)
                Issue.record("after a kill at \(String(format: "%.3f", delay)) s, site/ is neither the old nor the new site: \(diff)")
                break
            }
        }
        print("crash safety: build takes \(String(format: "%.2f", buildTime)) s; \(killedRunning) kills hit a running build; site/ kept the old site \(endedOld) times, had the new one \(endedNew) times")
        #expect(killedRunning >= iterations / 2, "most kills must hit a running build, or the test proves nothing")
        #expect(endedOld > 0, "some kills must land before the commit")

        // The next complete build succeeds and removes what the killed ones left behind.
        let leftovers = project.staleFolders()
        let (finalStatus, _) = try project.build(currentVersion == .a ? .b : .a)
        #expect(finalStatus == 0)
        #expect(try project.manifest() == (currentVersion == .a ? siteB : siteA))
        #expect(project.staleFolders().isEmpty, "left behind by killed builds: \(leftovers); still there: \(project.staleFolders())")
    }

    @Test("a reader polling site/ while builds replace it never finds it missing", .timeLimit(.minutes(5)))
    func siteNeverMissing() throws {
        let project = try GeneratedProject(pages: 40)
        defer { project.remove() }
        let (status, _) = try project.build(.a)
        try #require(status == 0)

        let probe = project.root.appendingPathComponent("site/index.html").path
        let observer = PathObserver(path: probe)
        let thread = Thread { observer.watch() }
        thread.start()
        defer { observer.stop() }
        for round in 0..<12 {
            let (status, _) = try project.build(round % 2 == 0 ? .b : .a)
            #expect(status == 0)
        }
        observer.stop()
        observer.waitUntilStopped()
        #expect(observer.checks > 1000, "the observer must have looked often enough to matter")
        #expect(observer.misses == 0, "site/index.html was missing \(observer.misses) times out of \(observer.checks) while builds replaced the site")
    }

    @Test("the next build removes staging and old folders of dead builds, keeps those of live ones")
    func staleFolders() throws {
        let project = try GeneratedProject(pages: 3)
        defer { project.remove() }
        let dead = try Self.deadProcessID()
        let manager = FileManager.default
        let deadStaging = project.root.appendingPathComponent(".site.tmp-\(dead)-17")
        let deadOld = project.root.appendingPathComponent(".site.old-\(dead)")
        let liveStaging = project.root.appendingPathComponent(".site.tmp-\(getpid())-18")
        let lockedStaging = project.root.appendingPathComponent(".site.tmp-\(dead)-19")
        let unrelated = project.root.appendingPathComponent(".site.tmp-notes")
        for folder in [deadStaging, deadOld, liveStaging, lockedStaging, unrelated] {
            try manager.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: folder.appendingPathComponent("sub/page.html"))
        }
        // A concurrent build holds a lock on its staging folder for as long as it runs, whatever its
        // PID looks like from here (another PID namespace, or a reused number).
        let descriptor = open(lockedStaging.path, O_RDONLY | O_DIRECTORY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)

        let (status, _) = try project.build(.a)
        #expect(status == 0)
        #expect(!manager.fileExists(atPath: deadStaging.path), "a dead build's staging folder is removed")
        #expect(!manager.fileExists(atPath: deadOld.path), "a dead build's old site is removed")
        #expect(manager.fileExists(atPath: liveStaging.path), "a live process's fresh staging folder may be a build in progress")
        #expect(manager.fileExists(atPath: lockedStaging.path), "a locked staging folder belongs to a running build")
        #expect(manager.fileExists(atPath: unrelated.path), "only docgen's own names are touched")
        #expect(manager.fileExists(atPath: project.root.appendingPathComponent("site/index.html").path))
    }

    // MARK: The verification cache

    @Test("truncated, garbage, empty and foreign verification cache entries are ignored, then rewritten")
    func tornCacheEntries() throws {
        let project = try TestSupport.copyFixture("verify-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let first = try ProcessOutput.docgen(["check", project.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("docgen: 5 blocks verified, 0 failed, 1 skipped\n"), "\(first.stderr)")

        let cache = project.appendingPathComponent(".docgen-cache/verify")
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { !$0.hasPrefix(".") }.sorted()
        try #require(entries.count >= 4, "one entry per passing block: \(entries)")
        let contents = try entries.map { try Data(contentsOf: cache.appendingPathComponent($0)) }

        // Each way an entry can be torn: cut short by a kill, overwritten by garbage, emptied, or
        // holding the content of another key's entry (a misplaced rename).
        for (index, name) in entries.enumerated() {
            let url = cache.appendingPathComponent(name)
            let original = contents[index]
            let torn: Data = switch index % 4 {
            case 0: original.prefix(original.count / 2)
            case 1: Data((0..<original.count).map { _ in UInt8.random(in: 0...255) })
            case 2: Data()
            default: contents[(index + 1) % contents.count]
            }
            try torn.write(to: url)
        }
        let second = try ProcessOutput.docgen(["check", project.path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("docgen: 5 blocks verified, 0 failed, 1 skipped\n"), "no torn entry may count as a pass: \(second.stderr)")

        // Each block ran and passed again, so its entry is whole again.
        for (index, name) in entries.enumerated() {
            #expect(try Data(contentsOf: cache.appendingPathComponent(name)) == contents[index], "entry \(name) was rewritten")
        }
        let third = try ProcessOutput.docgen(["check", project.path])
        #expect(third.stderr.contains("(5 from cache)"), "\(third.stderr)")
        let temporary = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".tmp") }
        #expect(temporary.isEmpty, "no temporary file stays behind: \(temporary)")
    }

    /// The PID of a process that has exited (and been reaped), so nothing runs under it for now.
    private static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}

// MARK: - Helpers: a generated project and a path observer

extension CrashSafetyTests {
    /// A project in a temporary folder with two generated content folders: `a` (the old site) and `b`
    /// (the changed one: other text on every page and more pages), big enough that a build takes a while.
    struct GeneratedProject {
        /// Which content folder a build uses.
        enum Version: String {
            case a, b
        }

        let root: URL

        init(pages: Int) throws {
            root = try TestSupport.temporaryDirectory().appendingPathComponent("guide")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Data("title: Crash safety guide\n".utf8).write(to: root.appendingPathComponent("docgen.yml"))
            try Self.writeContent(root.appendingPathComponent("content-a"), pages: pages, marker: "old")
            try Self.writeContent(root.appendingPathComponent("content-b"), pages: pages + pages / 10 + 1, marker: "new")
        }

        func remove() {
            try? FileManager.default.removeItem(at: root.deletingLastPathComponent())
        }

        private static func writeContent(_ folder: URL, pages: Int, marker: String) throws {
            let sections = max(1, pages / 25)
            for section in 0..<sections {
                let folder = folder.appendingPathComponent("section-\(section)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data("---\ntitle: Section \(section)\n---\n# Section \(section)\n\nThe \(marker) section.\n".utf8)
                    .write(to: folder.appendingPathComponent("index.md"))
            }
            try Data("# Home (\(marker))\n\nThe \(marker) site. See [the first page](section-0/page-0.md).\n".utf8)
                .write(to: folder.appendingPathComponent("index.md"))
            for page in 0..<pages {
                var text = "---\ntitle: Page \(page) (\(marker))\n---\n# Page \(page)\n\nThis is the \(marker) text of page \(page).\n"
                for part in 0..<12 {
                    text += "\n## Part \(part)\n\nSome *emphasis*, `code` and a [link](../section-0/index.md) in the \(marker) site, part \(part) of page \(page).\n"
                    text += "\n| Column | Value |\n|---|---|\n| \(marker) | \(page * 100 + part) |\n"
                    text += "\n```text\nline one of \(marker) \(part)\nline two\n```\n"
                }
                try Data(text.utf8).write(to: folder.appendingPathComponent("section-\(page % sections)/page-\(page).md"))
            }
        }

        private func arguments(_ version: Version) -> [String] {
            ["build", root.path, "--content", root.appendingPathComponent("content-\(version.rawValue)").path, "--verify", "off", "--no-cache"]
        }

        /// Builds `version` to completion; returns the exit status and the time it took in seconds.
        func build(_ version: Version) throws -> (Int32, Double) {
            let clock = ContinuousClock.now
            let result = try ProcessOutput.docgen(arguments(version))
            if result.status != 0 { Issue.record("docgen build failed: \(result.stderr)") }
            let elapsed = ContinuousClock.now - clock
            return (result.status, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }

        /// Starts a build of `version`, sends SIGKILL after `delay` seconds; true when the build was still running then.
        func buildAndKill(_ version: Version, after delay: Double) throws -> Bool {
            let process = Process()
            process.executableURL = TestSupport.docgenBinary
            process.arguments = arguments(version)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            let running = process.isRunning
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Only a build that died of the kill counts as killed while running.
            return running && process.terminationReason == .uncaughtSignal
        }

        /// Every file of `site/` by relative path, with its content; empty when `site/` is missing.
        func manifest() throws -> [String: Data] {
            let site = root.appendingPathComponent("site")
            guard FileManager.default.fileExists(atPath: site.path) else { return [:] }
            var files: [String: Data] = [:]
            let base = site.standardizedFileURL.resolvingSymlinksInPath().path
            guard let walker = FileManager.default.enumerator(at: site, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let path = String(url.standardizedFileURL.resolvingSymlinksInPath().path.dropFirst(base.count))
                files[path] = try Data(contentsOf: url)
            }
            return files
        }

        /// Folders a build writes beside `site/` and removes when it ends normally.
        func staleFolders() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
                .filter { $0.hasPrefix(".site.tmp-") || $0.hasPrefix(".site.old-") }.sorted()
        }

        /// A short account of how two manifests differ, for a failure message.
        static func describeDifference(_ actual: [String: Data], _ expected: [String: Data]) -> String {
            if actual.isEmpty { return "site/ is missing or empty" }
            let missing = Set(expected.keys).subtracting(actual.keys).sorted()
            let extra = Set(actual.keys).subtracting(expected.keys).sorted()
            let changed = actual.keys.filter { expected[$0] != nil && expected[$0] != actual[$0] }.sorted()
            return "\(actual.count) files; missing \(missing.prefix(5)) (\(missing.count)), extra \(extra.prefix(5)) (\(extra.count)), changed \(changed.prefix(5)) (\(changed.count))"
        }
    }

    /// Checks in a tight loop on its own thread that a path exists, counting the times it did not.
    final class PathObserver: Sendable {
        private let path: String
        private let stopped = Atomic<Bool>(false)
        private let finished = Atomic<Bool>(false)
        private let checkCount = Atomic<Int>(0)
        private let missCount = Atomic<Int>(0)

        init(path: String) { self.path = path }

        var checks: Int { checkCount.load(ordering: .relaxed) }
        var misses: Int { missCount.load(ordering: .relaxed) }

        func watch() {
            while !stopped.load(ordering: .relaxed) {
                if access(path, F_OK) != 0 { missCount.add(1, ordering: .relaxed) }
                checkCount.add(1, ordering: .relaxed)
            }
            finished.store(true, ordering: .releasing)
        }

        func stop() { stopped.store(true, ordering: .relaxed) }

        func waitUntilStopped() {
            while !finished.load(ordering: .acquiring) { Thread.sleep(forTimeInterval: 0.01) }
        }
    }
}
