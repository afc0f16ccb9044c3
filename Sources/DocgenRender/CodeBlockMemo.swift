import DocgenVerify

/// Code blocks already rendered, by info string and text. A page is rendered twice (its own body
/// and its part of the print page) with the same code blocks, and highlighting them is most of the
/// rendering; the second render copies the first one's HTML. It also hands over the shell sessions
/// verification already parsed, so they are not parsed again to be rendered.
public struct CodeBlockMemo: Sendable {
    private struct Key: Hashable {
        var info: String
        var literal: String
    }

    private var html: [Key: String] = [:]
    private let transcripts: [String: Transcript]
    /// Whether rendered blocks are kept; when not, the renderer writes a block straight into the page.
    let remembersHTML: Bool

    /// A memo that starts with shell sessions parsed before (by their text); `remembersHTML` is false
    /// when the page is rendered once, so keeping each block's HTML would only cost.
    public init(transcripts: [String: Transcript] = [:], remembersHTML: Bool = true) {
        self.transcripts = transcripts
        self.remembersHTML = remembersHTML
    }

    /// The parse of the shell session `literal`, if one was handed over.
    func transcript(of literal: String) -> Transcript? {
        transcripts.isEmpty ? nil : transcripts[literal]
    }

    /// The HTML of the block with `info` and `literal`, made by `render` the first time it is asked for.
    /// Only for a memo that `remembersHTML`; the renderer writes other blocks straight into the page.
    mutating func html(info: String, literal: String, render: () -> String) -> String {
        let key = Key(info: info, literal: literal)
        if let known = html[key] { return known }
        let made = render()
        html[key] = made
        return made
    }
}
