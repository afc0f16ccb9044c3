/// Path arithmetic on site paths (`/`-separated, relative to the site or content root).
public enum SitePath {
    /// The folder part of a path: `jobs/saga.md` gives `jobs`, `index.md` gives the empty string.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Joins a folder and a relative path and resolves `.` and `..`; nil when `..` climbs above the root.
    public static func resolve(_ relative: String, from directory: String) -> String? {
        if relative.utf8.allSatisfy({ $0 < 0x80 }), directory.utf8.allSatisfy({ $0 < 0x80 }) {
            return resolveASCII(relative, from: directory)
        }
        return resolveByCharacters(relative, from: directory)
    }

    /// `resolve` by Characters, for paths with non-ASCII text.
    static func resolveByCharacters(_ relative: String, from directory: String) -> String? {
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

    /// `resolve` on bytes, for ASCII paths (every link is resolved twice per build; splitting by
    /// Character is what made it cost). Outside ASCII a "/" may start a grapheme, so `resolve`
    /// keeps the Character rules there.
    static func resolveASCII(_ relative: String, from directory: String) -> String? {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        // One buffer and the start of each component in it, so ".." cuts the last one off; the
        // folder's components are taken as they are, empty ones dropped, as `split` and `joined` do.
        var result: [UInt8] = []
        result.reserveCapacity(directory.utf8.count + relative.utf8.count + 1)
        var starts: [Int] = []
        func push(_ component: Substring.UTF8View) {
            if !starts.isEmpty { result.append(slash) }
            starts.append(result.count)
            result.append(contentsOf: component)
        }
        /// Calls `body` on each non-empty component of `text`; false from `body` stops the walk.
        func forEachComponent(of text: String, _ body: (Substring.UTF8View) -> Bool) -> Bool {
            let bytes = text.utf8
            var start = bytes.startIndex
            while start < bytes.endIndex {
                var end = start
                while end < bytes.endIndex, bytes[end] != slash { end = bytes.index(after: end) }
                if end > start, !body(bytes[start..<end]) { return false }
                start = end < bytes.endIndex ? bytes.index(after: end) : end
            }
            return true
        }
        _ = forEachComponent(of: directory) { push($0); return true }
        let inside = forEachComponent(of: relative) { component in
            if component.count == 1, component.first == dot { return true }
            if component.count == 2, component.first == dot, component.last == dot {
                guard let last = starts.popLast() else { return false }
                result.removeSubrange(Swift.max(0, last - 1)...)
                return true
            }
            push(component)
            return true
        }
        return inside ? String(decoding: result, as: UTF8.self) : nil
    }

    /// The relative URL that leads from the page at `from` to the file at `to` (both site paths of files).
    public static func relativeURL(from: String, to: String) -> String {
        // Byte by byte: a sidebar asks this forty times per page, and splitting paths into arrays of
        // strings was a tenth of a 10,000-page build.
        let fromDirectory = Array(directory(of: from).utf8)
        let target = Array(to.utf8)
        let slash = UInt8(ascii: "/")
        var fromStart = 0, toStart = 0
        while fromStart < fromDirectory.count {
            let fromEnd = fromDirectory[fromStart...].firstIndex(of: slash) ?? fromDirectory.count
            // The target's last component is its file name, never a shared folder.
            guard let toEnd = target[toStart...].firstIndex(of: slash),
                  fromDirectory[fromStart..<fromEnd].elementsEqual(target[toStart..<toEnd]) else { break }
            fromStart = fromEnd + 1
            toStart = toEnd + 1
        }
        var ups = 0
        if fromStart < fromDirectory.count {
            ups = 1 + fromDirectory[fromStart...].reduce(0) { $1 == slash ? $0 + 1 : $0 }
        }
        return String(repeating: "../", count: ups) + String(decoding: target[toStart...], as: UTF8.self)
    }

    /// `../` once per folder level of `path`: the way from a page back to the site root ("" at the root).
    public static func rootPrefix(of path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }

    /// A URL-safe version of one path component: lowercase, spaces and unsafe characters turned into `-`.
    public static func slugComponent(_ component: String) -> String {
        component.utf8.allSatisfy({ $0 < 0x80 }) ? asciiSlugComponent(component) : characterSlugComponent(component)
    }

    /// `slugComponent` Character by Character, for any text.
    static func characterSlugComponent(_ component: String) -> String {
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

    /// `slugComponent` for ASCII text, byte by byte: for ASCII, `isLetter` and `isNumber` are exactly
    /// A-Z, a-z and 0-9. Naming every page of a big site by Characters was a visible part of listing it.
    static func asciiSlugComponent(_ component: String) -> String {
        var slug: [UInt8] = []
        slug.reserveCapacity(component.utf8.count)
        for var byte in component.utf8 {
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 0x20 }
            let kept = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            if kept {
                slug.append(byte)
            } else if slug.last != UInt8(ascii: "-") {
                slug.append(UInt8(ascii: "-"))
            }
        }
        while slug.last == UInt8(ascii: "-") { slug.removeLast() }
        let start = slug.firstIndex { $0 != UInt8(ascii: "-") } ?? slug.endIndex
        return start == slug.endIndex ? "page" : String(decoding: slug[start...], as: UTF8.self)
    }

    /// Decodes `%XX` escapes in a link's path; invalid escapes are left as written.
    public static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
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
