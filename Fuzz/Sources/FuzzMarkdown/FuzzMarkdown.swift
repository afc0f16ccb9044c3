import CLibFuzzer
import DocgenMarkdown
import DocgenRender

/// libFuzzer entry point: one page through the path `docgen build` takes it, from bytes to HTML:
/// byte-order mark, front matter, cmark-gfm, the leading-title rule, the alert and heading-ID
/// transforms, then `HTMLRenderer`. Invalid UTF-8 is repaired, as `PageLoader` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (document, _) = MarkdownParser.parse(text, file: "fuzz.md")
    var root = document.root
    if document.frontMatter.title == nil, let first = root.children.first, case .heading(level: 1, _) = first.kind {
        _ = first.plainText
        root.children.removeFirst()
    }
    root = HeadingIDTransform.apply(to: AlertTransform.apply(to: root))
    var headings = 0
    root.forEach { node in
        if case .heading = node.kind { headings += 1; _ = node.plainText }
    }
    let html = HTMLRenderer().render(root)
    // Keeps the optimiser from dropping the work; the value itself is never wrong.
    return html.isEmpty && headings < 0 ? 1 : 0
}

/// The process entry point: SwiftPM points `main` at `FuzzMarkdown_main` (see CLibFuzzer.h).
@_cdecl("FuzzMarkdown_main")
public func fuzzMarkdownMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzMarkdown(data, size)
    }
}
