/// Makes heading ids the way GitHub does, so links written for GitHub work in docgen too.
public struct HeadingSlugger: Sendable {
    private var used: [String: Int] = [:]

    /// Creates a slugger with no ids taken yet.
    public init() {}

    /// The GitHub slug of `text`: lowercase, letters, digits, `-` and `_` kept, spaces turned into `-`.
    public static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character == "-" || character == "_" || character.isLetter || character.isNumber {
                slug.append(character)
            }
        }
        return slug
    }

    /// A slug for `text` not handed out before by this slugger: `intro`, then `intro-1`, `intro-2`...
    /// (the same sequence as GitHub's github-slugger).
    public mutating func uniqueSlug(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        while used[candidate] != nil {
            let count = (used[base] ?? 0) + 1
            used[base] = count
            candidate = "\(base)-\(count)"
        }
        used[candidate] = 0
        return candidate
    }
}
