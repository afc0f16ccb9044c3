import Foundation

/// Turns GitHub alerts (`> [!NOTE]` on the first line of a block quote) into `.alert` nodes.
public enum AlertTransform {
    /// Replaces every alert block quote of `root` in place, inner quotes first.
    public static func apply(_ root: inout MarkdownNode) {
        // Block quotes live only in block containers: inline content is not walked.
        guard root.kind.canContainBlocks else { return }
        for index in root.children.indices {
            apply(&root.children[index])
        }
        if case .blockQuote = root.kind, let (kind, rest) = alert(in: root) {
            root = MarkdownNode(.alert(kind), children: rest, range: root.range)
        }
    }

    /// The alert kind and the quote's children without the marker, if the quote is an alert.
    private static func alert(in quote: MarkdownNode) -> (AlertKind, [MarkdownNode])? {
        guard let first = quote.children.first, case .paragraph = first.kind, startsWithBracket(first) else { return nil }
        // cmark splits "[!NOTE]" into several text nodes at "[" and "!", so the marker is read across them.
        var marker = ""
        var consumed = 0
        for child in first.children {
            guard case .text(let text) = child.kind else { break }
            marker += text
            consumed += 1
        }
        let trimmed = trimmedOfSpaces(marker)
        guard trimmed.hasPrefix("[!"), trimmed.hasSuffix("]"),
              let kind = AlertKind(rawValue: String(trimmed.dropFirst(2).dropLast()).lowercased())
        else { return nil }
        var remaining = Array(first.children.dropFirst(consumed))
        if let next = remaining.first {
            switch next.kind {
            case .softBreak, .lineBreak: remaining.removeFirst()
            default: return nil  // GitHub wants the marker alone on its line.
            }
        }
        var children = Array(quote.children.dropFirst())
        if !remaining.isEmpty {
            var paragraph = first
            paragraph.children = remaining
            children.insert(paragraph, at: 0)
        }
        return (kind, children)
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
    private static func startsWithBracket(_ paragraph: MarkdownNode) -> Bool {
        for child in paragraph.children {
            guard case .text(let text) = child.kind else { return false }
            for scalar in text.unicodeScalars where !isSpace(scalar) {
                return scalar == "["
            }
        }
        return false
    }
}

