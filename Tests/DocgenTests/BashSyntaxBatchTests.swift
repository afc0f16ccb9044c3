import DocgenCore
@testable import DocgenVerify
import Foundation
import Synchronization
import Testing

/// Job scripts checked in batches (one bash process parsing many scripts as imported functions) must
/// get exactly the findings they get one by one, run nothing, and never let one script hide another's error.
@Suite("Bash syntax batches")
struct BashSyntaxBatchTests {
    static let linter = SlurmLinter(catalog: ClusterCatalog(profiles: []))

    static func script(_ body: String) -> String { "#!/bin/bash\n#SBATCH --time=10\n" + body }

    static func lint(_ body: String) -> [Diagnostic] {
        linter.lint(script(body), cluster: nil, origin: SourceLocation(file: "a.md", line: 1, column: 1))
    }

    @Test("a } that could close a group keeps a script out of batches; one inside a word does not", arguments: [
        ("echo ${HOME}/x\n", true),
        ("echo \"${A}\" '}'\n", true),
        ("x=${y:-a}b\n", true),
        ("echo x; }\n", false),
        ("{ echo x; }\n", false),
        ("f() {\n  echo x\n}\n", false),
        ("echo }\n", false),
        ("echo x;}\n", false),
        ("echo a\0b\n", false),
    ])
    func admission(_ body: String, _ admitted: Bool) {
        #expect(BashSyntaxBatch.canTake(body) == admitted)
    }

    @Test("a batch of valid scripts passes", arguments: [1, 2, 17])
    func validBatch(_ count: Int) {
        let scripts = (0..<count).map { Self.script("cat <<EOF\nif then \($0)\nEOF\nfor i in 1 2; do echo \"${i}\"; done\n") }
        #expect(BashSyntaxBatch.allValid(scripts))
    }

    @Test("batches run bash-static when it is installed and the same release as bash, else bash")
    func batchShell() {
        let staticBash = "/bin/bash-static"
        guard FileManager.default.isExecutableFile(atPath: staticBash) else {
            #expect(BashSyntaxBatch.shell == "/bin/bash")
            return
        }
        #expect(BashSyntaxBatch.shell == staticBash)
        // The same scripts get the same answers from both shells.
        let broken = [Self.script("echo ok\n"), Self.script("if true; then\n")]
        #expect(BashSyntaxBatch.allValid(broken, bash: "/bin/bash") == BashSyntaxBatch.allValid(broken, bash: staticBash))
        #expect(!BashSyntaxBatch.allValid(broken, bash: staticBash))
    }

    @Test("a shell that imports no functions passes nothing", .enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/dash")))
    func shellWithoutImports() {
        #expect(!BashSyntaxBatch.allValid([Self.script("echo ok\n"), Self.script("echo fine\n")], bash: "/bin/dash"))
    }

    /// Pairs where the first script leaves something open and the second could close it again when the
    /// two are simply put one after the other; the batch must still fail, so each is checked alone.
    @Test("one script's error is never hidden by the next one", arguments: [
        ["cat <<EOF\nforgot the end\n", "cat <<EOF\nfine\nEOF\n"],
        ["echo 'open\n", "echo 'closed'\necho 'x\n"],
        ["echo \"open\n", "echo \"\n"],
        ["if true; then\n", "fi\n"],
        ["echo `ls\n", "echo `\n"],
        ["echo ${A\n", "echo }\n"],
        ["echo $(ls\n", "echo )\n"],
        ["while true; do\n", "done\n"],
        ["case x in\n", "esac\n"],
        ["echo ok\n", "if then\n"],
    ])
    func errorsSurvive(_ scripts: [String]) {
        #expect(!BashSyntaxBatch.allValid(scripts.map(Self.script)))
    }

    @Test("importing the scripts runs none of their commands, even a } that ends the function early", arguments: [
        "touch MARKER\n",
        "echo x; }\ntouch MARKER\n",
        "}\ntouch MARKER\n{\n",
        "echo $(touch MARKER)\n",
        "exec touch MARKER\n",
    ])
    func runsNothing(_ template: String) {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-batch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: marker) }
        _ = BashSyntaxBatch.allValid([Self.script("echo ok\n"), Self.script(template.replacingOccurrences(of: "MARKER", with: marker.path))])
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test("with a prefetch, linting reports what it reports without one", arguments: [
        ["echo ok\n", "if then\n", "echo fine\n"],
        ["cat <<EOF\nmissing end\n", "cat <<EOF\nx\nEOF\n"],
        ["echo ${HOME}\n", "for f in *; do echo \"$f\"; done\n"],
        ["echo x; }\n", "echo y\n"],
    ])
    func prefetchChangesNothing(_ bodies: [String]) {
        let alone = bodies.map { Self.lint($0) }
        let prefetch = SlurmLinter.prefetchBashSyntax(of: bodies.map(Self.script))
        defer { prefetch.forget() }
        let batched = bodies.map { Self.lint($0) }
        #expect(batched == alone)
    }

    @Test("a prefetch takes the scripts SH003 gives bash, as SH003 gives them", arguments: [
        ("#!/bin/bash\r\n#SBATCH --time=10\r\necho crlf-LABEL\r\n", true),
        ("#!/usr/bin/env bash\necho env-LABEL", true),
        ("#SBATCH --time=10\necho no-shebang-LABEL\n", true),
        ("#!/bin/sh\necho sh-LABEL\n", true),
        ("#!/usr/bin/env python3\nprint('LABEL')\n", false),
        ("#!/bin/zsh\necho zsh-LABEL\n", false),
    ])
    func prefetchTakesWhatSH003Checks(_ template: String, _ checked: Bool) {
        let label = UUID().uuidString
        let script = template.replacingOccurrences(of: "LABEL", with: label)
        let other = Self.script("echo other-\(label)\n")
        let prefetch = SlurmLinter.prefetchBashSyntax(of: [script, other])
        defer { prefetch.forget() }
        let text = ShellRules.scriptText(SlurmScript(parsing: script).lines)
        #expect(BashSyntaxCheck.knownValid.withLock { $0[text] != nil } == checked)
    }

    @Test("a prefetch of valid scripts is used, and forgetting drops what was not")
    func prefetchIsUsed() {
        let bodies = ["echo one-\(UUID().uuidString)\n", "echo two-\(UUID().uuidString)\n", "echo three-\(UUID().uuidString)\n"]
        let prefetch = SlurmLinter.prefetchBashSyntax(of: bodies.map(Self.script))
        let texts = bodies.map { ShellRules.scriptText(SlurmScript(parsing: Self.script($0)).lines) }
        #expect(prefetch.count == 3)
        #expect(BashSyntaxCheck.knownValid.withLock { known in texts.allSatisfy { known[$0] == 1 } })
        #expect(BashSyntaxCheck.check(texts[0]) == [])
        #expect(BashSyntaxCheck.knownValid.withLock { $0[texts[0]] } == nil)
        prefetch.forget()
        #expect(BashSyntaxCheck.knownValid.withLock { known in texts.allSatisfy { known[$0] == nil } })
    }
}
