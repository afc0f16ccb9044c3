public import DocgenMarkdown
import DocgenVerify

/// Renders a page's node tree (after transforms) into the HTML of its article body.
public struct HTMLRenderer: Sendable {
    /// Whether raw HTML in Markdown passes through with only GitHub's tagfilter applied (the site set
    /// `unsafe_html: true`); by default it is sanitised by `HTMLSanitizer`.
    public var allowsUnsafeHTML: Bool

    /// Creates a renderer; raw HTML is sanitised unless `allowsUnsafeHTML` is true.
    public init(allowsUnsafeHTML: Bool = false) {
        self.allowsUnsafeHTML = allowsUnsafeHTML
    }

    /// The body HTML of `tree`, with footnotes collected at the end.
    public func render(_ tree: MarkdownTree) -> String {
        var state = RenderState()
        return render(tree, state: &state)
    }

    /// The body HTML of `tree`, taking code blocks rendered before from `codeBlocks` and adding the new ones;
    /// a link or image whose destination is a key of `destinations` points to its value instead.
    public func render(_ tree: MarkdownTree, codeBlocks: inout CodeBlockMemo, destinations: [String: String] = [:]) -> String {
        var state = RenderState()
        state.memoizesCodeBlocks = true
        // Looked up while rendering: rewriting the tree first was a pass over every node of every page.
        state.destinations = destinations
        swap(&state.codeBlocks, &codeBlocks)
        defer { swap(&state.codeBlocks, &codeBlocks) }
        return render(tree, state: &state)
    }

    private func render(_ tree: MarkdownTree, state: inout RenderState) -> String {
        var output = HTMLOutput(capacity: 4096)
        // The nodes are read in place through one buffer: handed on as values, each was copied (and
        // released after), every node of every page.
        tree.withView { nodes in
            state.numberFootnotes(in: nodes)
            // The footnote definitions are skipped here and rendered after the body.
            renderChildren(MarkdownTree.root, of: nodes, into: &output, state: &state, tight: false, skippingFootnotes: true)
            output += state.html.closeAll()
            if !state.footnoteDefinitions.isEmpty {
                output += "<section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n"
                for definition in state.footnoteDefinitions {
                    render(definition, of: nodes, into: &output, state: &state, tight: false)
                }
                output += "</ol>\n</section>\n"
            }
        }
        return output.string
    }

    private func renderChildren(
        _ parent: Int, of nodes: MarkdownTree.View, into output: inout HTMLOutput, state: inout RenderState, tight: Bool,
        skippingFootnotes: Bool = false
    ) {
        let end = parent + nodes[parent].subtreeSize
        var child = parent + 1
        while child < end {
            // Consecutive code blocks with a `tab=` attribute form one set of tabs.
            if Self.tabLabel(of: nodes[child]) != nil {
                var tabs = [child]
                var next = child + nodes[child].subtreeSize
                while next < end, Self.tabLabel(of: nodes[next]) != nil {
                    tabs.append(next)
                    next += nodes[next].subtreeSize
                }
                if tabs.count >= 2 {
                    renderTabs(tabs, of: nodes, into: &output, state: &state)
                    child = next
                    continue
                }
            }
            if skippingFootnotes, case .footnoteDefinition = nodes[child].kind {
                child += nodes[child].subtreeSize
                continue
            }
            render(child, of: nodes, into: &output, state: &state, tight: tight)
            child += nodes[child].subtreeSize
        }
    }

    /// The `tab=` label of a fenced code block, if it has one.
    private static func tabLabel(of node: borrowing MarkdownNode) -> String? {
        guard case .codeBlock(let info, _, true) = node.kind else { return nil }
        return InfoString(info).value("tab")
    }

    /// Tabs are plain panels with headings until the script turns them into tabs, so pages without
    /// JavaScript and printouts show every panel.
    private func renderTabs(_ blocks: [Int], of nodes: MarkdownTree.View, into output: inout HTMLOutput, state: inout RenderState) {
        state.tabSets += 1
        let set = state.tabSets
        let labels = blocks.map { Self.tabLabel(of: nodes[$0]) ?? "" }
        output += "<div class=\"tabs\" data-tab-set=\"\(HTMLEscaping.escape(labels.joined(separator: "|")))\">\n"
        output += "<div class=\"tab-list\" role=\"tablist\" hidden>\n"
        for (position, label) in labels.enumerated() {
            let selected = position == 0
            output += "<button type=\"button\" role=\"tab\" id=\"tab-\(set)-\(position)\" aria-controls=\"tabpanel-\(set)-\(position)\""
            output += " aria-selected=\"\(selected)\" tabindex=\"\(selected ? 0 : -1)\" data-tab=\"\(HTMLEscaping.escape(label))\">"
            output += "\(HTMLEscaping.escape(label))</button>\n"
        }
        output += "</div>\n"
        for (position, block) in blocks.enumerated() {
            output += "<div class=\"tab-panel\" role=\"tabpanel\" id=\"tabpanel-\(set)-\(position)\" aria-labelledby=\"tab-\(set)-\(position)\" data-tab=\"\(HTMLEscaping.escape(labels[position]))\">\n"
            output += "<p class=\"tab-panel-title\">\(HTMLEscaping.escape(labels[position]))</p>\n"
            render(block, of: nodes, into: &output, state: &state, tight: false)
            output += "</div>\n"
        }
        output += "</div>\n"
    }

    /// Renders the children of a Markdown container; raw HTML opened inside it is closed before the
    /// container's own end tag, so raw tags always nest inside docgen's.
    private func renderContainer(
        _ node: Int, of nodes: MarkdownTree.View, into output: inout HTMLOutput, state: inout RenderState, tight: Bool
    ) {
        state.html.enterContainer()
        renderChildren(node, of: nodes, into: &output, state: &state, tight: tight)
        output += state.html.leaveContainer()
    }

    /// Inline nodes, which are left out while raw HTML is inside a dropped element such as `<script>`.
    private static func isInline(_ kind: MarkdownNode.Kind) -> Bool {
        switch kind {
        case .text, .softBreak, .lineBreak, .code, .emphasis, .strong, .strikethrough, .link, .image, .footnoteReference:
            true
        default:
            false
        }
    }

    private func render(
        _ node: Int, of nodes: MarkdownTree.View, into output: inout HTMLOutput, state: inout RenderState, tight: Bool
    ) {
        // Between `<script>` in one inline node and `</script>` in a later one nothing is written.
        if !allowsUnsafeHTML, state.html.isDroppingContent, Self.isInline(nodes[node].kind) { return }
        switch nodes[node].kind {
        case .document:
            renderChildren(node, of: nodes, into: &output, state: &state, tight: false)
        case .paragraph:
            if tight {
                renderContainer(node, of: nodes, into: &output, state: &state, tight: false)
                output += "\n"
            } else {
                output += "<p>"
                renderContainer(node, of: nodes, into: &output, state: &state, tight: false)
                output += "</p>\n"
            }
        case .heading(let level, let id):
            output += "<h"
            output.appendNumber(level)
            if !id.isEmpty {
                output += " id=\""
                output.appendEscaped(id)
                output += "\""
            }
            output += ">"
            renderContainer(node, of: nodes, into: &output, state: &state, tight: false)
            if !id.isEmpty {
                output += "<a class=\"heading-anchor\" href=\"#"
                output.appendEscaped(id)
                output += "\" aria-label=\"Permalink to this section\">#</a>"
            }
            output += "</h"
            output.appendNumber(level)
            output += ">\n"
        case .blockQuote:
            output += "<blockquote>\n"
            renderContainer(node, of: nodes, into: &output, state: &state, tight: false)
            output += "</blockquote>\n"
        case .alert(let kind):
            output += "<div class=\"callout callout-\(kind.rawValue)\" role=\"note\">\n"
            output += "<p class=\"callout-title\">\(HTMLEscaping.escape(kind.title))</p>\n"
            renderContainer(node, of: nodes, into: &output, state: &state, tight: false)
            output += "</div>\n"
        case .list(let ordered, let start, let tight):
            var isTaskList = false
            var item = node + 1
            while item < node + nodes[node].subtreeSize, !isTaskList {
                if case .item(task: .some) = nodes[item].kind { isTaskList = true }
                item += nodes[item].subtreeSize
            }
            output += ordered ? "<ol" : "<ul"
            if isTaskList { output += " class=\"task-list\"" }
            if ordered, start != 1 { output += " start=\"\(start)\"" }
            output += ">\n"
            renderChildren(node, of: nodes, into: &output, state: &state, tight: tight)
            output += ordered ? "</ol>\n" : "</ul>\n"
        case .item(let task):
            if let checked = task {
                let state = checked ? " checked aria-label=\"done\"" : " aria-label=\"to do\""
                output += "<li class=\"task-list-item\"><input type=\"checkbox\" disabled\(state)> "
            } else {
                output += "<li>"
            }
            if !tight { output += "\n" }
            renderContainer(node, of: nodes, into: &output, state: &state, tight: tight)
            if tight { output.removeTrailingNewline() }
            output += "</li>\n"
        case .codeBlock(let info, let literal, _):
            if state.memoizesCodeBlocks {
                let parsed = state.codeBlocks.transcript(of: literal)
                if state.codeBlocks.remembersHTML {
                    output += state.codeBlocks.html(info: info, literal: literal) {
                        var html = HTMLOutput()
                        renderCodeBlock(InfoString(info), literal, parsed: parsed, into: &html)
                        return html.string
                    }
                } else {
                    renderCodeBlock(InfoString(info), literal, parsed: parsed, into: &output)
                }
            } else {
                renderCodeBlock(InfoString(info), literal, parsed: nil, into: &output)
            }
        case .htmlBlock(let html):
            output += allowsUnsafeHTML ? TagFilter.filter(html) : state.html.sanitizeBlock(html)
        case .thematicBreak:
            output += "<hr>\n"
        case .table(let alignments):
            output += "<div class=\"table-wrap\"><table>\n"
            var openedBody = false
            var row = node + 1
            while row < node + nodes[node].subtreeSize {
                if case .tableRow(isHeader: true) = nodes[row].kind {
                    output += "<thead>\n"
                    renderRow(row, of: nodes, cellTag: "th", alignments: alignments, into: &output, state: &state)
                    output += "</thead>\n"
                } else {
                    if !openedBody {
                        output += "<tbody>\n"
                        openedBody = true
                    }
                    renderRow(row, of: nodes, cellTag: "td", alignments: alignments, into: &output, state: &state)
                }
                row += nodes[row].subtreeSize
            }
            if openedBody { output += "</tbody>\n" }
            output += "</table></div>\n"
        case .tableRow, .tableCell:
            renderChildren(node, of: nodes, into: &output, state: &state, tight: false)
        case .footnoteDefinition(let label):
            let id = state.footnoteID(label)
            output += "<li id=\"fn-\(id)\">\n"
            var body = HTMLOutput()
            renderContainer(node, of: nodes, into: &body, state: &state, tight: false)
            let backReference = " <a href=\"#fnref-\(id)\" class=\"footnote-backref\" aria-label=\"Back to reference\">\u{21A9}\u{FE0E}</a>"
            if body.hasSuffix("</p>\n") {
                body.removeLast(5)
                body += backReference + "</p>\n"
            } else {
                body += backReference
            }
            output.append(body)
            output += "</li>\n"
        case .footnoteReference(let label):
            let id = state.footnoteID(label)
            let number = state.footnoteNumbers[label] ?? 0
            output += "<sup class=\"footnote-ref\"><a href=\"#fn-\(id)\" id=\"fnref-\(id)\" role=\"doc-noteref\">\(number)</a></sup>"
        case .text(let span):
            output.appendEscaped(nodes.bytes(span))
        case .softBreak:
            output += "\n"
        case .lineBreak:
            output += "<br>\n"
        case .code(let span):
            output += "<code>"
            output.appendEscaped(nodes.bytes(span))
            output += "</code>"
        case .htmlInline(let html):
            output += allowsUnsafeHTML ? TagFilter.filter(html) : state.html.sanitize(html)
        case .emphasis:
            output += "<em>"
            renderContainer(node, of: nodes, into: &output, state: &state, tight: false)
            output += "</em>"
        case .strong:
            output += "<strong>"
            renderContainer(node, of: nodes, into: &output, state: &state, tight: false)
            output += "</strong>"
        case .strikethrough:
            output += "<del>"
            renderContainer(node, of: nodes, into: &output, state: &state, tight: false)
            output += "</del>"
        case .link(let written, let title):
            let destination = state.destinations.isEmpty ? written : state.destinations[written] ?? written
            let safe = URLSafety.safeDestination(destination, isImage: false)
            let isExternal = URLSafety.isExternal(safe)
            output += "<a href=\""
            output.appendEscaped(safe)
            output += "\""
            if !title.isEmpty {
                output += " title=\""
                output.appendEscaped(title)
                output += "\""
            }
            if isExternal { output += " class=\"external\" rel=\"noopener\"" }
            output += ">"
            renderContainer(node, of: nodes, into: &output, state: &state, tight: false)
            output += "</a>"
        case .image(let written, let title):
            let destination = state.destinations.isEmpty ? written : state.destinations[written] ?? written
            output += "<img src=\"\(HTMLEscaping.escape(URLSafety.safeDestination(destination, isImage: true)))\""
            output += " alt=\"\(HTMLEscaping.escape(nodes.plainText(of: node)))\""
            if !title.isEmpty { output += " title=\"\(HTMLEscaping.escape(title))\"" }
            output += " loading=\"lazy\">"
        case .jobTemplate(let template):
            renderJobTemplate(template, into: &output)
        case .unknown:
            renderChildren(node, of: nodes, into: &output, state: &state, tight: tight)
        }
    }

    /// A generated job script: its file name, cluster, the script, a download link and a fill-in form
    /// that the theme's script builds from the spec and the exported cluster profiles.
    private func renderJobTemplate(_ template: JobTemplate, into output: inout HTMLOutput) {
        let name = HTMLEscaping.escape(template.filename)
        output += "<div class=\"job-template\" data-cluster=\"\(HTMLEscaping.escape(template.cluster))\" data-filename=\"\(name)\">\n"
        output += "<div class=\"job-template-header\"><span class=\"job-template-name\">\(name)</span>"
        output += "<span class=\"job-template-cluster\">\(HTMLEscaping.escape(template.cluster.prefix(1).uppercased() + template.cluster.dropFirst()))</span>"
        let href = HTMLEscaping.escape(template.downloadPath.isEmpty ? template.filename : template.downloadPath)
        output += "<a class=\"job-template-download\" href=\"\(href)\" download=\"\(name)\">Download</a></div>\n"
        output += "<div class=\"codeblock\" data-lang=\"bash\" data-filename=\"\(name)\"><pre><code class=\"language-bash\">"
        output += Highlighter.highlight(template.script, language: "bash") ?? HTMLEscaping.escape(template.script)
        output += "</code></pre></div>\n"
        output += "<details class=\"job-template-form\"><summary>Fill in for your job</summary>\n"
        output += "<div class=\"job-template-fields\" data-spec=\"\(HTMLEscaping.escape(template.specJSON))\">"
        output += "<p class=\"job-template-nojs\">The form needs JavaScript; the script above is complete as it is.</p></div>\n"
        output += "<ul class=\"job-template-warnings\" aria-live=\"polite\"></ul>\n</details>\n</div>\n"
    }

    /// Shell sessions render from their parse (`parsed`, when verification made it) and copy only
    /// their commands; other blocks copy exactly.
    private func renderCodeBlock(_ info: InfoString, _ literal: String, parsed: Transcript?, into output: inout HTMLOutput) {
        let language = info.language
        let classAttribute = language.isEmpty ? "" : " class=\"language-\(HTMLEscaping.escape(language))\""
        let dataAttribute = language.isEmpty ? "" : " data-lang=\"\(HTMLEscaping.escape(language))\""
        let fileAttribute = info.value("name").map { " data-filename=\"\(HTMLEscaping.escape($0))\"" } ?? ""
        if language == "console" || language == "shell-session" || language == "terminal" {
            let transcript = TranscriptRenderer.render(literal, parsed: parsed)
            output += "<div class=\"codeblock transcript\"\(dataAttribute)\(fileAttribute) data-copy=\"\(HTMLEscaping.escape(transcript.commands))\">"
            output += "<pre><code\(classAttribute)>"
            output += transcript.html
            output += "\n</code></pre></div>\n"
            return
        }
        output += "<div class=\"codeblock\"\(dataAttribute)\(fileAttribute)><pre><code\(classAttribute)>"
        if !output.appendHighlighted(literal, language: language) {
            output.appendEscaped(literal)
        }
        output += "</code></pre></div>\n"
    }

    private func renderRow(
        _ row: Int, of nodes: MarkdownTree.View, cellTag: String, alignments: [TableAlignment],
        into output: inout HTMLOutput, state: inout RenderState
    ) {
        output += "<tr>\n"
        var cell = row + 1
        var column = 0
        while cell < row + nodes[row].subtreeSize {
            let alignment = column < alignments.count ? alignments[column] : .none
            let style: String
            switch alignment {
            case .none: style = ""
            case .left: style = " style=\"text-align: left\""
            case .center: style = " style=\"text-align: center\""
            case .right: style = " style=\"text-align: right\""
            }
            output += "<"
            output += cellTag
            output += style
            output += ">"
            renderContainer(cell, of: nodes, into: &output, state: &state, tight: false)
            output += "</"
            output += cellTag
            output += ">\n"
            cell += nodes[cell].subtreeSize
            column += 1
        }
        output += "</tr>\n"
    }
}

/// What the renderer learns while walking a page: footnote numbers and definitions, and the raw
/// HTML elements the sanitizer has open.
private struct RenderState {
    var tabSets = 0
    var html = HTMLSanitizer()
    var footnoteNumbers: [String: Int] = [:]
    /// The indices of the page's footnote definitions, in the order cmark-gfm put them.
    var footnoteDefinitions: [Int] = []
    /// Whether code blocks go through `codeBlocks`, which the caller keeps for a second render of the page.
    var memoizesCodeBlocks = false
    var codeBlocks = CodeBlockMemo()
    /// Link and image destinations to replace, and their replacements.
    var destinations: [String: String] = [:]

    /// cmark-gfm already moved referenced definitions to the end in reference order; number them in that order.
    mutating func numberFootnotes(in nodes: MarkdownTree.View) {
        let end = nodes[MarkdownTree.root].subtreeSize
        var child = MarkdownTree.root + 1
        while child < end {
            if case .footnoteDefinition(let label) = nodes[child].kind {
                footnoteNumbers[label] = footnoteNumbers.count + 1
                footnoteDefinitions.append(child)
            }
            child += nodes[child].subtreeSize
        }
    }

    func footnoteID(_ label: String) -> String {
        HTMLEscaping.escape(HeadingSlugger.slug(label).isEmpty ? String(footnoteNumbers[label] ?? 0) : HeadingSlugger.slug(label))
    }
}
