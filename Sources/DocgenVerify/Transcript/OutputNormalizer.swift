/// Puts command output into the form expected and actual output are compared in: lines without
/// CR, ANSI escape codes or trailing whitespace, no trailing blank lines, and (on the actual side)
/// sandbox paths replaced by placeholders such as `[HOME]`.
public enum OutputNormalizer {
    /// Normalises text into lines.
    ///
    /// - Parameters:
    ///   - text: The output as printed (CRLF or LF).
    ///   - substitutions: Placeholder to value, e.g. `["[HOME]": "/tmp/docgen-x/home"]`; every
    ///     occurrence of a value is replaced by its placeholder, longest value first. A key without
    ///     brackets (`HOME`) is written as `[HOME]`.
    public static func lines(_ text: String, substitutions: [String: String] = [:]) -> [String] {
        let redacted = redact(stripANSI(text), substitutions: substitutions)
        return normalizeLines(TranscriptStrings.lines(redacted).map(String.init))
    }

    /// Normalises lines that are already split (the expected side).
    public static func normalizeLines(_ lines: [String]) -> [String] {
        var result = lines.map { TranscriptStrings.trimmedTrailing(resolveCarriageReturns(stripANSI($0))) }
        while let last = result.last, last.isEmpty { result.removeLast() }
        return result
    }

    /// Removes ANSI escape sequences: CSI (`ESC [ ... letter`, colours and cursor moves), OSC
    /// (`ESC ] ... BEL` or `ESC ] ... ESC \`, hyperlinks and titles) and two-character escapes.
    public static func stripANSI(_ text: String) -> String {
        // ESC is the byte 0x1B and U+009B is encoded as C2 9B, so text without either byte has no escapes.
        guard text.utf8.contains(where: { $0 == 0x1B || $0 == 0x9B }) else { return text }
        guard text.unicodeScalars.contains(where: { $0 == "\u{1B}" || $0 == "\u{9B}" }) else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "\u{1B}" || scalar == "\u{9B}" else {
                result.append(scalar)
                index += 1
                continue
            }
            var next = index + 1
            if scalar == "\u{9B}" || (next < scalars.count && scalars[next] == "[") {
                if scalar == "\u{1B}" { next += 1 }
                // Parameters and intermediates, then one final byte in @...~.
                while next < scalars.count, !(0x40...0x7E).contains(scalars[next].value) { next += 1 }
                index = next + 1
            } else if next < scalars.count, scalars[next] == "]" || scalars[next] == "P" || scalars[next] == "_" {
                next += 1
                while next < scalars.count {
                    if scalars[next] == "\u{07}" { next += 1; break }
                    if scalars[next] == "\u{1B}", next + 1 < scalars.count, scalars[next + 1] == "\\" { next += 2; break }
                    next += 1
                }
                index = next
            } else {
                index = min(next + 1, scalars.count)
            }
        }
        return String(result)
    }

    /// What a terminal shows for a line with bare carriage returns: each part overwrites the line
    /// from its start (progress bars).
    static func resolveCarriageReturns(_ line: String) -> String {
        guard ASCIIText.contains(line, byte: ASCIIText.carriageReturn), line.contains("\r") else { return line }
        var shown: [Character] = []
        for part in line.split(separator: "\r", omittingEmptySubsequences: false) {
            for (offset, character) in part.enumerated() {
                if offset < shown.count { shown[offset] = character } else { shown.append(character) }
            }
        }
        return String(shown)
    }

    /// Replaces every occurrence of a substitution's value with its placeholder.
    public static func redact(_ text: String, substitutions: [String: String]) -> String {
        let pairs = substitutions
            .filter { !$0.value.isEmpty }
            .map { (placeholder: $0.key.hasPrefix("[") ? $0.key : "[\($0.key)]", value: $0.value) }
            .sorted { ($0.value.count, $0.placeholder) > ($1.value.count, $1.placeholder) }
        guard !pairs.isEmpty else { return text }
        var result = ""
        var rest = Substring(text)
        outer: while !rest.isEmpty {
            for pair in pairs where rest.hasPrefix(pair.value) {
                result += pair.placeholder
                rest = rest.dropFirst(pair.value.count)
                continue outer
            }
            result.append(rest.removeFirst())
        }
        return result
    }
}
