/// The kinds of token the highlighter marks; each becomes a `hl-KIND` class the theme colours.
public enum TokenKind: String, Sendable, CaseIterable {
    case comment, keyword, string, number, function, variable, type, builtin, `operator`, prompt, meta, output
}
