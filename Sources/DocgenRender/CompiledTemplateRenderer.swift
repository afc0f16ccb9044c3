/// Renders compiled templates into one UTF-8 buffer, with swift-mustache's semantics.
///
/// What swift-mustache does, and this renderer does the same way:
/// - A name's first part is looked up in each object of the context stack, innermost first; the
///   first object that has it (a non-nil `child(named:)`) ends the search, and the other parts are
///   then looked up in that value only. `.a` looks only in the innermost object; `.` is that object.
/// - A section over an array renders its body once per element, pushed; over a Bool, once without
///   pushing anything when true; over nil, not at all; over anything else (an empty string and 0
///   too), once with the value pushed. An inverted section renders when the value is nil, false or
///   an empty array (which it pushes).
/// - A template rendered with indentation (inside a standalone partial that is indented) prefixes
///   each node's non-empty output with it when the output so far *of that template* ends in a line
///   feed; each section body and each array element is such a template of its own, so only the
///   first line of a multi-line value or of a later array element goes unindented, as in swift-mustache.
///
/// A value of a kind `TemplateValue` does not cover stops the render with `UnsupportedValue`; the
/// theme then renders the whole template with swift-mustache.
struct CompiledTemplateRenderer {
    /// Thrown for a context value the compiled renderer does not handle.
    struct UnsupportedValue: Error {}

    private let templates: [CompiledTemplate]
    private var output: [UInt8] = []
    private var stack: [TemplateValue] = []

    /// Renders template `index` of `templates` with `context` at the bottom of the context stack.
    static func render(_ index: Int, of templates: [CompiledTemplate], context: Any) throws -> String {
        guard let root = TemplateValue(context) else { throw UnsupportedValue() }
        var renderer = CompiledTemplateRenderer(templates: templates)
        // A page is mostly its body and sidebar, which come in as values; this saves the first few regrowths.
        renderer.output.reserveCapacity(64 * 1024)
        renderer.stack.reserveCapacity(8)
        renderer.stack.append(root)
        try renderer.render(templates[index].nodes, indentation: [])
        return String(decoding: renderer.output, as: UTF8.self)
    }

    private init(templates: [CompiledTemplate]) {
        self.templates = templates
    }

    /// Renders `nodes` as one swift-mustache template render, indenting as described above.
    private mutating func render(_ nodes: [CompiledTemplate.Node], indentation: [UInt8]) throws {
        guard !indentation.isEmpty else {
            for node in nodes { try render(node, indentation: indentation) }
            return
        }
        let templateStart = output.count
        for node in nodes {
            let nodeStart = output.count
            // swift-mustache compares the last Character with "\n": a "\r\n" before it is one Character.
            let atLineStart =
                nodeStart > templateStart && output[nodeStart - 1] == UInt8(ascii: "\n")
                && !(nodeStart - 2 >= templateStart && output[nodeStart - 2] == UInt8(ascii: "\r"))
            try render(node, indentation: indentation)
            if atLineStart, output.count > nodeStart { output.insert(contentsOf: indentation, at: nodeStart) }
        }
    }

    private mutating func render(_ node: CompiledTemplate.Node, indentation: [UInt8]) throws {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)
        case .variable(let name, let escaped):
            guard let value = try lookUp(name) else { return }
            if case .text(let text) = value {
                if escaped { appendEscaped(text) } else { append(text) }
            } else if escaped {
                appendEscaped(value.printed)
            } else {
                append(value.printed)
            }
        case .section(let name, let inverted, let body):
            let value = try lookUp(name)
            if inverted {
                try renderInvertedSection(body, over: value, indentation: indentation)
            } else {
                try renderSection(body, over: value, indentation: indentation)
            }
        case .partial(let template, let ownIndentation):
            guard let template else { return }
            try render(templates[template].nodes, indentation: ownIndentation.map { indentation + $0 } ?? indentation)
        }
    }

    private mutating func renderSection(_ body: [CompiledTemplate.Node], over value: TemplateValue?, indentation: [UInt8]) throws {
        switch value {
        case .none, .flag(false):
            return
        case .flag(true):
            try render(body, indentation: indentation)
        case .list(let list):
            try list.forEachElement { element in
                try renderPushing(element, body, indentation: indentation)
            }
        case .some(let value):
            try renderPushing(value, body, indentation: indentation)
        }
    }

    private mutating func renderInvertedSection(_ body: [CompiledTemplate.Node], over value: TemplateValue?, indentation: [UInt8]) throws {
        switch value {
        case .none, .flag(false):
            try render(body, indentation: indentation)
        case .list(let list) where list.isEmptyList:
            try renderPushing(.list(list), body, indentation: indentation)
        default:
            return
        }
    }

    /// Renders `body` with `element` pushed on the context stack.
    private mutating func renderPushing(_ element: Any, _ body: [CompiledTemplate.Node], indentation: [UInt8]) throws {
        guard let value = TemplateValue(element) else { throw UnsupportedValue() }
        try renderPushing(value, body, indentation: indentation)
    }

    private mutating func renderPushing(_ value: TemplateValue, _ body: [CompiledTemplate.Node], indentation: [UInt8]) throws {
        stack.append(value)
        defer { stack.removeLast() }
        try render(body, indentation: indentation)
    }

    /// The value `name` stands for, or nil when there is none.
    private func lookUp(_ name: CompiledTemplate.Name) throws -> TemplateValue? {
        guard let current = stack.last else { return nil }
        guard let first = name.parts.first else { return current }
        var found: Any?
        if name.searchesStack {
            for object in stack.reversed() {
                if let child = object.child(named: first) {
                    found = child
                    break
                }
            }
        } else {
            found = current.child(named: first)
        }
        guard let found else { return nil }
        guard var value = TemplateValue(found) else { throw UnsupportedValue() }
        for part in name.parts.dropFirst() {
            guard let child = value.child(named: part) else { return nil }
            guard let childValue = TemplateValue(child) else { throw UnsupportedValue() }
            value = childValue
        }
        return value
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    /// Appends `text` HTML-escaped as swift-mustache escapes it: `&`, `<`, `>`, `"` and `'` when each
    /// is a Character of its own.
    ///
    /// Byte by byte for speed; an escapable byte next to a non-ASCII byte might be part of a bigger
    /// Character (a combining mark after it, a prepended mark before it), which swift-mustache leaves
    /// as it is, so such text is escaped again Character by Character.
    private mutating func appendEscaped(_ text: String) {
        var text = text
        let start = output.count
        let needsCharacters = text.withUTF8 { bytes -> Bool in
            var runStart = 0
            for position in bytes.indices where HTMLEscaping.needsEscaping(bytes[position]) {
                if (position > 0 && bytes[position - 1] >= 0x80) || (position + 1 < bytes.count && bytes[position + 1] >= 0x80) { return true }
                if runStart != position { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position])) }
                HTMLEscaping.entity(bytes[position]).withUTF8Buffer { output.append(contentsOf: $0) }
                runStart = position + 1
            }
            if runStart != bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
            return false
        }
        guard needsCharacters else { return }
        output.removeSubrange(start...)
        for character in text {
            switch character {
            case "&": append("&amp;")
            case "<": append("&lt;")
            case ">": append("&gt;")
            case "\"": append("&quot;")
            case "'": append("&#39;")
            default: output.append(contentsOf: character.utf8)
            }
        }
    }
}
