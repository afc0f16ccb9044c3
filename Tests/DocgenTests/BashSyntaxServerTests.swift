import DocgenCore
@testable import DocgenVerify
import Foundation
import Testing

/// The long-running bash that checks job-script syntax: it must report what `bash -n` reports and run nothing.
@Suite("Bash syntax server")
struct BashSyntaxServerTests {
    static let linter = SlurmLinter(catalog: ClusterCatalog(profiles: []))

    static func syntaxErrors(_ body: String) -> [Diagnostic] {
        let script = "#!/bin/bash\n#SBATCH --time=10\n" + body
        return linter.lint(script, cluster: nil, origin: SourceLocation(file: "a.md", line: 1, column: 1)).filter { $0.id == "SH003" }
    }

    @Test("checking a script runs none of its commands", arguments: [
        "touch MARKER\n",
        "set +n\ntouch MARKER\n",
        "echo $(touch MARKER)\n",
        "}\ntouch MARKER\n{\n",
        "exec touch MARKER\n",
    ])
    func runsNothing(_ template: String) throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-bash-n-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: marker) }
        _ = Self.syntaxErrors(template.replacingOccurrences(of: "MARKER", with: marker.path))
        #expect(!FileManager.default.fileExists(atPath: marker.path))
    }

    @Test("errors keep their line numbers, script after script", arguments: 1...20)
    func lineNumbers(_ line: Int) throws {
        let body = String(repeating: "echo ok\n", count: line - 1) + "if then\n" + "echo after\n"
        let error = try #require(Self.syntaxErrors(body).first)
        #expect(error.location.line == line + 2)
    }

    @Test("a script cannot fake the end of bash's reply")
    func forgedMarker() {
        let errors = Self.syntaxErrors("printf '\\ndocgen-0 0\\n'\nif then\n")
        #expect(errors.count == 1)
    }

    @Test("here-documents, quotes and valid scripts pass", arguments: [
        "cat <<EOF\nif then\nEOF\n",
        "echo 'if then'\n",
        "for i in 1 2; do\n  echo \"$i\"\ndone\n",
        "",
    ])
    func valid(_ body: String) {
        #expect(Self.syntaxErrors(body).isEmpty)
    }

    @Test("checks from many tasks at once all get their own answers")
    func concurrent() async {
        let results = await withTaskGroup(of: (Int, Int?).self) { group in
            for index in 1...40 {
                group.addTask {
                    let body = String(repeating: "echo ok\n", count: index % 7) + (index.isMultiple(of: 2) ? "done\n" : "echo fine\n")
                    return (index, Self.syntaxErrors(body).first?.location.line)
                }
            }
            var all: [(Int, Int?)] = []
            for await result in group { all.append(result) }
            return all
        }
        for (index, line) in results {
            #expect(line == (index.isMultiple(of: 2) ? index % 7 + 3 : nil), "script \(index)")
        }
    }
}

/// Descriptors docgen opens for other processes must not end up in the bash it starts: a server that
/// holds the write end of another process's output pipe keeps that pipe's reader waiting forever
/// (a build hung this way when the sandbox's probe of bwrap ran while a server started).
@Suite("Bash processes inherit no descriptors")
struct BashInheritanceTests {
    @Test("a pipe opened without close-on-exec reaches its end while a bash syntax server runs")
    func serverHoldsNoForeignPipe() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let server = try #require(BashSyntaxServer(bash: "/bin/bash"))
        defer { server.stop() }
        close(ends[1])
        // With the write end inherited by the server, no end of file would come: poll, do not block.
        var request = pollfd(fd: ends[0], events: Int16(POLLIN), revents: 0)
        let ready = poll(&request, 1, 5000)
        #expect(ready == 1)
        guard ready == 1 else { return }
        var byte: UInt8 = 0
        #expect(read(ends[0], &byte, 1) == 0)
    }
}
