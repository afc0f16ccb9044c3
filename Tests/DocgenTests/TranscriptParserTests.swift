@testable import DocgenVerify
import Foundation
import Testing

@Suite("Transcript parser")
struct TranscriptParserTests {
    // MARK: - Prompts

    struct PromptCase: Sendable, CustomTestStringConvertible {
        var line: String
        var style: TranscriptPrompt.Style
        var user: String?
        var host: String?
        var shortHost: String?
        var directory: String?
        var venv: String?
        var isRoot: Bool
        var command: String
        var testDescription: String { line }
    }

    @Test("every prompt style is recognised and taken apart", arguments: [
        PromptCase(line: "$ ls -la", style: .plain, isRoot: false, command: "ls -la"),
        PromptCase(line: "$", style: .plain, isRoot: false, command: ""),
        PromptCase(
            line: "[bencretois@login-5.SAGA ~]$ projects", style: .bracketed, user: "bencretois", host: "login-5.SAGA",
            shortHost: "SAGA", directory: "~", isRoot: false, command: "projects"),
        PromptCase(
            line: "[bencretois@login-1.BETZY ~/deepexperiments]$ sbatch jobs/betzy-job.sh", style: .bracketed,
            user: "bencretois", host: "login-1.BETZY", shortHost: "BETZY", directory: "~/deepexperiments", isRoot: false,
            command: "sbatch jobs/betzy-job.sh"),
        PromptCase(
            line: "[bencretois@login-5.SAGA /cluster/projects/nn5019k]$ ls", style: .bracketed, user: "bencretois",
            host: "login-5.SAGA", shortHost: "SAGA", directory: "/cluster/projects/nn5019k", isRoot: false, command: "ls"),
        PromptCase(
            line: "[bencretois@login-5.SAGA containers]$ apptainer pull deepexperiments.sif docker://ghcr.io/bencretois/deepexperiments:0.1",
            style: .bracketed, user: "bencretois", host: "login-5.SAGA", shortHost: "SAGA", directory: "containers",
            isRoot: false, command: "apptainer pull deepexperiments.sif docker://ghcr.io/bencretois/deepexperiments:0.1"),
        PromptCase(
            line: "[bencretois@login-5.SAGA ~]$", style: .bracketed, user: "bencretois", host: "login-5.SAGA", shortHost: "SAGA",
            directory: "~", isRoot: false, command: ""),
        PromptCase(
            line: "[root@login-5.SAGA ~]# whoami", style: .bracketed, user: "root", host: "login-5.SAGA", shortHost: "SAGA",
            directory: "~", isRoot: true, command: "whoami"),
        PromptCase(
            line: "(deepexperiments) [bencretois@login-5.SAGA ~]$ pip install ./deepexperiments", style: .bracketed,
            user: "bencretois", host: "login-5.SAGA", shortHost: "SAGA", directory: "~", venv: "deepexperiments", isRoot: false,
            command: "pip install ./deepexperiments"),
        PromptCase(line: "(env) $ python train.py", style: .plain, venv: "env", isRoot: false, command: "python train.py"),
        PromptCase(
            line: "(base) ben@laptop:~/deepexperiments$ docker build -t deepexperiments:0.1 .", style: .debian, user: "ben",
            host: "laptop", shortHost: "laptop", directory: "~/deepexperiments", venv: "base", isRoot: false,
            command: "docker build -t deepexperiments:0.1 ."),
        PromptCase(
            line: "ben@laptop:~$ ssh bencretois@saga.sigma2.no", style: .debian, user: "ben", host: "laptop", shortHost: "laptop",
            directory: "~", isRoot: false, command: "ssh bencretois@saga.sigma2.no"),
        PromptCase(
            line: "bencretois@uan01.lumi.csc.fi:/scratch/project_465000000# ls", style: .debian, user: "bencretois",
            host: "uan01.lumi.csc.fi", shortHost: "lumi", directory: "/scratch/project_465000000", isRoot: true, command: "ls"),
        PromptCase(line: "PS> Get-ChildItem", style: .powerShell, isRoot: false, command: "Get-ChildItem"),
        PromptCase(
            line: "PS C:\\Users\\ben> ssh bencretois@saga.sigma2.no", style: .powerShell, directory: "C:\\Users\\ben", isRoot: false,
            command: "ssh bencretois@saga.sigma2.no"),
    ])
    func prompts(_ example: PromptCase) throws {
        let transcript = Transcript(parsing: example.line)
        #expect(transcript.problems.isEmpty)
        let command = try #require(transcript.commands.first)
        #expect(transcript.commands.count == 1)
        #expect(command.prompt.style == example.style)
        #expect(command.prompt.user == example.user)
        #expect(command.prompt.host == example.host)
        #expect(command.prompt.shortHost == example.shortHost)
        #expect(command.prompt.directory == example.directory)
        #expect(command.prompt.virtualEnvironment == example.venv)
        #expect(command.prompt.isRoot == example.isRoot)
        #expect(command.text == example.command)
        #expect(command.prompt.text + command.text == example.line)
        #expect(command.column == command.prompt.text.count + 1)
        #expect(command.isEmpty == example.command.isEmpty)
    }

    @Test("lines that only look like prompts are output", arguments: [
        "$HOME is /cluster/home/bencretois",
        "#!/bin/bash",
        "# a comment in a script",
        "> quoted text",
        "bencretois@saga.sigma2.no:/cluster/projects/nn5019k/ 100%",
        "[1] 12345",
        "(JobArrayTaskLimit)",
        "PS is short for PowerShell> no",
    ])
    func notPrompts(_ line: String) throws {
        let transcript = Transcript(parsing: "$ cat notes.txt\n\(line)\n")
        let command = try #require(transcript.commands.first)
        #expect(transcript.commands.count == 1)
        #expect(command.outputLines == [line])
    }

    @Test("'# ' is a root prompt in a block that starts with one")
    func rootBlock() {
        let transcript = Transcript(parsing: "# whoami\nroot\n# ls /root\nnotes.txt\n")
        #expect(transcript.problems.isEmpty)
        #expect(transcript.commands.map(\.text) == ["whoami", "ls /root"])
        #expect(transcript.commands.allSatisfy { $0.prompt.isRoot })
        #expect(transcript.commands.map(\.outputLines) == [["root"], ["notes.txt"]])
    }

    @Test("a bare '> ' is a prompt in a block that starts with one")
    func angleBlock() {
        let transcript = Transcript(parsing: "> cd deepexperiments\n> dir\njobs  models\n")
        #expect(transcript.commands.map(\.text) == ["cd deepexperiments", "dir"])
        #expect(transcript.commands.allSatisfy { $0.prompt.style == .angle })
        #expect(transcript.commands.last?.outputLines == ["jobs  models"])
    }

    // MARK: - Output, line numbers, exit status

    @Test("output lines keep their line index in the block (shell-basics.md)")
    func outputLines() throws {
        let block = """
            [bencretois@login-5.SAGA ~]$ cd deepexperiments/
            [bencretois@login-5.SAGA ~/deepexperiments]$ ls
            bash_cheatsheet.md   Dockerfile             list_ignore.txt  poetry.lock     runs            sync.sh
            bayesianfy.ipynb     docker_run_jupyter.sh  models           pyproject.toml  scripts         utils
            deepexperiments.sif  jobs

            """
        let transcript = Transcript(parsing: block)
        #expect(transcript.problems.isEmpty)
        #expect(transcript.commands.count == 2)
        let ls = try #require(transcript.commands.last)
        #expect(ls.lines == 1...1)
        #expect(ls.output.map(\.line) == [2, 3, 4])
        #expect(ls.output.first?.text.hasPrefix("bash_cheatsheet.md") == true)
        #expect(ls.exitStatus == 0)
        #expect(ls.exitStatusLine == nil)
        #expect(transcript.commands.first?.output.isEmpty == true)
        #expect(transcript.commands.first?.arguments == ["deepexperiments/"])
    }

    @Test("a leading blank output line is kept, trailing blank lines are not (dusage)")
    func blankOutputLines() throws {
        let transcript = Transcript(parsing: "[bencretois@login-5.SAGA ~]$ dusage\n\ndusage v0.3.0\n\n\n[bencretois@login-5.SAGA ~]$ projects\nnn5019k\n")
        let dusage = try #require(transcript.commands.first)
        #expect(dusage.outputLines == ["", "dusage v0.3.0"])
        #expect(dusage.output.map(\.line) == [1, 2])
    }

    struct ExitCase: Sendable, CustomTestStringConvertible {
        var block: String
        var status: Int
        var statusLine: Int?
        var output: [String]
        var testDescription: String { block.replacingOccurrences(of: "\n", with: "⏎") }
    }

    @Test("a trailing [N] line is the expected exit status", arguments: [
        ExitCase(block: "$ false\n[1]\n", status: 1, statusLine: 1, output: []),
        ExitCase(block: "$ grep oom-kill slurm-13456789.out\n[1]\n\n$ true\n", status: 1, statusLine: 1, output: []),
        ExitCase(block: "$ ls missing\nls: cannot access 'missing': No such file or directory\n[2]\n", status: 2, statusLine: 2,
                 output: ["ls: cannot access 'missing': No such file or directory"]),
        ExitCase(block: "$ ls\nnotes.txt\n", status: 0, statusLine: nil, output: ["notes.txt"]),
        ExitCase(block: "$ echo '[1]'; echo more\n[1]\nmore\n", status: 0, statusLine: nil, output: ["[1]", "more"]),
        ExitCase(block: "$ exit 0\n[0]\n", status: 0, statusLine: 1, output: []),
    ])
    func exitStatus(_ example: ExitCase) throws {
        let command = try #require(Transcript(parsing: example.block).commands.first)
        #expect(command.exitStatus == example.status)
        #expect(command.exitStatusLine == example.statusLine)
        #expect(command.outputLines == example.output)
    }

    @Test("an exit status above 255 is a problem")
    func exitStatusOutOfRange() {
        let transcript = Transcript(parsing: "$ false\n[300]\n")
        #expect(transcript.problems.map(\.id) == ["transcript.exit-status-out-of-range"])
        #expect(transcript.problems.first?.line == 1)
    }

    // MARK: - Continuations

    struct ContinuationCase: Sendable, CustomTestStringConvertible {
        var name: String
        var block: String
        var text: String
        var lines: ClosedRange<Int>
        var output: [String]
        var commands = 1
        var testDescription: String { name }
    }

    @Test("continuation lines belong to the command", arguments: [
        ContinuationCase(
            name: "backslash, indented next line",
            block: "$ sbatch --account=nn5019k \\\n    --time=01:00:00 job.sh\nSubmitted batch job 13456789\n",
            text: "sbatch --account=nn5019k     --time=01:00:00 job.sh", lines: 0...1, output: ["Submitted batch job 13456789"]),
        ContinuationCase(
            name: "backslash with PS2",
            block: "[bencretois@login-5.SAGA ~]$ salloc --account=nn5019k \\\n> --qos=devel --time=00:30:00 \\\n> --ntasks=1\n",
            text: "salloc --account=nn5019k --qos=devel --time=00:30:00 --ntasks=1", lines: 0...2, output: []),
        ContinuationCase(
            name: "open double quote",
            block: "$ echo \"first\n> second\"\nfirst\nsecond\n",
            text: "echo \"first\nsecond\"", lines: 0...1, output: ["first", "second"]),
        ContinuationCase(
            name: "backslash inside single quotes is not a continuation",
            block: "$ echo 'a\\\n> b'\na\\\nb\n",
            text: "echo 'a\\\nb'", lines: 0...1, output: ["a\\", "b"]),
        ContinuationCase(
            name: "heredoc without PS2; a prompt-like body line is body",
            block: "$ cat <<EOF > notes.txt\nlearning rate 0.001\n$ not a prompt\nEOF\n$ cat notes.txt\nlearning rate 0.001\n",
            text: "cat <<EOF > notes.txt\nlearning rate 0.001\n$ not a prompt\nEOF", lines: 0...3, output: [], commands: 2),
        ContinuationCase(
            name: "quoted heredoc with PS2",
            block: "$ cat <<'EOF'\n> $HOME stays\n> EOF\n$HOME stays\n",
            text: "cat <<'EOF'\n$HOME stays\nEOF", lines: 0...2, output: ["$HOME stays"]),
        ContinuationCase(
            name: "<<- strips tabs from the terminator",
            block: "$ cat <<-END\n\tindented\n\tEND\nindented\n",
            text: "cat <<-END\n\tindented\n\tEND", lines: 0...2, output: ["indented"]),
        ContinuationCase(
            name: "two heredocs on one line",
            block: "$ cat <<A; cat <<B\none\nA\ntwo\nB\none\ntwo\n",
            text: "cat <<A; cat <<B\none\nA\ntwo\nB", lines: 0...4, output: ["one", "two"]),
        ContinuationCase(
            name: "for loop with PS2",
            block: "$ for f in notes.txt ideas.txt; do\n>   wc -l $f\n> done\n1 notes.txt\n1 ideas.txt\n",
            text: "for f in notes.txt ideas.txt; do\n  wc -l $f\ndone", lines: 0...2, output: ["1 notes.txt", "1 ideas.txt"]),
        ContinuationCase(
            name: "if with PS2",
            block: "$ if [ -d runs ]; then\n> echo yes\n> fi\nyes\n",
            text: "if [ -d runs ]; then\necho yes\nfi", lines: 0...2, output: ["yes"]),
        ContinuationCase(
            name: "a pipe at the end of the line",
            block: "$ ls |\n> wc -l\n3\n",
            text: "ls |\nwc -l", lines: 0...1, output: ["3"]),
        ContinuationCase(
            name: "&& at the end of the line",
            block: "$ cd deepexperiments &&\n  git pull\nAlready up to date.\n",
            text: "cd deepexperiments &&\n  git pull", lines: 0...1, output: ["Already up to date."]),
        ContinuationCase(
            name: "command substitution over two lines",
            block: "$ echo $(date\n> +%Y)\n2026\n",
            text: "echo $(date\n+%Y)", lines: 0...1, output: ["2026"]),
        ContinuationCase(
            name: "a backslash in a comment continues nothing",
            block: "$ ls # list files \\\nnotes.txt\n",
            text: "ls # list files \\", lines: 0...0, output: ["notes.txt"]),
        ContinuationCase(
            name: "an escaped quote does not open a quote",
            block: "$ echo \\\"hi\nhi\"\n",
            text: "echo \\\"hi", lines: 0...0, output: ["hi\""]),
        ContinuationCase(
            name: "a here-string is not a heredoc",
            block: "$ wc -w <<< \"a b c\"\n3\n",
            text: "wc -w <<< \"a b c\"", lines: 0...0, output: ["3"]),
        ContinuationCase(
            name: "a case statement",
            block: "$ case $CLUSTER in\n> saga) echo s;;\n> *) echo other;;\n> esac\nother\n",
            text: "case $CLUSTER in\nsaga) echo s;;\n*) echo other;;\nesac", lines: 0...3, output: ["other"]),
        ContinuationCase(
            name: "a group in braces",
            block: "$ { echo a\n> echo b; }\na\nb\n",
            text: "{ echo a\necho b; }", lines: 0...1, output: ["a", "b"]),
        ContinuationCase(
            name: "a subshell",
            block: "$ (cd runs\n> ls)\n13456789\n",
            text: "(cd runs\nls)", lines: 0...1, output: ["13456789"]),
    ])
    func continuations(_ example: ContinuationCase) throws {
        let transcript = Transcript(parsing: example.block)
        #expect(transcript.problems.isEmpty, "\(transcript.problems)")
        #expect(transcript.commands.count == example.commands)
        let command = try #require(transcript.commands.first)
        #expect(command.text == example.text)
        #expect(command.lines == example.lines)
        #expect(command.outputLines == example.output)
    }

    @Test("a heredoc's command is followed by the next command's output")
    func heredocThenCommand() throws {
        let transcript = Transcript(parsing: "$ cat <<EOF > notes.txt\nhello\nEOF\n$ cat notes.txt\nhello\n")
        let cat = try #require(transcript.commands.last)
        #expect(cat.text == "cat notes.txt")
        #expect(cat.output == [TranscriptLine(text: "hello", line: 4)])
    }

    // MARK: - Comments, names, words

    @Test("a comment-only command is a no-op")
    func commentCommand() {
        let transcript = Transcript(parsing: "$ # list files\n$ ls\nnotes.txt\n")
        #expect(transcript.commands.map(\.isComment) == [true, false])
        #expect(transcript.commands.map(\.isNoOp) == [true, false])
        #expect(transcript.commands.first?.commandName == nil)
        #expect(transcript.commands.first?.output.isEmpty == true)
        #expect(transcript.commands.last?.commandName == "ls")
    }

    @Test("the command name skips sudo, env, time and assignments", arguments: [
        ("sudo -u root ls /root", "ls"),
        ("sudo ls", "ls"),
        ("sudo -i", "sudo"),
        ("FOO=1 BAR=2 python train.py", "python"),
        ("env -i PATH=/bin ls", "ls"),
        ("time srun hostname", "srun"),
        ("nohup python train.py > train.log 2>&1 &", "python"),
        ("export APPTAINER_CACHEDIR=$USERWORK/.apptainer", "export"),
        ("\"ls\" -l", "ls"),
        ("2>/dev/null ls", "ls"),
        ("module --quiet reset", "module"),
        ("for f in *.txt; do echo $f; done", "for"),
    ])
    func commandNames(command: String, name: String) throws {
        let parsed = try #require(Transcript(parsing: "$ \(command)").commands.first)
        #expect(parsed.commandName == name)
    }

    @Test("no command name for a bare assignment or an empty prompt", arguments: ["FOO=1", "", "# comment"])
    func noCommandName(_ command: String) throws {
        let parsed = try #require(Transcript(parsing: "$ \(command)").commands.first)
        #expect(parsed.commandName == nil)
    }

    @Test("words are the first simple command's, quotes removed", arguments: [
        ("echo \"learning rate 0.001 works best\" > notes.txt", ["echo", "learning rate 0.001 works best"]),
        ("cd 'my dir' && ls", ["cd", "my dir"]),
        ("squeue -u bencretois", ["squeue", "-u", "bencretois"]),
        ("cp notes.txt draft.txt; ls", ["cp", "notes.txt", "draft.txt"]),
        ("echo $(date +%Y) done", ["echo", "$(date +%Y)", "done"]),
        ("export APPTAINER_CACHEDIR=$USERWORK/.apptainer", ["export", "APPTAINER_CACHEDIR=$USERWORK/.apptainer"]),
        ("echo a\\ b", ["echo", "a b"]),
        ("python -c \"import torch; print(torch.__version__)\"", ["python", "-c", "import torch; print(torch.__version__)"]),
    ])
    func words(command: String, words: [String]) throws {
        let parsed = try #require(Transcript(parsing: "$ \(command)").commands.first)
        #expect(parsed.words == words)
    }

    @Test("arguments follow the command name")
    func arguments() throws {
        let parsed = try #require(Transcript(parsing: "$ sudo -u root rm -r new_folder").commands.first)
        #expect(parsed.commandName == "rm")
        #expect(parsed.arguments == ["-r", "new_folder"])
    }

    // MARK: - Problems

    struct ProblemCase: Sendable, CustomTestStringConvertible {
        var name: String
        var block: String
        var id: String
        var line: Int
        var column: Int
        var testDescription: String { name }
    }

    @Test("problems are values with a line and column", arguments: [
        ProblemCase(name: "output before any command", block: "\nnn5019k\n$ projects\n", id: "transcript.output-before-command", line: 1, column: 1),
        ProblemCase(name: "no prompt at all", block: "ls -la\n", id: "transcript.output-before-command", line: 0, column: 1),
        ProblemCase(name: "unterminated heredoc", block: "$ ls\n$ cat <<EOF > notes.txt\nhello\n", id: "transcript.unterminated-heredoc", line: 1, column: 7),
        ProblemCase(name: "unterminated double quote", block: "$ echo \"hello\nworld\n", id: "transcript.unterminated-quote", line: 0, column: 8),
        ProblemCase(name: "unterminated single quote", block: "[bencretois@login-5.SAGA ~]$ echo 'it\n", id: "transcript.unterminated-quote", line: 0, column: 35),
        ProblemCase(name: "dangling backslash", block: "$ sbatch \\\n", id: "transcript.unfinished-command", line: 0, column: 10),
        ProblemCase(name: "dangling pipe", block: "$ ls |\n", id: "transcript.unfinished-command", line: 0, column: 6),
        ProblemCase(name: "for without done", block: "$ for f in a b; do\n> echo $f\n", id: "transcript.unfinished-command", line: 0, column: 3),
    ])
    func problems(_ example: ProblemCase) throws {
        let transcript = Transcript(parsing: example.block)
        let problem = try #require(transcript.problems.first)
        #expect(transcript.problems.count == 1)
        #expect(problem.id == example.id)
        #expect(problem.line == example.line)
        #expect(problem.column == example.column)
        #expect(!problem.message.isEmpty)
    }

    @Test("an empty block has no commands and no problems", arguments: ["", "\n\n", "   \n"])
    func emptyBlock(_ block: String) {
        let transcript = Transcript(parsing: block)
        #expect(transcript.commands.isEmpty)
        #expect(transcript.problems.isEmpty)
    }

    @Test("CRLF line endings are read like LF")
    func crlf() throws {
        let transcript = Transcript(parsing: "$ pwd\r\n/cluster/home/bencretois\r\n$ ls\r\n")
        #expect(transcript.commands.map(\.text) == ["pwd", "ls"])
        #expect(transcript.commands.first?.outputLines == ["/cluster/home/bencretois"])
    }

    // MARK: - Directories

    @Test("prompt directories expand against a home", arguments: [
        ("~", "/cluster/home/bencretois", nil, "/cluster/home/bencretois"),
        ("~/deepexperiments", "/cluster/home/bencretois", nil, "/cluster/home/bencretois/deepexperiments"),
        ("~/x", "/home/user/", nil, "/home/user/x"),
        ("/cluster/projects/nn5019k", "/cluster/home/bencretois", nil, "/cluster/projects/nn5019k"),
        ("containers", "/cluster/home/bencretois", "/cluster/projects/nn5019k/containers", "/cluster/projects/nn5019k/containers"),
        ("containers", "/cluster/home/bencretois", "/cluster/projects/nn5019k", nil),
        ("containers", "/cluster/home/bencretois", nil, nil),
        ("~other/x", "/cluster/home/bencretois", nil, nil),
    ] as [(String, String, String?, String?)])
    func expandDirectory(shown: String, home: String, current: String?, expected: String?) {
        #expect(TranscriptPrompt.expandDirectory(shown, home: home, currentDirectory: current) == expected)
    }

    @Test("a command's prompt directory expands")
    func absoluteDirectory() throws {
        let command = try #require(Transcript(parsing: "[bencretois@login-5.SAGA ~/deepexperiments]$ ls").commands.first)
        #expect(command.prompt.absoluteDirectory(home: "/cluster/home/bencretois") == "/cluster/home/bencretois/deepexperiments")
    }

    // MARK: - The guide's own transcripts

    @Test("every console block in the guide parses without problems")
    func guideBlocks() throws {
        let blocks = try VerifyGuideBlocks.all(language: "console")
        #expect(blocks.count >= 30)
        for block in blocks {
            let transcript = Transcript(parsing: block.code)
            #expect(transcript.problems.isEmpty, "\(block.file):\(block.firstLine): \(transcript.problems)")
            #expect(!transcript.commands.isEmpty, "\(block.file):\(block.firstLine)")
            for command in transcript.commands where !command.isNoOp {
                #expect(command.commandName != nil, "\(block.file):\(block.firstLine + command.lines.lowerBound)")
            }
        }
    }

    @Test("the guide's cd transcript tracks directories through prompts")
    func guideDirectories() throws {
        let block = """
            [bencretois@login-5.SAGA ~]$ cd /cluster/projects/nn5019k/containers
            [bencretois@login-5.SAGA containers]$ apptainer pull deepexperiments.sif docker://ghcr.io/bencretois/deepexperiments:0.1
            """
        let commands = Transcript(parsing: block).commands
        #expect(commands.map(\.prompt.directory) == ["~", "containers"])
        #expect(commands.map(\.commandName) == ["cd", "apptainer"])
        let target = try #require(commands.first?.arguments.first)
        #expect(commands.last?.prompt.absoluteDirectory(home: "/cluster/home/bencretois", currentDirectory: target) == target)
    }
}

/// Fenced code blocks of the guide in `content/`, found with a plain fence scan.
enum VerifyGuideBlocks {
    struct Block {
        var file: String
        /// The 1-based Markdown line of the first code line.
        var firstLine: Int
        var info: String
        var code: String
    }

    static let contentRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("content").resolvingSymlinksInPath()

    static func all(language: String? = nil, infoContains: String? = nil) throws -> [Block] {
        var blocks: [Block] = []
        let files = FileManager.default.enumerator(at: contentRoot, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "md" }
            .sorted { $0.path < $1.path } ?? []
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            var index = 0
            while index < lines.count {
                let line = lines[index]
                guard line.hasPrefix("```") else {
                    index += 1
                    continue
                }
                let info = String(line.dropFirst(3))
                var end = index + 1
                while end < lines.count, !lines[end].hasPrefix("```") { end += 1 }
                let code = lines[(index + 1)..<min(end, lines.count)].joined(separator: "\n")
                let blockLanguage = info.split(separator: " ").first.map(String.init) ?? ""
                if (language == nil || blockLanguage == language) && (infoContains.map { info.contains($0) } ?? true) {
                    let relative = String(file.path.dropFirst(contentRoot.path.count + 1))
                    blocks.append(Block(file: "content/" + relative, firstLine: index + 2, info: info, code: code))
                }
                index = end + 1
            }
        }
        return blocks
    }
}

/// The prompt reader's two ways of reading a line agree.
@Suite("Prompt reading on bytes")
struct PromptBytesTests {
    /// ASCII prompt lines are read on their bytes, others Character by Character: a non-ASCII
    /// character at the end of the command sends a line down the other path, and must change nothing else.
    @Test("a prompt reads the same on bytes as on Characters", arguments: [
        "[user@login-5.SAGA ~]$ ls", "[user@login-1.betzy.sigma2.no:~/project]$ sbatch job.sh", "[root@saga ~]# whoami",
        "user@laptop:~/data$ ssh saga", "user@host:/tmp# ls", "(venv) [user@login-5.SAGA ~]$ python run.py",
        "(my-env) user@laptop:~$ pip list", "PS> Get-Item x", "PS C:\\Users\\me> dir", "$ echo hi", "$ x",
        "[user@login-5.SAGA ~]$  two spaces", "[bad user@host ~]$ ls", "[user@host ~]$ ",
        "(env)x$ ls", "[user@host]x$ ls", "user@host:dir$ ls", "[user@ho\rst ~]$ ls",
    ])
    func promptBytesMatchCharacters(line: String) {
        for options in [TranscriptPromptReader.Options(), TranscriptPromptReader.Options(allowsRootHash: true, allowsAngle: true)] {
            let ascii = TranscriptPromptReader.read(line[...], options: options)
            let other = TranscriptPromptReader.read((line + "é")[...], options: options)
            #expect(LineText(line[...]).isASCII)
            #expect(!LineText((line + "é")[...]).isASCII)
            #expect(ascii?.commandOffset == other?.commandOffset)
            #expect(ascii?.prompt == other?.prompt)
        }
    }
}
