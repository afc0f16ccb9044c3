import DocgenCore

/// Makes heading ids the way GitHub does, so links written for GitHub work in docgen too.
public struct HeadingSlugger: Sendable {
    private var used: [String: Int] = [:]

    /// Creates a slugger with no ids taken yet.
    public init() {
        // Room for a page's headings: growing the table from nothing was a third of assigning them.
        used.reserveCapacity(16)
    }

    /// The GitHub slug of `text`: lowercase, letters, digits, `-` and `_` kept, spaces turned into `-`.
    public static func slug(_ text: String) -> String {
        text.isAllASCII ? asciiSlug(text) : characterSlug(text)
    }

    /// `slug` on bytes, for ASCII text: there `isLetter` and `isNumber` are exactly A-Z, a-z and 0-9,
    /// and looking up Unicode properties for every heading's characters was 1% of a build.
    static func asciiSlug(_ text: String) -> String {
        var slug: [UInt8] = []
        slug.reserveCapacity(text.utf8.count)
        for var byte in text.utf8 {
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 0x20 }
            if byte == UInt8(ascii: " ") {
                slug.append(UInt8(ascii: "-"))
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                slug.append(byte)
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }

    /// `slug` Character by Character, for any text.
    static func characterSlug(_ text: String) -> String {
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
