import Foundation

/// A Slurm time limit (`--time`), in any of the formats sbatch accepts:
/// `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M` and `D-H:M:S`, plus `UNLIMITED`/`INFINITE`.
public struct SlurmTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The limit in seconds, or nil for no limit.
    public let seconds: Int?

    /// A limit of `seconds` seconds.
    public init(seconds: Int) {
        self.seconds = seconds
    }

    private init(unlimited: Void) {
        self.seconds = nil
    }

    /// No limit (`UNLIMITED`; Slurm also reads `0` this way and then applies the partition's maximum).
    public static let unlimited = SlurmTime(unlimited: ())

    /// A limit of whole days, hours and minutes.
    public static func days(_ days: Int = 0, hours: Int = 0, minutes: Int = 0) -> SlurmTime {
        SlurmTime(seconds: ((days * 24 + hours) * 60 + minutes) * 60)
    }

    /// Whether the value asks for no limit (`UNLIMITED`, `INFINITE` or `0`).
    public var isUnlimited: Bool { seconds == nil || seconds == 0 }

    /// Reads a `--time` value.
    public static func parse(_ text: String) throws(SlurmValueError) -> SlurmTime {
        if let time = parsePlain(text) { return time }
        return try parseGeneral(text)
    }

    /// `parse` for any text: what the plain path leaves, and what tests compare it with.
    static func parseGeneral(_ text: String) throws(SlurmValueError) -> SlurmTime {
        let value = SlurmText.trimmingWhitespaces(text)
        if ["unlimited", "infinite"].contains(value.lowercased()) { return .unlimited }
        guard !value.isEmpty else { throw SlurmValueError("the time is empty") }
        var days = 0
        var clock = Substring(value)
        if let dash = value.firstIndex(of: "-") {
            let dayPart = String(value[..<dash])
            guard dayPart.isDigits else { throw invalid(value) }
            days = Int(dayPart) ?? 0
            clock = value[value.index(after: dash)...]
        }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy(\.isDigits), (1...3).contains(parts.count) else { throw invalid(value) }
        let numbers = parts.map { Int($0) ?? 0 }
        let hasDays = SlurmText.contains(value, "-")
        // Each part as (value, seconds per unit), summed below with overflow checks: the digits come
        // from the page, and a part of 19 digits must give an error, not a trap.
        let terms: [(value: Int, unit: Int)]
        switch (hasDays, numbers.count) {
        case (false, 1): terms = [(numbers[0], 60)]  // minutes
        case (false, 2): terms = [(numbers[0], 60), (numbers[1], 1)]  // minutes:seconds
        case (_, 3): terms = [(numbers[0], 3600), (numbers[1], 60), (numbers[2], 1)]  // hours:minutes:seconds
        case (true, 1): terms = [(numbers[0], 3600)]  // days-hours
        case (true, 2): terms = [(numbers[0], 3600), (numbers[1], 60)]  // days-hours:minutes
        default: throw invalid(value)
        }
        guard let seconds = checkedSeconds([(days, 86_400)] + terms) else {
            throw SlurmValueError("'\(value)' is longer than any time Slurm can hold; write a time such as 7-00:00:00")
        }
        return SlurmTime(seconds: seconds)
    }

    /// `parse` for the forms job scripts nearly always use (digits, up to two colons, at most one
    /// dash after the days, no spaces, no part over nine digits, so nothing can overflow), read byte
    /// by byte; nil for anything else, which `parse` then reads the general way. The general way
    /// made strings and lists for every part, 0.4% of a 10,000-page build.
    static func parsePlain(_ text: String) -> SlurmTime? {
        var days: Int?
        var parts = (0, 0, 0)
        var count = 0
        var current = 0
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 9 else { return nil }
                current = current * 10 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: ":"):
                guard digits > 0, count < 2 else { return nil }
                if count == 0 { parts.0 = current } else { parts.1 = current }
                count += 1
                current = 0
                digits = 0
            case UInt8(ascii: "-"):
                guard days == nil, count == 0, digits > 0 else { return nil }
                days = current
                current = 0
                digits = 0
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        switch count {
        case 0: parts.0 = current
        case 1: parts.1 = current
        default: parts.2 = current
        }
        count += 1
        let clock: Int
        switch (days != nil, count) {
        case (false, 1): clock = parts.0 * 60  // minutes
        case (false, 2): clock = parts.0 * 60 + parts.1  // minutes:seconds
        case (true, 1): clock = parts.0 * 3600  // days-hours
        case (true, 2): clock = parts.0 * 3600 + parts.1 * 60  // days-hours:minutes
        default: clock = parts.0 * 3600 + parts.1 * 60 + parts.2  // [days-]hours:minutes:seconds
        }
        return SlurmTime(seconds: (days ?? 0) * 86_400 + clock)
    }

    /// The sum of `value * unit` over `terms`, or nil when it does not fit in an `Int`.
    private static func checkedSeconds(_ terms: [(value: Int, unit: Int)]) -> Int? {
        var total = 0
        for term in terms {
            let (product, productOverflow) = term.value.multipliedReportingOverflow(by: term.unit)
            let (sum, sumOverflow) = total.addingReportingOverflow(product)
            if productOverflow || sumOverflow { return nil }
            total = sum
        }
        return total
    }

    private static func invalid(_ value: String) -> SlurmValueError {
        SlurmValueError(
            "'\(value)' is not a Slurm time; use minutes, M:S, H:M:S, D-H, D-H:M or D-H:M:S (e.g. 2:00:00 or 7-00:00:00)",
            suggestion: guess(value))
    }

    /// A correct spelling of common mistakes such as `2h`, `90min` or `3d`.
    private static func guess(_ value: String) -> String? {
        let lowered = value.lowercased().replacingOccurrences(of: " ", with: "")
        let digits = lowered.prefix { $0.isNumber }
        guard let number = Int(digits), !digits.isEmpty else { return nil }
        let unit: Int
        switch lowered.dropFirst(digits.count) {
        case "h", "hr", "hrs", "hour", "hours": unit = 3600
        case "m", "min", "mins", "minute", "minutes": unit = 60
        case "d", "day", "days": unit = 86_400
        case "s", "sec", "secs", "seconds": unit = 1
        default: return nil
        }
        // No suggestion for a number too large to convert (`9999999999999999h`).
        return checkedSeconds([(number, unit)]).map { SlurmTime(seconds: $0).formatted }
    }

    /// The canonical Slurm form: `D-HH:MM:SS` from one day up, `HH:MM:SS` below, `UNLIMITED` for no limit.
    public var formatted: String {
        guard let seconds, seconds > 0 else { return "UNLIMITED" }
        let days = seconds / 86_400, hours = seconds % 86_400 / 3600
        let minutes = seconds % 3600 / 60, rest = seconds % 60
        let clock = "\(twoDigits(hours)):\(twoDigits(minutes)):\(twoDigits(rest))"
        return days > 0 ? "\(days)-\(clock)" : clock
    }

    /// In words: `7 days`, `2 hours 30 minutes`, `no limit`.
    public var description: String {
        guard let seconds, seconds > 0 else { return "no limit" }
        let units = [(86_400, "day"), (3600, "hour"), (60, "minute"), (1, "second")]
        var rest = seconds
        var words: [String] = []
        for (size, name) in units where rest >= size {
            let count = rest / size
            rest %= size
            words.append("\(count) \(name)\(count == 1 ? "" : "s")")
        }
        return words.joined(separator: " ")
    }

    /// The limit in hours (no limit counts as infinity).
    public var hours: Double {
        guard let seconds, seconds > 0 else { return .infinity }
        return Double(seconds) / 3600
    }

    /// Orders by length; no limit is longer than any limit.
    public static func < (lhs: SlurmTime, rhs: SlurmTime) -> Bool {
        lhs.hours < rhs.hours
    }

    private func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

extension SlurmTime: Codable {
    /// Reads a time written as a Slurm string (`7-00:00:00`, `2:00:00`, `unlimited`) in a profile.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let string = try? container.decode(String.self) {
            text = string
        } else {
            text = String(try container.decode(Int.self))
        }
        do {
            self = try SlurmTime.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Writes the canonical Slurm form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(formatted)
    }
}
