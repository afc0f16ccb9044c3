/// Decides which link destinations are external and which are unsafe to put in an `href`.
public enum URLSafety {
    /// The destination's URL scheme, lowercased (`https`, `mailto`), or nil for a relative reference.
    public static func scheme(of destination: String) -> String? {
        scheme(of: destination[...])
    }

    /// `scheme(of:)` of a part of a string. Not generic: a generic called from another module runs
    /// unspecialised, through a witness call per byte.
    public static func scheme(of destination: Substring) -> String? {
        // Bytes first: a scheme is ASCII, and nearly every destination's first few bytes settle it.
        var length = 0
        let bytes = destination.utf8
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: ":") {
                // A ":" that a combining mark joins is no ":" to Character: the Character rules decide.
                if let next = bytes.dropFirst(offset + 1).first, next >= 0x80 { break }
                guard length > 0 else { return nil }
                return String(decoding: bytes.prefix(length), as: UTF8.self).lowercased()
            }
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isOther = (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard isLetter || (length > 0 && isOther) else {
                // A byte of a longer character (a combining mark after a letter): the Character rules decide.
                if byte >= 0x80 { break }
                return nil
            }
            length += 1
        }
        if length == bytes.count { return nil }
        return schemeByCharacters(destination)
    }

    /// `scheme(of:)` by Characters, for destinations with non-ASCII text before their first `:`.
    static func schemeByCharacters(_ destination: some StringProtocol) -> String? {
        var scheme = ""
        for character in destination {
            if character == ":" {
                return scheme.isEmpty ? nil : scheme.lowercased()
            }
            guard character.isASCII, character.isLetter || (!scheme.isEmpty && (character.isNumber || "+-.".contains(character)))
            else { return nil }
            scheme.append(character)
        }
        return nil
    }

    /// Whether the destination leaves the site: it has a scheme or is protocol-relative (`//host`).
    public static func isExternal(_ destination: String) -> Bool {
        scheme(of: destination) != nil || destination.hasPrefix("//")
    }

    /// The destination, or an empty string when it could run script (`javascript:`, `vbscript:`,
    /// `livescript:`, `file:`, and `data:` except raster images in `<img>`), as cmark-gfm's safe
    /// mode does; the scheme is read as a browser reads it (see `browserNormalized`).
    public static func safeDestination(_ destination: String, isImage: Bool) -> String {
        let normalized = browserNormalized(destination)
        guard let scheme = scheme(of: normalized) else { return destination }
        switch scheme {
        case "javascript", "vbscript", "livescript", "file":
            return ""
        case "data":
            let lowered = normalized.lowercased()
            let rasterImage = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains {
                lowered.hasPrefix($0)
            }
            return isImage && rasterImage ? destination : ""
        default:
            return destination
        }
    }
}

extension URLSafety {
    /// The destination as a browser's URL parser reads its scheme: leading and trailing C0 controls
    /// and spaces stripped, tabs and line breaks removed everywhere. Without this, `jav&#x09;ascript:`
    /// or a leading `&#1;` would pass as a relative link and still run as `javascript:`.
    static func browserNormalized(_ destination: String) -> String {
        // Most destinations are printable ASCII, which needs no scalar properties looked up.
        // Counted over the contiguous bytes with no early exit, so the loop vectorizes.
        let unusual = destination.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.reduce(0) { $0 + ($1 &- 0x21 >= 0x5F ? 1 : 0) }
        } ?? destination.utf8.count { $0 <= 0x20 || $0 >= 0x80 }
        if unusual == 0 { return destination }
        let scalars = destination.unicodeScalars
        guard scalars.contains(where: { $0.value <= 0x20 || $0.isWhitespaceForScheme }) else { return destination }
        var view = String.UnicodeScalarView(scalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
        while let first = view.first, first.value <= 0x20 || first.isWhitespaceForScheme { view.removeFirst() }
        while let last = view.last, last.value <= 0x20 { view.removeLast() }
        return String(view)
    }
}

extension Unicode.Scalar {
    /// Other whitespace before a scheme; browsers keep it (so the link is relative), but treating it as
    /// stripped only ever blocks more, and it keeps Markdown's own whitespace handling on the safe side.
    fileprivate var isWhitespaceForScheme: Bool {
        // ASCII whitespace is all at or below U+0020, which callers test first.
        value >= 0x80 && properties.isWhitespace
    }
}
