import DocgenCore
@testable import DocgenVerify
import Foundation
import Testing

/// Verified code blocks end to end: the sandbox, blessing, the cache and the reports.
@Suite("Verified code blocks")
struct VerificationTests {
    @Test("nothing a transcript runs can write outside its sandbox, read the real home, or reach the network")
    func sandboxContainment() throws {
        try #require(Sandbox.bubblewrapPath != nil, "bubblewrap is missing: run `make test-deps`")
        let marker = "docgen-escape-\(UUID().uuidString)"
        let sandbox = try Sandbox(user: "alice", home: "/cluster/home/alice", seed: nil)
        let session = ShellSession(sandbox: sandbox)
        let hostTemp = FileManager.default.temporaryDirectory.appendingPathComponent(marker).path
        let realHome = FileManager.default.homeDirectoryForCurrentUser.path
        let run = session.run([
            "touch /etc/\(marker) 2>/dev/null; echo etc=$?",
            "touch /usr/\(marker) 2>/dev/null; echo usr=$?",
            "touch \(hostTemp); ls \(hostTemp) >/dev/null 2>&1; echo tmp-visible-inside=$?",
            "ls \(realHome) >/dev/null 2>&1; echo home=$?",
            "(echo > /dev/tcp/127.0.0.1/22) 2>/dev/null; echo net=$?",
            "touch inside.txt && echo inside=$?",
            "pwd",
        ])
        let outputs = run.commands.map { $0.output.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(outputs.count == 7)
        #expect(outputs.first == "etc=1")
        #expect(outputs.dropFirst().first == "usr=1")
        #expect(outputs.contains("net=1"))
        #expect(outputs.contains("inside=0"))
        #expect(outputs.last == "/cluster/home/alice")
        if realHome != "/" { #expect(outputs.contains("home=2")) }
        // Whatever happened inside, the host is untouched: /tmp inside is a private tmpfs.
        #expect(!FileManager.default.fileExists(atPath: "/etc/\(marker)"))
        #expect(!FileManager.default.fileExists(atPath: hostTemp))
        #expect(FileManager.default.fileExists(atPath: sandbox.hostHome.appendingPathComponent("inside.txt").path))
    }

    /// Enabled only where this process can read the host's `/etc/shadow` (as root): elsewhere the
    /// sandbox could not read it either, and the test could not fail.
    @Test(
        "what other users may not read in /etc stays unreadable inside, the rest of /etc is there",
        .enabled(if: FileManager.default.isReadableFile(atPath: "/etc/shadow"), "only root can tell: run the tests as root"))
    func hiddenSystemFiles() throws {
        try #require(Sandbox.bubblewrapPath != nil, "bubblewrap is missing: run `make test-deps`")
        let hidden = UnreadableSystemPaths.etc
        #expect(hidden.contains(.init(path: "/etc/shadow", isFolder: false)))
        let shadow = try String(contentsOfFile: "/etc/shadow", encoding: .utf8)
        let firstEntry = try #require(shadow.split(separator: "\n").first)
        let sandbox = try Sandbox(user: "u", home: "/home/u", seed: nil)
        let read = sandbox.run("cat /etc/shadow", in: "/home/u")
        #expect(!read.output.contains(firstEntry), "the host's /etc/shadow was read inside the sandbox")
        #expect(read.status != 0 && read.output.contains("Permission denied"), "\(read.output)")
        // Every covered file is refused, as to an ordinary user; every covered folder is empty.
        for entry in hidden {
            let probe = sandbox.run(entry.isFolder ? "ls -A '\(entry.path)' | wc -l" : "head -c 1 '\(entry.path)' >/dev/null 2>&1; echo $?", in: "/home/u")
            #expect(probe.output.trimmingCharacters(in: .whitespacesAndNewlines) == (entry.isFolder ? "0" : "1"), "\(entry.path): \(probe.output)")
        }
        // Readable files are not covered.
        let passwd = sandbox.run("grep -c '^root:' /etc/passwd", in: "/home/u")
        #expect(passwd.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(passwd.output)")
    }

    @Test("a block that runs too long is stopped at its timeout, one that prints too much at its cap")
    func limits() throws {
        try #require(Sandbox.bubblewrapPath != nil, "bubblewrap is missing: run `make test-deps`")
        var limits = Sandbox.Limits()
        limits.timeout = .seconds(1)
        limits.outputLimit = 10_000
        let sandbox = try Sandbox(user: "u", home: "/home/u", seed: nil, limits: limits)
        let clock = ContinuousClock.now
        let slow = sandbox.run("sleep 30", in: "/home/u")
        #expect(slow.timedOut)
        #expect(ContinuousClock.now - clock < .seconds(10))
        let flood = sandbox.run("yes docgen", in: "/home/u")
        #expect(flood.truncated)
        #expect(flood.output.utf8.count <= 10_000)
    }

    @Test("a wrong transcript fails with a diff at the Markdown lines, --bless fixes it, CI refuses to bless")
    func bless() throws {
        let project = try TestSupport.copyFixture("verify-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let page = project.appendingPathComponent("content/index.md")
        let original = try String(contentsOf: page, encoding: .utf8)
        try original.replacingOccurrences(of: "/cluster/home/alice/project\n", with: "/cluster/home/bob/project\n")
            .replacingOccurrences(of: " 3 total\n", with: " 4 total\n")
            .write(to: page, atomically: true, encoding: .utf8)

        let failing = try ProcessOutput.docgen(["check", project.path])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("content/index.md:10:1: error[transcript.output-mismatch]"), "\(failing.stderr)")
        #expect(failing.stderr.contains("- 10 | /cluster/home/bob/project"))
        #expect(failing.stderr.contains("+    | /cluster/home/alice/project"))
        #expect(failing.stderr.contains("content/index.md:24:1: error[transcript.output-mismatch]"))

        let refused = try ProcessOutput.docgen(["check", project.path, "--bless"], environment: ["CI": "true"])
        #expect(refused.status == 2)

        let blessed = try ProcessOutput.docgen(["check", project.path, "--bless"], environment: ["CI": "false"])
        #expect(blessed.status == 0, "\(blessed.stderr)")
        #expect(try String(contentsOf: page, encoding: .utf8) == original, "bless restores exactly the real output, keeping the '...' line")
        let passing = try ProcessOutput.docgen(["check", project.path])
        #expect(passing.status == 0, "\(passing.stderr)")
    }

    @Test("an unchanged guide re-verifies from the cache; a changed block runs again")
    func cache() throws {
        let project = try TestSupport.copyFixture("verify-guide")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let first = try ProcessOutput.docgen(["check", project.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("docgen: 5 blocks verified, 0 failed, 1 skipped\n"))
        let second = try ProcessOutput.docgen(["check", project.path])
        #expect(second.stderr.contains("docgen: 5 blocks verified, 0 failed, 1 skipped (5 from cache)"), "\(second.stderr)")

        let page = project.appendingPathComponent("content/index.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        try text.replacingOccurrences(of: "first line\n...\n", with: "first line\nsecond line\n").write(to: page, atomically: true, encoding: .utf8)
        let third = try ProcessOutput.docgen(["check", project.path])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stderr.contains("(3 from cache)"), "both transcripts of the session run again: \(third.stderr)")
    }

    @Test("reports: JSON keys, GitHub annotations, JUnit with one test case per block")
    func reports() throws {
        let project = try TestSupport.copyFixture("verify-broken")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let junit = project.appendingPathComponent("report.xml")
        let json = try ProcessOutput.docgen(["check", project.path, "--format", "json", "--junit", junit.path])
        #expect(json.status == 1)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.contains { $0["id"] as? String == "MEM002" && $0["line"] as? Int == 18 })
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("<testsuites name=\"docgen\" tests=\"4\" failures=\"4\" skipped=\"0\">"))
        #expect(xml.contains("<failure message="))

        let github = try ProcessOutput.docgen(["check", project.path, "--format", "github"])
        #expect(github.stdout.contains("::error file=content/index.md,line=16,col=9,title=TIM003::"))
        #expect(github.stdout.contains("::notice file=content/index.md"))
    }

    @Test("static verification lints and parses but runs nothing")
    func staticMode() throws {
        let project = try TestSupport.copyFixture("verify-broken")
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let result = try ProcessOutput.docgen(["check", project.path, "--verify", "static"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[TIM003]"))
        #expect(!result.stderr.contains("transcript.output-mismatch"))
        #expect(result.stderr.contains("transcript.unknown-command"), "unknown commands are found without running anything")
    }
}
