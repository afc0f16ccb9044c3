/// Renders compiled templates into one output string, with swift-mustache's semantics.
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
    /// The output so far. A String rather than bytes: every piece appended is a String already, and
    /// turning bytes into the String at the end had to validate them, a quarter of the render time.
    private var output = ""
    private var stack: [TemplateValue] = []

    /// Renders template `index` of `templates` with `context` at the bottom of the context stack.
    static func render(_ index: Int, of templates: [CompiledTemplate], context: Any) throws -> String {
        guard let root = TemplateValue(context) else { throw UnsupportedValue() }
        var renderer = CompiledTemplateRenderer(templates: templates)
        // A page is mostly its body and sidebar, which come in as values; this saves the first few regrowths.
        renderer.output.reserveCapacity(32 * 1024)
        renderer.stack.reserveCapacity(8)
        renderer.stack.append(root)
        try renderer.render(templates[index].nodes, indentation: "")
        return renderer.output
    }

    private init(templates: [CompiledTemplate]) {
        self.templates = templates
    }

    /// Renders `nodes` as one swift-mustache template render, indenting as described above.
    private mutating func render(_ nodes: [CompiledTemplate.Node], indentation: String) throws {
        guard !indentation.isEmpty else {
            // By pointer: `for node in nodes` copied (retained and released) every node of every page.
            try nodes.withUnsafeBufferPointer { nodes in
                guard let first = nodes.baseAddress else { return }
                for index in 0..<nodes.count { try render(first + index, indentation: indentation) }
            }
            return
        }
        // Byte offsets into the output: the string is native UTF-8, so these are cheap to take and to turn into indices.
        let templateStart = output.utf8.count
        for node in nodes {
            let nodeStart = output.utf8.count
            let atLineStart = endsWithLineFeed(after: templateStart)
            try withUnsafePointer(to: node) { try render($0, indentation: indentation) }
            if atLineStart, output.utf8.count > nodeStart {
                // After a line feed, which always ends a Character, so the index is a Character boundary.
                output.insert(contentsOf: indentation, at: output.utf8.index(output.utf8.startIndex, offsetBy: nodeStart))
            }
        }
    }

    /// Whether the output written since byte `start` ends with the Character "\n" (swift-mustache's
    /// `string.last == "\n"`): a line feed, not preceded within it by a carriage return, as "\r\n" is one Character.
    private func endsWithLineFeed(after start: Int) -> Bool {
        let utf8 = output.utf8
        let count = utf8.count
        guard count > start, utf8[utf8.index(before: utf8.endIndex)] == UInt8(ascii: "\n") else { return false }
        return count - 2 < start || utf8[utf8.index(utf8.endIndex, offsetBy: -2)] != UInt8(ascii: "\r")
    }

    private mutating func render(_ node: UnsafePointer<CompiledTemplate.Node>, indentation: String) throws {
        switch node.pointee {
        case .text(let text):
            output += text
        case .variable(let name, let escaped):
            guard let value = try lookUp(name) else { return }
            if case .text(let text) = value {
                if escaped { appendEscaped(text) } else { output += text }
            } else if escaped {
                appendEscaped(value.printed)
            } else {
                output += value.printed
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

    private mutating func renderSection(_ body: [CompiledTemplate.Node], over value: TemplateValue?, indentation: String) throws {
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

    private mutating func renderInvertedSection(_ body: [CompiledTemplate.Node], over value: TemplateValue?, indentation: String) throws {
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
    private mutating func renderPushing(_ element: Any, _ body: [CompiledTemplate.Node], indentation: String) throws {
        guard let value = TemplateValue(element) else { throw UnsupportedValue() }
        try renderPushing(value, body, indentation: indentation)
    }

    private mutating func renderPushing(_ value: TemplateValue, _ body: [CompiledTemplate.Node], indentation: String) throws {
        stack.append(value)
        defer { stack.removeLast() }
        try render(body, indentation: indentation)
    }

    /// The value `name` stands for, or nil when there is none.
    private func lookUp(_ name: CompiledTemplate.Name) throws -> TemplateValue? {
        guard let top = stack.indices.last else { return nil }
        guard let first = name.parts.first else { return stack[top] }
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
            guard let child = try value.child(named: part) else { return nil }
            value = child
        }
        return value
    }

    /// Appends `text` HTML-escaped as swift-mustache escapes it: `&`, `<`, `>`, `"` and `'` when each
    /// is a Character of its own, with the entities `HTMLEscaping` writes (swift-mustache's spellings).
    ///
    /// Found byte by byte for speed; an escapable byte next to a non-ASCII byte might be part of a
    /// bigger Character (a combining mark after it, a prepended mark before it), which swift-mustache
    /// leaves as it is, so such text is escaped Character by Character instead.
    private mutating func appendEscaped(_ text: String) {
        var text = text
        // The byte offsets of the characters to escape; nil when one may be part of a bigger Character.
        let offsets = text.withUTF8 { bytes -> [Int]? in
            var offsets: [Int] = []
            for offset in bytes.indices where HTMLEscaping.needsEscaping(bytes[offset]) {
                if (offset > 0 && bytes[offset - 1] >= 0x80) || (offset + 1 < bytes.count && bytes[offset + 1] >= 0x80) { return nil }
                offsets.append(offset)
            }
            return offsets
        }
        guard let offsets else {
            for character in text {
                if character.isASCII, let ascii = character.asciiValue, HTMLEscaping.needsEscaping(ascii) {
                    output += HTMLEscaping.entity(ascii).description
                } else {
                    output.append(character)
                }
            }
            return
        }
        guard !offsets.isEmpty else {
            output += text
            return
        }
        // Each escaped byte is ASCII between ASCII bytes, so the runs between them are whole Characters.
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        for offset in offsets {
            let position = utf8.index(utf8.startIndex, offsetBy: offset)
            output += text[runStart..<position]
            output += HTMLEscaping.entity(utf8[position]).description
            runStart = utf8.index(after: position)
        }
        output += text[runStart...]
    }
}
