/// The kinds of token the highlighter marks; each becomes a `hl-KIND` class the theme colours.
public enum TokenKind: String, Sendable, CaseIterable {
    case comment, keyword, string, number, function, variable, type, builtin, `operator`, prompt, meta, output

    /// `<span class="hl-KIND">`, spelled out so the scanner copies it instead of building it per token.
    var spanOpening: StaticString {
        switch self {
        case .comment: "<span class=\"hl-comment\">"
        case .keyword: "<span class=\"hl-keyword\">"
        case .string: "<span class=\"hl-string\">"
        case .number: "<span class=\"hl-number\">"
        case .function: "<span class=\"hl-function\">"
        case .variable: "<span class=\"hl-variable\">"
        case .type: "<span class=\"hl-type\">"
        case .builtin: "<span class=\"hl-builtin\">"
        case .operator: "<span class=\"hl-operator\">"
        case .prompt: "<span class=\"hl-prompt\">"
        case .meta: "<span class=\"hl-meta\">"
        case .output: "<span class=\"hl-output\">"
        }
    }
}
