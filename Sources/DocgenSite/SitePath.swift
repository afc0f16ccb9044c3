import DocgenCore

/// Path arithmetic on site paths (`/`-separated, relative to the site or content root).
public enum SitePath {
    /// The folder part of a path: `jobs/saga.md` gives `jobs`, `index.md` gives the empty string.
    public static func directory(of path: String) -> String {
        // By byte: a Character-wise search from the end was a visible part of listing a big site.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Whether `path` ends in `.md` or `.markdown`, in any case: compared byte by byte, ignoring ASCII
    /// case, as lowercasing every path made a string per call, several calls per file of a listing.
    static func hasMarkdownExtension(_ path: String) -> Bool {
        let bytes = path.utf8
        func endsWith(_ suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard bytes.count >= count else { return false }
            return suffix.withUTF8Buffer { wanted in
                zip(bytes.suffix(count), wanted).allSatisfy { byte, lower in byte.asciiLowercased == lower }
            }
        }
        return endsWith(".md") || endsWith(".markdown")
    }

    /// Joins a folder and a relative path and resolves `.` and `..`; nil when `..` climbs above the root.
    public static func resolve(_ relative: String, from directory: String) -> String? {
        if relative.isAllASCII, directory.isAllASCII {
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
        var directory = directory, relative = relative
        var climbsOut = false
        // Written straight into the result's storage (no array to copy from); ".." cuts the result
        // back to its last "/". The folder's components are taken as they are, empty ones dropped,
        // as `split` and `joined` do.
        let resolved = directory.withUTF8 { folder in
            relative.withUTF8 { path in
                String(unsafeUninitializedCapacity: folder.count + path.count + 1) { result in
                    var count = 0
                    func push(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
                        if count > 0 {
                            result[count] = slash
                            count += 1
                        }
                        for offset in range {
                            result[count] = bytes[offset]
                            count += 1
                        }
                    }
                    func forEachComponent(of bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
                        var start = 0
                        while start < bytes.count {
                            var end = start
                            while end < bytes.count, bytes[end] != slash { end += 1 }
                            if end > start, !body(start..<end) { return }
                            start = end + 1
                        }
                    }
                    forEachComponent(of: folder) { push(folder, $0); return true }
                    forEachComponent(of: path) { range in
                        if range.count == 1, path[range.lowerBound] == dot { return true }
                        if range.count == 2, path[range.lowerBound] == dot, path[range.lowerBound + 1] == dot {
                            guard count > 0 else {
                                climbsOut = true
                                return false
                            }
                            // Every component is non-empty, so the last one starts after the last "/" (or at 0).
                            while count > 0, result[count - 1] != slash { count -= 1 }
                            if count > 0 { count -= 1 }
                            return true
                        }
                        push(path, range)
                        return true
                    }
                    return count
                }
            }
        }
        return climbsOut ? nil : resolved
    }

    /// The relative URL that leads from the page at `from` to the file at `to` (both site paths of files).
    public static func relativeURL(from: String, to: String) -> String {
        // Byte by byte on the strings' own storage: a sidebar asks this forty times per page, and
        // every link once, so copying the paths into arrays first was a measurable part of a build.
        var from = from, to = to
        let slash = UInt8(ascii: "/")
        // The folder part ends at the last "/" Character; outside ASCII a "/" byte may start a bigger
        // Character, so only then is the folder found by Characters, as `directory(of:)` does.
        let folderCount = from.withUTF8 { bytes -> Int? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return bytes.lastIndex(of: slash) ?? 0
        } ?? directory(of: from).utf8.count
        return from.withUTF8 { folder in
            to.withUTF8 { target in
                var fromStart = 0, toStart = 0
                while fromStart < folderCount {
                    var fromEnd = fromStart
                    while fromEnd < folderCount, folder[fromEnd] != slash { fromEnd += 1 }
                    // The target's last component is its file name, never a shared folder.
                    var toEnd = toStart
                    while toEnd < target.count, target[toEnd] != slash { toEnd += 1 }
                    guard toEnd < target.count, fromEnd - fromStart == toEnd - toStart,
                          (0..<(fromEnd - fromStart)).allSatisfy({ folder[fromStart + $0] == target[toStart + $0] }) else { break }
                    fromStart = fromEnd + 1
                    toStart = toEnd + 1
                }
                var ups = 0
                if fromStart < folderCount {
                    ups = 1 + folder[fromStart..<folderCount].reduce(0) { $1 == slash ? $0 + 1 : $0 }
                }
                let tail = target.count - toStart
                return String(unsafeUninitializedCapacity: 3 * ups + tail) { result in
                    var count = 0
                    for _ in 0..<ups {
                        result[count] = UInt8(ascii: ".")
                        result[count + 1] = UInt8(ascii: ".")
                        result[count + 2] = slash
                        count += 3
                    }
                    for offset in toStart..<target.count {
                        result[count] = target[offset]
                        count += 1
                    }
                    return count
                }
            }
        }
    }

    /// `../` once per folder level of `path`: the way from a page back to the site root ("" at the root).
    public static func rootPrefix(of path: String) -> String {
        guard path.isAllASCII else { return String(repeating: "../", count: max(0, path.split(separator: "/").count - 1)) }
        // The non-empty components counted on the bytes, as `split` counts them, without making them.
        var components = 0
        var inComponent = false
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                inComponent = false
            } else if !inComponent {
                inComponent = true
                components += 1
            }
        }
        return String(repeating: "../", count: max(0, components - 1))
    }

    /// A URL-safe version of one path component: lowercase, spaces and unsafe characters turned into `-`.
    public static func slugComponent(_ component: String) -> String {
        component.isAllASCII ? asciiSlugComponent(component) : characterSlugComponent(component)
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
        guard text.containsUTF8Byte(UInt8(ascii: "%")) else { return text }
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
