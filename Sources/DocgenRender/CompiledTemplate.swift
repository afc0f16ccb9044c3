/// A theme template parsed once, when the theme loads, into the nodes `CompiledTemplateRenderer` walks:
/// names split at their dots, partials resolved to the index of their template.
///
/// It has exactly the nodes swift-mustache's parser makes for the same text (standalone lines
/// removed, the whitespace before a standalone partial kept as its indentation, text split where
/// swift-mustache splits it), because partial indentation is applied node by node.
struct CompiledTemplate: Sendable {
    /// One piece of a template.
    enum Node: Sendable {
        /// Literal text, copied as it is.
        case text(String)
        /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (not escaped).
        case variable(Name, escaped: Bool)
        /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when `inverted`.
        case section(Name, inverted: Bool, body: [Node])
        /// `{{> name}}`: the index of the template in the compiled library (nil when the theme has no
        /// such template, which renders nothing, as in swift-mustache), and the indentation of a
        /// partial tag standing alone on its line (nil when it shares its line with other text).
        case partial(template: Int?, indentation: String?)
    }

    /// A tag's name, split at its dots once instead of at every lookup.
    struct Name: Sendable {
        /// The parts between the dots; empty for `{{.}}` (and for names made only of dots), the current object.
        let parts: [String]
        /// Whether the first part is looked for down the whole context stack (`a.b`) or only in the
        /// current object (`.a.b`).
        let searchesStack: Bool

        /// The name as written in the tag, read as swift-mustache reads it.
        init(_ name: String) {
            if name == "." {
                parts = []
                searchesStack = false
            } else {
                parts = name.split(separator: ".").map(String.init)
                searchesStack = name.first != "."
            }
        }
    }

    /// The template's nodes, in order.
    let nodes: [Node]
    /// The partials it includes anywhere (inside sections too), so a template whose partial could
    /// not be compiled is left to swift-mustache as well.
    let includedTemplates: Set<Int>
}
