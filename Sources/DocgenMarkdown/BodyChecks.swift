public import DocgenCore

/// Checks of a page body that need both the parsed tree and the source text: problems that
/// cmark-gfm accepts silently but that almost always mean a mistake (an empty page, a code fence
/// that is never closed and swallows the rest of the page, a reference-style link without its
/// definition, which cmark-gfm shows as literal brackets).
public enum BodyChecks {
    /// The warnings for a page whose body is `body`, starting at file line `bodyStartLine`.
    public static func check(tree: MarkdownTree, fullText: String, body: String, bodyStartLine: Int, file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if fullText.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }) {
            diagnostics.append(.warning(
                "page.empty", fullText.isEmpty ? "this page is empty: the file has no text at all" : "this page contains only spaces and blank lines",
                at: SourceLocation(file: file, line: 1, column: 1),
                fixIt: .init("write the page (a '# Title' and some text), or delete the file")))
            return diagnostics
        }
        var lineStarts: [String.Index]?
        func line(_ number: Int) -> Substring? {
            // Found only when a check needs a line: splitting the body into Substrings for every
            // page with a code block was 1% of a build.
            if lineStarts == nil { lineStarts = TextLines.starts(of: body) }
            let index = number - bodyStartLine
            guard let lineStarts, index >= 0, index < lineStarts.count else { return nil }
            let end = index + 1 < lineStarts.count ? body.utf8.index(before: lineStarts[index + 1]) : body.endIndex
            return body[lineStarts[index]..<end]
        }
        // Paragraphs and code blocks sit only in block containers: inline content is skipped.
        tree.withView { nodes in
            nodes.forEachBlock { index in
                switch nodes[index].kind {
                case .codeBlock(_, _, true):
                    guard let range = nodes[index].range, let last = line(range.endLine), !isClosingFence(last) else { return }
                    diagnostics.append(.warning(
                        "codeblock.unterminated",
                        "this code block is never closed, so everything after it, to the end of the page or list, is shown as code",
                        at: SourceLocation(file: file, line: range.startLine, column: 1),
                        fixIt: .init("add a closing fence (the same ``` or ~~~ as the opening one) after the code")))
                case .paragraph:
                    if let label = undefinedReference(in: index, of: nodes) {
                        let range = nodes[index].range
                        diagnostics.append(.warning(
                            "link.undefined-reference",
                            "'[\(label.text)][\(label.label)]' looks like a reference-style link, but no '[\(label.label)]: URL' line defines '\(label.label)', so it is shown as text",
                            at: SourceLocation(file: file, line: range?.startLine ?? bodyStartLine, column: range?.startColumn ?? 1),
                            fixIt: .init("add a line '[\(label.label)]: https://...' (or a page path) below the paragraph, or fix the label's spelling")))
                    }
                default:
                    return
                }
            }
        }
        return diagnostics
    }

    /// Whether a line is a closing code fence (``` or ~~~, possibly inside a quote or indented in a list).
    private static func isClosingFence(_ line: Substring) -> Bool {
        var trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == ">" }
        if trimmed.hasSuffix("\r") { trimmed = trimmed.dropLast() }
        guard let fence = trimmed.first, fence == "`" || fence == "~" else { return false }
        let marks = trimmed.prefix { $0 == fence }
        return marks.count >= 3 && trimmed.dropFirst(marks.count).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// Whether `bytes` hold "][" (where a full reference's text ends and its label starts), each "]"
    /// found with `memchr`: zipping the text's UTF-8 view with itself was half of this check's time.
    private static func hasClosingThenOpeningBracket(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while let bracket = bytes.firstOffset(of: UInt8(ascii: "]"), from: start), bracket + 1 < bytes.count {
            if bytes[bracket + 1] == UInt8(ascii: "[") { return true }
            start = bracket + 1
        }
        return false
    }

    /// `[text][label]` left as text in a paragraph: cmark-gfm turns defined references into links, so
    /// one that is still text has no definition. Only the full form is checked; `[x]` alone is common prose.
    private static func undefinedReference(in paragraph: Int, of nodes: MarkdownTree.View) -> (text: String, label: String)? {
        // Nearly every paragraph has no "]" in its text at all: it is skipped without building anything.
        // Only the paragraph's own children count: the text inside a link or emphasis is not read.
        let end = paragraph + nodes[paragraph].subtreeSize
        var hasBracket = false
        var child = paragraph + 1
        while child < end, !hasBracket {
            if case .text(let span) = nodes[child].kind {
                hasBracket = nodes.bytes(span).containsByte(UInt8(ascii: "]"))
            }
            child += nodes[child].subtreeSize
        }
        guard hasBracket else { return nil }
        var text = ""
        child = paragraph + 1
        while child < end {
            switch nodes[child].kind {
            case .text(let span): text += nodes.string(span)
            default: text += "\u{1}"  // Anything else (code, links) breaks a candidate.
            }
            child += nodes[child].subtreeSize
        }
        guard text.utf8.withContiguousStorageIfAvailable(Self.hasClosingThenOpeningBracket) ?? true else { return nil }
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            guard characters[index] == "[", let close = characters[(index + 1)...].firstIndex(where: { $0 == "]" || $0 == "[" || $0 == "\u{1}" }),
                  characters[close] == "]", close + 1 < characters.count, characters[close + 1] == "[",
                  let end = characters[(close + 2)...].firstIndex(where: { $0 == "]" || $0 == "[" || $0 == "\u{1}" }), characters[end] == "]"
            else {
                index += 1
                continue
            }
            let linkText = String(characters[(index + 1)..<close]), label = String(characters[(close + 2)..<end])
            // `[text][]` is a collapsed reference whose label is its text.
            let effective = label.isEmpty ? linkText : label
            if !linkText.isEmpty, !effective.trimmingWhitespace.isEmpty { return (linkText, effective) }
            index = end + 1
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingWhitespace: Substring {
        drop { $0.isWhitespace }
    }
}
