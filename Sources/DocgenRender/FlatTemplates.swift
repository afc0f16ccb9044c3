/// A library's compiled templates laid out for `CompiledTemplateRenderer`: every node of every
/// template in one list, texts as stretches of one byte array, names as stretches of one list of parts.
///
/// The nested `CompiledTemplate.Node`s hold strings and lists, and reading a node retains what it
/// holds: about a hundred nodes per page, on every page, were 1.5% of a 10,000-page build in
/// reference counting alone. Nodes here hold only numbers, so walking them touches no reference count.
final class FlatTemplates: @unchecked Sendable {
    // Unchecked: the buffers are written only while `init` runs and freed only by `deinit`.

    /// A stretch of `bytes`.
    struct Text: Sendable {
        let start: Int
        let count: Int
    }

    /// One node; lists of nodes (a template's, a section's body) are stretches of `nodes`.
    enum Node: Sendable {
        /// Literal text.
        case text(Text)
        /// `{{name}}` or, not escaped, `{{{name}}}` / `{{&name}}`; `name` indexes `names`.
        case variable(name: Int, escaped: Bool)
        /// A section (or an inverted one) over `name`, with its body.
        case section(name: Int, inverted: Bool, body: Range<Int>)
        /// A partial: the template's index (nil when the theme has none) and the indentation of a
        /// partial tag standing alone on its line (nil when it shares its line).
        case partial(template: Int?, indentation: Text?)
    }

    /// A tag's name: `parts` indexes `FlatTemplates.parts`.
    struct Name: Sendable {
        let parts: Range<Int>
        /// As `CompiledTemplate.Name.searchesStack`.
        let searchesStack: Bool
    }

    /// Every template's nodes.
    let nodes: UnsafeBufferPointer<Node>
    /// Every text's bytes.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Every tag's name.
    let names: UnsafeBufferPointer<Name>
    /// The parts of every name.
    let parts: UnsafeBufferPointer<String>
    /// Each template's own nodes, by the template's index.
    let templates: UnsafeBufferPointer<Range<Int>>

    /// Lays out `templates`, keeping their indices.
    init(_ templates: [CompiledTemplate]) {
        var layout = Layout()
        let ranges = templates.map { layout.append($0.nodes) }
        nodes = Self.copy(layout.nodes)
        bytes = Self.copy(layout.bytes)
        names = Self.copy(layout.names)
        parts = Self.copy(layout.parts)
        self.templates = Self.copy(ranges)
    }

    deinit {
        for buffer in [UnsafeMutableRawBufferPointer(mutating: UnsafeRawBufferPointer(nodes)),
                       UnsafeMutableRawBufferPointer(mutating: UnsafeRawBufferPointer(bytes)),
                       UnsafeMutableRawBufferPointer(mutating: UnsafeRawBufferPointer(names)),
                       UnsafeMutableRawBufferPointer(mutating: UnsafeRawBufferPointer(templates))] {
            buffer.deallocate()
        }
        UnsafeMutableBufferPointer(mutating: parts).deinitialize()
        UnsafeMutableBufferPointer(mutating: parts).deallocate()
    }

    /// The bytes of `text`.
    func bytes(of text: Text) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[text.start..<(text.start + text.count)])
    }

    private static func copy<Element>(_ array: [Element]) -> UnsafeBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, array.count))
        _ = buffer.initialize(from: array)
        return UnsafeBufferPointer(rebasing: buffer[0..<array.count])
    }

    /// The lists being filled while the templates are laid out.
    private struct Layout {
        var nodes: [Node] = []
        var bytes: [UInt8] = []
        var names: [Name] = []
        var parts: [String] = []

        /// Appends `list` as one stretch of nodes (section bodies go after it) and returns the stretch.
        mutating func append(_ list: [CompiledTemplate.Node]) -> Range<Int> {
            let start = nodes.count
            // Placeholders first, so that the list's nodes stay together; each is filled in below.
            nodes.append(contentsOf: repeatElement(Node.text(Text(start: 0, count: 0)), count: list.count))
            for (offset, node) in list.enumerated() {
                switch node {
                case .text(let text):
                    nodes[start + offset] = .text(append(text))
                case .variable(let name, let escaped):
                    nodes[start + offset] = .variable(name: append(name), escaped: escaped)
                case .section(let name, let inverted, let body):
                    let nameIndex = append(name)
                    nodes[start + offset] = .section(name: nameIndex, inverted: inverted, body: append(body))
                case .partial(let template, let indentation):
                    nodes[start + offset] = .partial(template: template, indentation: indentation.map { append($0) })
                }
            }
            return start..<(start + list.count)
        }

        private mutating func append(_ text: String) -> Text {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            return Text(start: start, count: bytes.count - start)
        }

        private mutating func append(_ name: CompiledTemplate.Name) -> Int {
            let start = parts.count
            parts.append(contentsOf: name.parts)
            names.append(Name(parts: start..<parts.count, searchesStack: name.searchesStack))
            return names.count - 1
        }
    }
}
