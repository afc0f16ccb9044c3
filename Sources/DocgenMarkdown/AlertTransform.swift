import Foundation

/// Turns GitHub alerts (`> [!NOTE]` on the first line of a block quote) into `.alert` nodes.
public enum AlertTransform {
    /// Replaces every alert block quote of `tree` in place.
    public static func apply(_ tree: inout MarkdownTree) {
        var quotes: [Int] = []
        tree.withView { nodes in
            nodes.forEachBlock { index in
                if case .blockQuote = nodes[index].kind { quotes.append(index) }
            }
        }
        // Every alert is found first and the markers removed together at the end: each removal on
        // its own would move the rest of the page's nodes.
        var removals: [Int] = []
        for quote in quotes {
            guard let (kind, markers) = alert(at: quote, in: tree) else { continue }
            tree.setKind(.alert(kind), at: quote)
            removals += markers
        }
        tree.removeSubtrees(at: removals)
    }

    /// The alert kind and the nodes to remove (the marker, its line break, and the first paragraph
    /// if nothing else is in it), in document order, if the quote at `quote` is an alert.
    private static func alert(at quote: Int, in tree: MarkdownTree) -> (AlertKind, [Int])? {
        guard let first = tree.firstChild(of: quote), case .paragraph = tree[first].kind, startsWithBracket(first, in: tree) else { return nil }
        // cmark splits "[!NOTE]" into several text nodes at "[" and "!", so the marker is read across them.
        var marker = ""
        var removals: [Int] = []
        var rest: Int?
        for child in tree.children(of: first) {
            guard case .text(let span) = tree[child].kind else {
                rest = child
                break
            }
            marker += tree.string(span)
            removals.append(child)
        }
        let trimmed = trimmedOfSpaces(marker)
        guard trimmed.hasPrefix("[!"), trimmed.hasSuffix("]"),
              let kind = AlertKind(rawValue: String(trimmed.dropFirst(2).dropLast()).lowercased())
        else { return nil }
        if let next = rest {
            switch tree[next].kind {
            case .softBreak, .lineBreak: removals.append(next)
            default: return nil  // GitHub wants the marker alone on its line.
            }
        }
        // The paragraph goes when nothing follows the marker's line in it.
        let end = first + tree[first].subtreeSize
        let lastRemoved = removals.last.map { $0 + tree[$0].subtreeSize } ?? first + 1
        return (kind, lastRemoved == end ? [first] : removals)
    }

    /// `text.trimmingCharacters(in: .whitespaces)` on its scalars (the set holds only scalars below
    /// U+10000, so this is what NSString's UTF-16 trim gives), without bridging to NSString for
    /// every alert of every page.
    static func trimmedOfSpaces(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// Whether `scalar` is in `CharacterSet.whitespaces` (category Zs and the tab), whose only ASCII
    /// members are the space and the tab: asking the set for every scalar built it anew each time.
    @inline(__always)
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
    }

    /// Whether the paragraph's text, past the spaces `alert` trims, starts with "[": most quotes do
    /// not, and for those, joining and trimming the whole paragraph with Foundation cost more than
    /// the rest of the transform.
    private static func startsWithBracket(_ paragraph: Int, in tree: MarkdownTree) -> Bool {
        for child in tree.children(of: paragraph) {
            guard case .text(let span) = tree[child].kind else { return false }
            for scalar in tree.string(span).unicodeScalars where !isSpace(scalar) {
                return scalar == "["
            }
        }
        return false
    }
}

