import CLibFuzzer
import DocgenCore
import DocgenVerify

/// The bundled cluster profiles, loaded once: the cluster-specific rules need a real profile.
private let catalog = (try? ClusterCatalog.bundled()) ?? ClusterCatalog(profiles: [])

/// libFuzzer entry point: a job script through `SlurmScript` and `SlurmLinter` (every rule but
/// SH003, which runs `bash -n` as a child process), and through `JobScriptReader`. The first
/// byte picks the cluster the script is linted against (or none, or an unknown one); the rest
/// is the script.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSlurm(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let names = catalog.names
    let choice = Int(bytes[0]) % (names.count + 2)
    let cluster: String? = choice < names.count ? names[choice] : (choice == names.count ? nil : "nosuchcluster")
    let script = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let parsed = SlurmScript(parsing: script)
    var linter = SlurmLinter(catalog: catalog)
    linter.checksBashSyntax = false
    let diagnostics = linter.lint(script, cluster: cluster, origin: SourceLocation(file: "job.sh", line: 3, column: 1))
    let spec = JobScriptReader(catalog: catalog).read(script)
    return parsed.lines.count + diagnostics.count < 0 || spec?.cluster == "\0" ? 1 : 0
}

/// The process entry point: SwiftPM points `main` at `FuzzSlurm_main` (see CLibFuzzer.h).
@_cdecl("FuzzSlurm_main")
public func fuzzSlurmMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzSlurm(data, size)
    }
}
