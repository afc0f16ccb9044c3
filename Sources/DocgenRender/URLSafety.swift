/// Decides which link destinations are external and which are unsafe to put in an `href`.
public enum URLSafety {
    /// The destination's URL scheme, lowercased (`https`, `mailto`), or nil for a relative reference.
    public static func scheme(of destination: some StringProtocol) -> String? {
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
    /// `file:`, and `data:` except raster images in `<img>`), as cmark-gfm's safe mode does.
    public static func safeDestination(_ destination: String, isImage: Bool) -> String {
        guard let scheme = scheme(of: destination.trimmingLeadingWhitespace) else { return destination }
        switch scheme {
        case "javascript", "vbscript", "file":
            return ""
        case "data":
            let lowered = destination.lowercased()
            let rasterImage = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains {
                lowered.hasPrefix($0)
            }
            return isImage && rasterImage ? destination : ""
        default:
            return destination
        }
    }
}

extension String {
    fileprivate var trimmingLeadingWhitespace: Substring {
        drop { $0.isWhitespace }
    }
}
