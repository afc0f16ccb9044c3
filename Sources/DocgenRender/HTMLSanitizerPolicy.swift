/// What raw HTML may keep when sanitised: an allowlist of elements and attributes modelled on
/// GitHub's and mdBook's sanitizers (formatting, structure, tables, images, links, details), and
/// the elements that are removed together with their content.
enum HTMLSanitizerPolicy {
    /// Elements kept (with allowed attributes only); any other tag is dropped and its text kept.
    static let elements: Set<String> = [
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "br", "hr", "wbr",
        "a", "img", "picture", "source", "figure", "figcaption",
        "b", "i", "u", "s", "em", "strong", "del", "ins", "mark", "small", "strike", "tt", "q", "cite", "dfn",
        "abbr", "time", "sub", "sup", "kbd", "samp", "var", "code", "pre", "blockquote", "bdi", "bdo",
        "ruby", "rt", "rp", "center", "details", "summary",
        "ul", "ol", "li", "dl", "dt", "dd",
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    ]

    /// Elements without content or end tag.
    static let voidElements: Set<String> = ["br", "hr", "wbr", "img", "source", "col"]

    /// Elements whose content a browser reads as raw text: removed up to their end tag, content and all.
    static let rawTextElements: Set<String> = [
        "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title", "plaintext",
    ]

    /// Elements removed with everything inside them: foreign content (`svg`, `math`, whose parsing
    /// rules differ and are the usual mutation-XSS route), templates, and plugin or frame containers.
    static let droppedWithContent: Set<String> = [
        "svg", "math", "template", "object", "applet", "frameset", "select", "video", "audio",
    ]

    /// Attributes any kept element may have (plus `aria-*`).
    static let globalAttributes: Set<String> = ["id", "class", "title", "lang", "dir", "role", "hidden"]

    /// Attributes particular elements may have.
    static let elementAttributes: [String: Set<String>] = [
        "a": ["href"],
        "img": ["src", "alt", "width", "height", "align", "loading"],
        "source": ["srcset", "media", "type", "width", "height"],
        "q": ["cite"], "blockquote": ["cite"], "del": ["cite", "datetime"], "ins": ["cite", "datetime"],
        "time": ["datetime"],
        "details": ["open"],
        "ol": ["start", "reversed", "type"], "li": ["value"],
        "table": ["width", "align"], "col": ["span", "width"], "colgroup": ["span", "width"],
        "td": ["colspan", "rowspan", "align", "valign", "width", "headers"],
        "th": ["colspan", "rowspan", "align", "valign", "width", "headers", "scope"],
        "tr": ["align", "valign"],
        "p": ["align"], "div": ["align"], "h1": ["align"], "h2": ["align"], "h3": ["align"],
        "h4": ["align"], "h5": ["align"], "h6": ["align"],
    ]

    /// Attributes whose value is a URL, checked with `URLSafety`.
    static let urlAttributes: Set<String> = ["href", "src", "cite"]

    /// Whether `element` may keep `attribute`.
    static func allows(_ attribute: String, on element: String) -> Bool {
        if globalAttributes.contains(attribute) || elementAttributes[element]?.contains(attribute) == true { return true }
        // aria-* with a plain name only, so nothing odd is ever written as an attribute name.
        guard attribute.hasPrefix("aria-"), attribute.count > 5 else { return false }
        return attribute.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || $0 == "-" }
    }

    /// Ids the theme and its scripts use: content must not shadow them (an element id also becomes
    /// a `window` property, so `id="docgenSearchIndex"` could stand in for the search index).
    static func isReservedID(_ id: String) -> Bool {
        let lowered = id.lowercased()
        return lowered.hasPrefix("docgen") || lowered == "content" || lowered == "sidebar"
    }

    /// Whether a `srcset` is plainly harmless: no scheme that could run script, and no `data:` URLs
    /// (their commas make candidate lists ambiguous, so they are not worth parsing).
    static func isSafeSourceSet(_ value: String) -> Bool {
        let normalized = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 })).lowercased()
        return !normalized.contains("script:") && !normalized.contains("data:")
    }
}
