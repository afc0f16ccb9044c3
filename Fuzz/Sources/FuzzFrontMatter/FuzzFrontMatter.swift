import CLibFuzzer
import DocgenMarkdown

/// libFuzzer entry point: the front matter splitter on the whole input, the field reader on the
/// YAML it finds, and the field reader on the whole input as YAML (so mutations reach Yams
/// directly instead of first having to keep the `---` fences intact).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let split = FrontMatterParser.split(text)
    var count = 0
    if let yaml = split.yaml {
        let (_, diagnostics) = FrontMatterParser.parse(yaml, file: "fuzz.md", startLine: split.yamlStartLine)
        count += diagnostics.count
    }
    let (_, diagnostics) = FrontMatterParser.parse(text, file: "fuzz.md", startLine: 2)
    count += diagnostics.count
    return count < 0 ? 1 : 0
}

/// The process entry point: SwiftPM points `main` at `FuzzFrontMatter_main` (see CLibFuzzer.h).
@_cdecl("FuzzFrontMatter_main")
public func fuzzFrontMatterMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzFrontMatter(data, size)
    }
}
