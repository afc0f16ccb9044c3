import DocgenCore
import DocgenMarkdown

/// Warns about outlines that read badly: skipped heading levels and sections with nothing in them.
enum HeadingOutlineCheck {
    static func check(tree: MarkdownTree, headings: [Page.Heading]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // The page title is the h1, so the body's outline starts below it.
        var previousLevel = 1
        for heading in headings {
            if heading.level > previousLevel + 1 {
                diagnostics.append(.warning(
                    "heading.skipped-level",
                    "heading level jumps from h\(previousLevel) to h\(heading.level); screen readers and the table of contents expect one level at a time",
                    at: heading.location,
                    fixIt: .init("use \(String(repeating: "#", count: previousLevel + 1)) for this heading")))
            }
            previousLevel = heading.level
        }
        // Only top-level blocks decide emptiness: a heading followed by one of the same or a higher level has no content.
        // The levels of the top-level blocks (0 for a block that is not a heading), footnotes left
        // out; filtering copies of the nodes themselves was most of this check's time.
        var levels: [(level: Int, id: String)] = []
        tree.withView { nodes in
            let end = nodes[MarkdownTree.root].subtreeSize
            var block = MarkdownTree.root + 1
            while block < end {
                switch nodes[block].kind {
                case .footnoteDefinition: break
                case .heading(let level, let id): levels.append((level, id))
                default: levels.append((0, ""))
                }
                block += nodes[block].subtreeSize
            }
        }
        for (index, block) in levels.enumerated() where block.level > 0 {
            let (level, id) = block
            let next = index + 1 < levels.count ? levels[index + 1] : nil
            var isEmpty = next == nil
            if let next, next.level > 0, next.level <= level { isEmpty = true }
            if isEmpty, let heading = headings.first(where: { $0.id == id }) {
                diagnostics.append(.warning(
                    "heading.empty-section", "section '\(heading.title)' has no content", at: heading.location,
                    fixIt: .init("write the section or remove the heading")))
            }
        }
        return diagnostics
    }
}
