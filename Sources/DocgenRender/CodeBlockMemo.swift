/// Code blocks already rendered, by info string and text. A page is rendered twice (its own body
/// and its part of the print page) with the same code blocks, and highlighting them is most of the
/// rendering; the second render copies the first one's HTML.
public struct CodeBlockMemo: Sendable {
    private struct Key: Hashable {
        var info: String
        var literal: String
    }

    private var html: [Key: String] = [:]

    /// An empty memo.
    public init() {}

    /// The HTML of the block with `info` and `literal`, made by `render` the first time it is asked for.
    mutating func html(info: String, literal: String, render: () -> String) -> String {
        let key = Key(info: info, literal: literal)
        if let known = html[key] { return known }
        let made = render()
        html[key] = made
        return made
    }
}
