/// A job array specification (`--array`): indices, ranges, steps and a limit on running tasks,
/// e.g. `0-15`, `1-10:2`, `1,3,5,7`, `1-100%10`.
public struct SlurmArraySpec: Hashable, Sendable, CustomStringConvertible {
    /// One comma-separated element: a single index or a range with an optional step.
    public struct Element: Hashable, Sendable {
        /// The first index.
        public var start: Int
        /// The last index (equal to `start` for a single index).
        public var end: Int
        /// The step between indices (1 when not given).
        public var step: Int

        /// The indices the element stands for.
        public var count: Int { (end - start) / step + 1 }

        /// The highest index actually reached (a step may stop short of `end`).
        public var last: Int { start + (count - 1) * step }
    }

    /// The elements in the order written.
    public var elements: [Element]
    /// The `%N` limit on tasks running at once, if given.
    public var maxConcurrent: Int?

    /// How many array tasks the job has (indices counted once).
    public var taskCount: Int {
        let total = elements.reduce(0) { $0 + $1.count }
        guard elements.count > 1, total <= 2_000_000 else { return total }
        var seen = Set<Int>()
        for element in elements {
            for index in stride(from: element.start, through: element.end, by: element.step) { seen.insert(index) }
        }
        return seen.count
    }

    /// The highest task index.
    public var maxIndex: Int { elements.map(\.last).max() ?? 0 }

    /// The lowest task index.
    public var minIndex: Int { elements.map(\.start).min() ?? 0 }

    /// The canonical spelling.
    public var description: String {
        let list = elements.map { element in
            element.start == element.end ? "\(element.start)"
                : "\(element.start)-\(element.end)" + (element.step == 1 ? "" : ":\(element.step)")
        }.joined(separator: ",")
        return list + (maxConcurrent.map { "%\($0)" } ?? "")
    }

    /// Reads an `--array` value; spaces, decimals, negative numbers and empty parts are errors.
    public static func parse(_ text: String) throws(SlurmValueError) -> SlurmArraySpec {
        if text.contains(where: \.isWhitespace) {
            throw SlurmValueError(
                "'\(text)' contains spaces; write the indices without spaces, e.g. 1,3,5",
                suggestion: text.filter { !$0.isWhitespace })
        }
        guard !text.isEmpty else { throw SlurmValueError("the array specification is empty") }
        if text.contains(".") {
            throw SlurmValueError("'\(text)' contains a decimal number; array indices are whole numbers")
        }
        var list = Substring(text)
        var maxConcurrent: Int?
        if let percent = text.firstIndex(of: "%") {
            let limit = String(text[text.index(after: percent)...])
            guard limit.isDigits, let value = Int(limit), value > 0 else {
                throw SlurmValueError("'%\(limit)' in '\(text)' is not a limit on running tasks; write %N with N of 1 or more, e.g. 1-100%10")
            }
            maxConcurrent = value
            list = text[..<percent]
        }
        var elements: [Element] = []
        for part in list.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            elements.append(try element(part, in: text))
        }
        return SlurmArraySpec(elements: elements, maxConcurrent: maxConcurrent)
    }

    private static func element(_ part: String, in text: String) throws(SlurmValueError) -> Element {
        guard !part.isEmpty else { throw SlurmValueError("'\(text)' has an empty element between commas") }
        if part.hasPrefix("-") || part.contains("--") || part.contains(":-") {
            throw SlurmValueError("'\(text)' contains a negative number; array indices start at 0")
        }
        var range = Substring(part)
        var step = 1
        if let colon = part.firstIndex(of: ":") {
            let stepText = String(part[part.index(after: colon)...])
            guard stepText.isDigits, let value = Int(stepText), value > 0 else {
                throw SlurmValueError("the step ':\(stepText)' in '\(text)' must be a whole number of 1 or more")
            }
            step = value
            range = part[..<colon]
        }
        let bounds = range.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(bounds.count), bounds.allSatisfy(\.isDigits) else {
            throw SlurmValueError("'\(part)' in '\(text)' is not an index or a range such as 1-10 or 1-10:2")
        }
        let start = Int(bounds[0]) ?? 0
        let end = bounds.count == 2 ? (Int(bounds[1]) ?? 0) : start
        guard start <= end else {
            throw SlurmValueError("the range '\(range)' in '\(text)' runs backwards; write the smaller index first", suggestion: nil)
        }
        if bounds.count == 1, step != 1 {
            throw SlurmValueError("'\(part)' in '\(text)' has a step but no range; write e.g. 1-10:2")
        }
        return Element(start: start, end: end, step: step)
    }
}
