import CLibFuzzer
import DocgenVerify

/// libFuzzer entry point: the cluster tools' output parsers. The first byte picks the parser
/// (modulo the number of tools, in `ToolOutputCatalog.toolNames` order: cost, dusage, projects,
/// sacct, squeue); the rest is the output text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzToolOutput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let tools = ToolOutputCatalog.toolNames
    let tool = tools[Int(bytes[0]) % tools.count]
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    var total = 0
    switch tool {
    case "cost": total = CostReport.parse(text).problems.count
    case "dusage": total = DusageReport.parse(text).problems.count
    case "projects": total = ProjectList.parse(text).problems.count
    case "sacct": total = SacctListing.parse(text).problems.count
    case "squeue": total = SqueueListing.parse(text).problems.count
    default: total = ToolOutputCatalog.check(tool: tool, output: text)?.count ?? 0
    }
    for problem in ToolOutputCatalog.check(tool: tool, output: text) ?? [] {
        total += "\(problem)".count
    }
    return total < 0 ? 1 : 0
}

/// The process entry point: SwiftPM points `main` at `FuzzToolOutput_main` (see CLibFuzzer.h).
@_cdecl("FuzzToolOutput_main")
public func fuzzToolOutputMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzToolOutput(data, size)
    }
}
