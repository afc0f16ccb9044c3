/// One token of a raw HTML fragment, as `HTMLTokenizer` reads it for `HTMLSanitizer`.
enum HTMLToken: Equatable, Sendable {
    /// An attribute of a start tag: the name lowercased (ASCII), the value with character references decoded.
    struct Attribute: Equatable, Sendable {
        var name: String
        var value: String
    }

    /// Character data exactly as written (character references still encoded), or a lone `<`.
    case text(String)
    /// `<name ...>`; the name is lowercased (ASCII), only the first of repeated attributes is kept (as browsers do).
    case startTag(name: String, attributes: [Attribute], selfClosing: Bool)
    /// `</name ...>`; attributes of end tags are read and dropped.
    case endTag(name: String)
    /// A comment, doctype, CDATA section, processing instruction or other bogus comment: never output.
    case ignored
}
