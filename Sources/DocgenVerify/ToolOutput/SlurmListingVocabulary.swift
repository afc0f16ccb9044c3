/// The words squeue and sacct print: state codes and names, job ids.
enum SlurmListingVocabulary {
    /// squeue's compact state codes (`%t`).
    static let stateCodes: Set<String> = [
        "BF", "CA", "CD", "CF", "CG", "DL", "F", "NF", "OOM", "PD", "PR", "R", "RD", "RF", "RH", "RQ", "RS", "RV",
        "S", "SE", "SI", "SO", "ST", "TO",
    ]

    /// Job state names (squeue `%T`, sacct `State`).
    static let stateNames: [String] = [
        "BOOT_FAIL", "CANCELLED", "COMPLETED", "COMPLETING", "CONFIGURING", "DEADLINE", "FAILED", "NODE_FAIL",
        "OUT_OF_MEMORY", "PENDING", "PREEMPTED", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESIZING", "RESV_DEL_HOLD",
        "REVOKED", "RUNNING", "SIGNALING", "SPECIAL_EXIT", "STAGE_OUT", "STOPPED", "SUSPENDED", "TIMEOUT",
    ]

    /// Whether `text` is a state name, allowing sacct's `CANCELLED by 12345` and a name cut
    /// short with `+` to fit its column.
    static func isStateName(_ text: String) -> Bool {
        if stateNames.contains(text) { return true }
        if text.hasPrefix("CANCELLED by "), ToolOutputText.isDigits(text.dropFirst("CANCELLED by ".count)) { return true }
        if text.hasSuffix("+"), text.count > 1 {
            let prefix = text.dropLast()
            return stateNames.contains { $0.hasPrefix(prefix) } || "CANCELLED by ".hasPrefix(prefix)
                || (prefix.hasPrefix("CANCELLED by ") && ToolOutputText.isDigits(prefix.dropFirst("CANCELLED by ".count)))
        }
        return false
    }

    /// A job id as squeue prints it: `13456789`, an array task `13456790_1`, a pending array
    /// `13456790_[5-12%4]`, a heterogeneous component `123+1`.
    static func isJobID(_ text: String) -> Bool {
        var rest = Substring(text)
        let digits = rest.prefix { ToolOutputText.isDigit($0) }
        guard !digits.isEmpty else { return false }
        rest = rest.dropFirst(digits.count)
        if rest.first == "_" {
            rest = rest.dropFirst()
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return false }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                guard isArraySpec(inside) else { return false }
                rest = rest[rest.index(after: close)...]
            } else {
                let task = rest.prefix { ToolOutputText.isDigit($0) }
                guard !task.isEmpty else { return false }
                rest = rest.dropFirst(task.count)
            }
        }
        if rest.first == "+" {
            rest = rest.dropFirst()
            guard ToolOutputText.isDigits(rest) else { return false }
            return true
        }
        return rest.isEmpty
    }

    /// `5-12%4`, `1,3,5-7`, `0-99:2`.
    static func isArraySpec(_ text: Substring) -> Bool {
        var body = text
        if let percent = body.firstIndex(of: "%") {
            guard ToolOutputText.isDigits(body[body.index(after: percent)...]) else { return false }
            body = body[..<percent]
        }
        let items = body.split(separator: ",", omittingEmptySubsequences: false)
        return !items.isEmpty && items.allSatisfy { item in
            var range = item
            if let colon = range.firstIndex(of: ":") {
                guard ToolOutputText.isDigits(range[range.index(after: colon)...]) else { return false }
                range = range[..<colon]
            }
            let bounds = range.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), bounds.allSatisfy(ToolOutputText.isDigits) else { return false }
            return bounds.count == 1 || (Int(bounds[0]) ?? 0) <= (Int(bounds[1]) ?? 0)
        }
    }

    /// A sacct job id: a squeue job id, optionally with a step (`.batch`, `.extern`,
    /// `.interactive`, `.0`); a trailing `+` means sacct cut it short to fit its column.
    static func isSacctJobID(_ text: String, truncated: Bool) -> Bool {
        if truncated {
            let prefix = text.dropLast()
            guard let first = prefix.first, ToolOutputText.isDigit(first) else { return false }
            return prefix.allSatisfy { ToolOutputText.isDigit($0) || "_[]-,%+.".contains($0) || ("a"..."z").contains($0) }
        }
        let (job, step) = splitStep(text)
        guard isJobID(job) else { return false }
        guard let step else { return true }
        return ["batch", "extern", "interactive"].contains(step)
            || step.split(separator: "+", omittingEmptySubsequences: false).allSatisfy(ToolOutputText.isDigits)
    }

    /// `13456789.batch` gives (`13456789`, `batch`); `13456789` gives (`13456789`, nil).
    static func splitStep(_ text: String) -> (job: String, step: String?) {
        guard let dot = text.firstIndex(of: ".") else { return (text, nil) }
        return (String(text[..<dot]), String(text[text.index(after: dot)...]))
    }
}
