import CLibFuzzer
import DocgenVerify

/// libFuzzer entry point: a `console` block through `TranscriptParser`, then each command's
/// expected output through `OutputMatcher` (match, diff text and bless). The input is
/// `TRANSCRIPT[\0ACTUAL]`: without a NUL byte, each command is matched against its own expected
/// output with the first line dropped, which exercises both the matching and the diff paths.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTranscript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0)
    let transcriptText = String(decoding: bytes[..<(split ?? size)], as: UTF8.self)
    let actualText = split.map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) }
    let transcript = Transcript.parse(transcriptText)
    let modes = OutputMatchMode.allCases
    var total = transcript.problems.count
    // Bounded so one input cannot make hundreds of quadratic comparisons.
    for (number, command) in transcript.commands.prefix(8).enumerated() {
        let expected = command.output.map(\.text)
        let actual = actualText ?? expected.dropFirst().joined(separator: "\n")
        let mode = modes[(number + size) % modes.count]
        let matcher = OutputMatcher(mode: mode, substitutions: ["[HOME]": "/home/user", "[CWD]": "/home/user/work"])
        let result = matcher.match(expected: command.output, actual: actual)
        total += result.diffText().utf8.count
        total += OutputMatcher.bless(expected: expected, actual: actual, mode: mode).count
        total += command.prompt.absoluteDirectory(home: "/home/user", currentDirectory: "/home/user/work")?.count ?? 0
        if let name = command.commandName, let problems = ToolOutputCatalog.check(tool: name, output: expected.joined(separator: "\n")) {
            total += problems.count
        }
    }
    return total < 0 ? 1 : 0
}

/// The process entry point: SwiftPM points `main` at `FuzzTranscript_main` (see CLibFuzzer.h).
@_cdecl("FuzzTranscript_main")
public func fuzzTranscriptMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzTranscript(data, size)
    }
}
