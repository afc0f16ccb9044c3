/// Renders compiled templates into one output (UTF-8 bytes), with swift-mustache's semantics.
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

    private let templates: FlatTemplates
    /// The output so far, as bytes: a page goes to its file as they are, so nothing has to check
    /// that they are UTF-8 again (every piece appended is a whole `String`'s UTF-8 or a template's text).
    private var output: [UInt8] = []
    private var stack: [TemplateValue] = []

    /// Renders template `index` of `templates` with `context` at the bottom of the context stack.
    static func render(_ index: Int, of templates: FlatTemplates, context: Any) throws -> [UInt8] {
        guard let root = TemplateValue(context) else { throw UnsupportedValue() }
        var renderer = CompiledTemplateRenderer(templates: templates)
        // A page is mostly its body and sidebar, which come in as values; this saves the first few regrowths.
        renderer.output.reserveCapacity(32 * 1024)
        renderer.stack.reserveCapacity(8)
        renderer.stack.append(root)
        try renderer.render(templates.templates[index], indentation: [])
        return renderer.output
    }

    private init(templates: FlatTemplates) {
        self.templates = templates
    }

    /// Renders the nodes `list` as one swift-mustache template render, indenting as described above.
    private mutating func render(_ list: Range<Int>, indentation: [UInt8]) throws {
        let nodes = templates.nodes
        guard !indentation.isEmpty else {
            for index in list { try render(nodes[index], indentation: indentation) }
            return
        }
        let templateStart = output.count
        for index in list {
            let nodeStart = output.count
            let atLineStart = endsWithLineFeed(after: templateStart)
            try render(nodes[index], indentation: indentation)
            if atLineStart, output.count > nodeStart {
                // After a line feed, which always ends a Character, so this is a Character boundary.
                output.insert(contentsOf: indentation, at: nodeStart)
            }
        }
    }

    /// Whether the output written since byte `start` ends with the Character "\n" (swift-mustache's
    /// `string.last == "\n"`): a line feed, not preceded within it by a carriage return, as "\r\n" is one Character.
    private func endsWithLineFeed(after start: Int) -> Bool {
        let count = output.count
        guard count > start, output[count - 1] == UInt8(ascii: "\n") else { return false }
        return count - 2 < start || output[count - 2] != UInt8(ascii: "\r")
    }

    private mutating func render(_ node: FlatTemplates.Node, indentation: [UInt8]) throws {
        switch node {
        case .text(let text):
            output.append(contentsOf: templates.bytes(of: text))
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
            let nested = ownIndentation.map { indentation + templates.bytes(of: $0) } ?? indentation
            try render(templates.templates[template], indentation: nested)
        }
    }

    private mutating func renderSection(_ body: Range<Int>, over value: TemplateValue?, indentation: [UInt8]) throws {
        switch value {
        case .none, .flag(false):
            return
        case .flag(true):
            try render(body, indentation: indentation)
        case .list(let list):
            try list.forEachElement { element in
                try renderPushing(element, body, indentation: indentation)
            }
        case .objects(let list):
            try list.forEachObject { object in
                try renderPushing(.object(object), body, indentation: indentation)
            }
        case .some(let value):
            try renderPushing(value, body, indentation: indentation)
        }
    }

    private mutating func renderInvertedSection(_ body: Range<Int>, over value: TemplateValue?, indentation: [UInt8]) throws {
        switch value {
        case .none, .flag(false):
            try render(body, indentation: indentation)
        case .list(let list) where list.isEmptyList:
            try renderPushing(.list(list), body, indentation: indentation)
        case .objects(let list) where list.objectCount == 0:
            try renderPushing(.objects(list), body, indentation: indentation)
        default:
            return
        }
    }

    /// Renders `body` with `element` pushed on the context stack.
    private mutating func renderPushing(_ element: Any, _ body: Range<Int>, indentation: [UInt8]) throws {
        guard let value = TemplateValue(element) else { throw UnsupportedValue() }
        try renderPushing(value, body, indentation: indentation)
    }

    private mutating func renderPushing(_ value: TemplateValue, _ body: Range<Int>, indentation: [UInt8]) throws {
        stack.append(value)
        defer { stack.removeLast() }
        try render(body, indentation: indentation)
    }

    /// The value the name `nameIndex` stands for, or nil when there is none.
    private func lookUp(_ nameIndex: Int) throws -> TemplateValue? {
        guard let top = stack.indices.last else { return nil }
        let name = templates.names[nameIndex]
        guard !name.parts.isEmpty else { return stack[top] }
        let parts = templates.parts
        let first = parts[name.parts.lowerBound]
        var found: TemplateValue?
        if name.searchesStack {
            // By index, innermost first: `stack.reversed()` handed each object over as a copy, and
            // copying a value retains what it holds (the lookups' retains and releases were 1.09% of a
            // 10,000-page build, 0.66% after).
            var index = top
            while index >= 0 {
                if let child = try stack[index].child(named: first) {
                    found = child
                    break
                }
                index -= 1
            }
        } else {
            found = try stack[top].child(named: first)
        }
        guard var value = found else { return nil }
        for part in name.parts.dropFirst() {
            guard let child = try value.child(named: parts[part]) else { return nil }
            value = child
        }
        return value
    }

    /// Appends `text`'s UTF-8.
    private mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ output.append(contentsOf: $0) }) == nil {
            output.append(contentsOf: text.utf8)
        }
    }

    /// Appends `text` HTML-escaped as swift-mustache escapes it: `&`, `<`, `>`, `"` and `'` when each
    /// is a Character of its own, with the entities `HTMLEscaping` writes (swift-mustache's spellings).
    ///
    /// Found byte by byte for speed; an escapable byte next to a non-ASCII byte might be part of a
    /// bigger Character (a combining mark after it, a prepended mark before it), which swift-mustache
    /// leaves as it is, so such text is escaped Character by Character instead.
    private mutating func appendEscaped(_ text: String) {
        var text = text
        let outputStart = output.count
        let done = text.withUTF8 { bytes -> Bool in
            var runStart = 0
            for offset in bytes.indices where HTMLEscaping.needsEscaping(bytes[offset]) {
                if (offset > 0 && bytes[offset - 1] >= 0x80) || (offset + 1 < bytes.count && bytes[offset + 1] >= 0x80) {
                    // Undo this text's part so far; the Character walk below writes all of it.
                    output.removeSubrange(outputStart...)
                    return false
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<offset]))
                HTMLEscaping.entity(bytes[offset]).withUTF8Buffer { output.append(contentsOf: $0) }
                runStart = offset + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            return true
        }
        guard !done else { return }
        for character in text {
            if character.isASCII, let ascii = character.asciiValue, HTMLEscaping.needsEscaping(ascii) {
                HTMLEscaping.entity(ascii).withUTF8Buffer { output.append(contentsOf: $0) }
            } else {
                output.append(contentsOf: character.utf8)
            }
        }
    }
}
