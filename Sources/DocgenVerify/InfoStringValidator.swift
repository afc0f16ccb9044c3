public import DocgenCore

/// Checks that a block's attributes are ones docgen knows, with values it knows, before any other verifier runs.
public struct InfoStringValidator: CodeBlockVerifier {
    /// Allowed values per key; nil means any non-empty value.
    public static let vocabulary: [String: [String]?] = [
        "verify": ["transcript", "parse", "sbatch", "run", "none"],
        "parser": ["dusage", "projects", "cost", "squeue", "sacct"],
        "generate": ["jobscript"],
        "match": ["exact", "unordered", "table"],
        // Sites add clusters in docgen.yml, so names are checked against the catalog by the verifiers.
        "cluster": nil,
        "host": nil,
        "skip": nil,
        "name": nil,
        "tab": nil,
    ]

    /// Creates the validator.
    public init() {}

    /// Reports syntax errors, unknown keys and unknown values, with "did you mean" where one is close.
    public func verify(_ snippet: CodeSnippet) -> [Diagnostic] {
        var diagnostics = snippet.info.errors.map {
            Diagnostic.error(
                "codeblock.info-syntax", $0.message, at: snippet.location(ofInfoOffset: $0.offset),
                fixIt: .init("write the attributes as {key=value key=\"quoted value\"}, closing every quote and the brace"))
        }
        var seen: Set<String> = []
        for attribute in snippet.info.attributes {
            let at = snippet.location(ofInfoOffset: attribute.offset)
            guard let allowed = Self.vocabulary[attribute.key] else {
                let suggestion = Suggestion.closest(to: attribute.key, in: Self.vocabulary.keys)
                diagnostics.append(.error(
                    "codeblock.unknown-attribute",
                    "unknown code block attribute '\(attribute.key)'\(suggestion.map { " (did you mean '\($0)'?)" } ?? "")",
                    at: at, fixIt: suggestion.map { .init("rename it to '\($0)'", replacement: $0) }
                        ?? .init("remove it; known attributes are \(Self.vocabulary.keys.sorted().joined(separator: ", "))")))
                continue
            }
            if !seen.insert(attribute.key).inserted {
                diagnostics.append(.error(
                    "codeblock.duplicate-attribute", "attribute '\(attribute.key)' is given twice", at: at,
                    fixIt: .init("keep one '\(attribute.key)=...' and remove the other")))
            }
            guard let value = attribute.value, !value.isEmpty else {
                let example = allowed?.first.map { "\(attribute.key)=\($0)" } ?? "\(attribute.key)=\"...\""
                diagnostics.append(.error(
                    "codeblock.missing-value", "attribute '\(attribute.key)' needs a value, e.g. \(example)", at: at,
                    fixIt: .init("write it as \(example)")))
                continue
            }
            if let allowed, !allowed.contains(value) {
                let suggestion = Suggestion.closest(to: value, in: allowed)
                diagnostics.append(.error(
                    "codeblock.unknown-value",
                    "'\(value)' is not a valid value for '\(attribute.key)'; expected one of \(allowed.joined(separator: ", "))"
                        + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""),
                    at: at, fixIt: suggestion.map { .init("use '\($0)'", replacement: "\(attribute.key)=\($0)") }
                        ?? .init("use one of \(allowed.joined(separator: ", "))")))
            }
        }
        return diagnostics
    }
}
