/// Path arithmetic on site paths (`/`-separated, relative to the site or content root).
public enum SitePath {
    /// The folder part of a path: `jobs/saga.md` gives `jobs`, `index.md` gives the empty string.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Joins a folder and a relative path and resolves `.` and `..`; nil when `..` climbs above the root.
    public static func resolve(_ relative: String, from directory: String) -> String? {
        var parts = directory.isEmpty ? [] : directory.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The relative URL that leads from the page at `from` to the file at `to` (both site paths of files).
    public static func relativeURL(from: String, to: String) -> String {
        let fromParts = directory(of: from).split(separator: "/")
        let toParts = to.split(separator: "/")
        var common = 0
        while common < fromParts.count, common < toParts.count - 1, fromParts[common] == toParts[common] {
            common += 1
        }
        let ups = Array(repeating: "..", count: fromParts.count - common)
        return (ups + toParts[common...].map(String.init)).joined(separator: "/")
    }

    /// `../` once per folder level of `path`: the way from a page back to the site root ("" at the root).
    public static func rootPrefix(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }

    /// A URL-safe version of one path component: lowercase, spaces and unsafe characters turned into `-`.
    public static func slugComponent(_ component: String) -> String {
        var slug = ""
        var lastWasDash = false
        for character in component.lowercased() {
            if character.isLetter || character.isNumber || character == "." || character == "_" {
                slug.append(character)
                lastWasDash = false
            } else if !lastWasDash {
                slug.append("-")
                lastWasDash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        while slug.hasPrefix("-") { slug.removeFirst() }
        return slug.isEmpty ? "page" : slug
    }

    /// Decodes `%XX` escapes in a link's path; invalid escapes are left as written.
    public static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
               let value = UInt8(String(decoding: utf8[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
