import Foundation

/// A Slurm memory size (`--mem`, `--mem-per-cpu`, `--mem-per-gpu`): a whole number with an optional
/// unit K, M, G or T (powers of 1024); without a unit Slurm reads megabytes.
public struct SlurmMemory: Hashable, Sendable, CustomStringConvertible {
    /// A unit Slurm knows.
    public enum Unit: String, Hashable, Sendable, CaseIterable {
        case kilobytes = "K", megabytes = "M", gigabytes = "G", terabytes = "T"

        /// The size of the unit in MiB.
        var mebibytes: Double {
            switch self {
            case .kilobytes: 1.0 / 1024
            case .megabytes: 1
            case .gigabytes: 1024
            case .terabytes: 1024 * 1024
            }
        }
    }

    /// The number as written.
    public var amount: Int
    /// The unit (megabytes when none was written).
    public var unit: Unit
    /// The unit exactly as written (`G`, `GB`, `gib`), or nil when there was none.
    public var writtenUnit: String?

    /// Creates a size with its unit written out.
    public init(amount: Int, unit: Unit) {
        self.init(amount: amount, unit: unit, writtenUnit: unit.rawValue)
    }

    private init(amount: Int, unit: Unit, writtenUnit: String?) {
        self.amount = amount
        self.unit = unit
        self.writtenUnit = writtenUnit
    }

    /// Whether a unit was written at all (without one, Slurm silently reads MB).
    public var hasUnit: Bool { writtenUnit != nil }

    /// Whether the unit is something other than a single K, M, G or T (e.g. `GB`), which Slurm may reject.
    public var hasNonstandardUnit: Bool {
        guard let writtenUnit else { return false }
        return Unit(rawValue: writtenUnit.uppercased()) == nil
    }

    /// The size in MiB.
    public var mebibytes: Double { Double(amount) * unit.mebibytes }

    /// The size in GiB.
    public var gibibytes: Double { mebibytes / 1024 }

    /// The size in bytes.
    public var bytes: Int64 { Int64(mebibytes * 1_048_576) }

    /// Whether this is `0`, which `--mem` reads as "all the memory of the node".
    public var isZero: Bool { amount == 0 }

    /// The canonical spelling, e.g. `4G` or `3600M`.
    public var description: String { "\(amount)\(unit.rawValue)" }

    /// Reads a memory value.
    public static func parse(_ text: String) throws(SlurmValueError) -> SlurmMemory {
        let value = SlurmText.trimmingWhitespaces(text)
        let digits = value.prefix { $0.isASCII && $0.isNumber }
        let suffix = String(value.dropFirst(digits.count))
        guard let amount = Int(digits) else {
            throw SlurmValueError("'\(value)' is not a memory size; write a whole number with a unit, e.g. 4G or 3600M")
        }
        if suffix.isEmpty {
            return SlurmMemory(amount: amount, unit: .megabytes, writtenUnit: nil)
        }
        if suffix.first == "." || suffix.first == "," {
            let number = Double(value.prefix { $0.isNumber || $0 == "." || $0 == "," }
                .replacingOccurrences(of: ",", with: ".")) ?? 0
            let unitLetter = suffix.drop { $0.isNumber || $0 == "." || $0 == "," }.first.map { String($0).uppercased() } ?? "M"
            let unit = Unit(rawValue: unitLetter) ?? .megabytes
            let smaller = Unit.allCases.last { $0.mebibytes < unit.mebibytes } ?? .kilobytes
            let converted = Int((number * unit.mebibytes / smaller.mebibytes).rounded())
            throw SlurmValueError(
                "'\(value)' is not a memory size: Slurm takes whole numbers only",
                suggestion: "\(converted)\(smaller.rawValue)")
        }
        let upper = suffix.uppercased()
        if let unit = Unit(rawValue: upper) {
            return SlurmMemory(amount: amount, unit: unit, writtenUnit: suffix)
        }
        if let letter = upper.first, let unit = Unit(rawValue: String(letter)), ["B", "IB"].contains(String(upper.dropFirst())) {
            return SlurmMemory(amount: amount, unit: unit, writtenUnit: suffix)
        }
        throw SlurmValueError(
            "'\(value)' is not a memory size: the unit must be K, M, G or T",
            suggestion: nil)
    }
}

/// Formats a number of GiB, hours or billing units briefly: `178.5`, `64`, `2.75`, `0.2577`.
func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    let format = abs(value) >= 10 ? "%.1f" : abs(value) >= 1 ? "%.2f" : "%.4f"
    var text = String(format: format, value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}
