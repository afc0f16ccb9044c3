/// Makes raw HTML from Markdown safe to put in a page: rebuilds every tag from an allowlist of
/// elements and attributes (`HTMLSanitizerPolicy`), with attribute values re-escaped and URLs
/// checked, and escapes all text, so nothing the author wrote reaches the page unparsed.
///
/// cmark-gfm hands raw HTML over in pieces (a block of HTML, or one tag per inline node), so the
/// sanitizer keeps state across the fragments of a page:
/// - the raw elements it has opened, so an end tag can only close an element raw HTML opened in the
///   same Markdown container (a stray `</div>` cannot close the theme's layout or a callout), and
///   whatever is left open is closed when the container ends;
/// - whether it is inside a dropped element (`<script>` in one inline node, `</script>` in a later
///   one), so the renderer leaves out the nodes in between. That lasts at most to the end of the
///   HTML block or inline run, so an unclosed `<script>` cannot swallow the rest of the page.
public struct HTMLSanitizer: Sendable {
    /// A dropped element being skipped: its name, how deeply it is nested, whether it is raw text.
    private struct Dropping: Sendable {
        var name: String
        var depth: Int
        var isRawText: Bool
    }

    /// Raw elements opened and not yet closed, outermost first.
    private var openElements: [String] = []
    /// Where each Markdown container's share of `openElements` begins.
    private var containerStarts: [Int] = []
    private var dropping: Dropping?

    /// A sanitizer with nothing open.
    public init() {}

    /// `fragment` sanitised on its own, with anything it leaves open closed.
    public static func sanitize(_ fragment: String) -> String {
        var sanitizer = HTMLSanitizer()
        return sanitizer.sanitize(fragment) + sanitizer.closeAll()
    }

    /// Whether the last fragment ended inside a dropped element, so content up to its end tag is left out.
    public var isDroppingContent: Bool { dropping != nil }

    /// The safe form of one fragment of raw HTML; elements it opens stay open for later fragments.
    public mutating func sanitize(_ fragment: String) -> String {
        var tokenizer = HTMLTokenizer(fragment)
        var output = ""
        while true {
            if let skipped = dropping, skipped.isRawText {
                _ = tokenizer.skipRawText(until: skipped.name)
            }
            guard let token = tokenizer.next() else { break }
            if dropping != nil {
                skip(token)
                continue
            }
            switch token {
            case .text(let text):
                output += Self.escapeText(text)
            case .ignored:
                break
            case .startTag(let name, let attributes, _):
                output += start(name, attributes)
            case .endTag(let name):
                output += end(name)
            }
        }
        return output
    }

    /// Sanitises an HTML block: a dropped element left open ends with the block (the next block is
    /// Markdown again, which the renderer escapes anyway).
    public mutating func sanitizeBlock(_ fragment: String) -> String {
        let output = sanitize(fragment)
        dropping = nil
        return output
    }

    /// Marks the start of a Markdown container (paragraph, heading, cell, list item, quote, ...).
    public mutating func enterContainer() {
        containerStarts.append(openElements.count)
    }

    /// End tags for the raw elements opened since the matching `enterContainer()`; also ends any dropped element.
    public mutating func leaveContainer() -> String {
        dropping = nil
        let start = containerStarts.popLast() ?? 0
        return close(downTo: start)
    }

    /// End tags for every raw element still open, for the end of a page.
    public mutating func closeAll() -> String {
        dropping = nil
        containerStarts.removeAll()
        return close(downTo: 0)
    }

    private mutating func close(downTo count: Int) -> String {
        var output = ""
        while openElements.count > count {
            output += "</\(openElements.removeLast())>"
        }
        return output
    }

    /// Inside a dropped element: count nested elements of the same name until its end tag.
    private mutating func skip(_ token: HTMLToken) {
        guard var skipped = dropping else { return }
        switch token {
        case .startTag(let name, _, _) where name == skipped.name && !skipped.isRawText:
            skipped.depth += 1
        case .endTag(let name) where name == skipped.name:
            skipped.depth -= 1
        default:
            return
        }
        dropping = skipped.depth > 0 ? skipped : nil
    }

    private mutating func start(_ name: String, _ attributes: [HTMLToken.Attribute]) -> String {
        if HTMLSanitizerPolicy.rawTextElements.contains(name) {
            dropping = Dropping(name: name, depth: 1, isRawText: true)
            return ""
        }
        if HTMLSanitizerPolicy.droppedWithContent.contains(name) {
            dropping = Dropping(name: name, depth: 1, isRawText: false)
            return ""
        }
        guard HTMLSanitizerPolicy.elements.contains(name) else { return "" }
        var tag = "<" + name
        for attribute in attributes {
            guard let value = Self.safeValue(of: attribute, on: name) else { continue }
            tag += " \(attribute.name)=\"\(HTMLEscaping.escape(value))\""
        }
        tag += ">"
        if !HTMLSanitizerPolicy.voidElements.contains(name) { openElements.append(name) }
        return tag
    }

    /// Closes `name` if raw HTML opened it in the current container (and whatever opened inside it);
    /// any other end tag is dropped.
    private mutating func end(_ name: String) -> String {
        let floor = containerStarts.last ?? 0
        guard HTMLSanitizerPolicy.elements.contains(name),
              let index = openElements[floor...].lastIndex(of: name)
        else { return "" }
        return close(downTo: index)
    }

    /// The value to write for an attribute, or nil when the attribute is left out.
    private static func safeValue(of attribute: HTMLToken.Attribute, on element: String) -> String? {
        guard HTMLSanitizerPolicy.allows(attribute.name, on: element) else { return nil }
        let value = attribute.value
        if HTMLSanitizerPolicy.urlAttributes.contains(attribute.name) {
            let isImage = element == "img" && attribute.name == "src"
            let safe = URLSafety.safeDestination(value, isImage: isImage)
            return safe.isEmpty && !value.isEmpty ? nil : safe
        }
        if attribute.name == "srcset", !HTMLSanitizerPolicy.isSafeSourceSet(value) { return nil }
        if attribute.name == "id", HTMLSanitizerPolicy.isReservedID(value) { return nil }
        return value
    }

    /// Text with `<` and `>` escaped; character references are left as written, since in text they
    /// can only ever stand for characters.
    static func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
