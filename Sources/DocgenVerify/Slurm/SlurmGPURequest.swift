/// A GPU request normalised from every spelling sbatch accepts: `--gpus` / `-G` (per job),
/// `--gpus-per-node`, `--gpus-per-task`, `--gpus-per-socket` and `--gres=gpu[:type][:count]` (per node).
public struct SlurmGPURequest: Hashable, Sendable, CustomStringConvertible {
    /// What the count is counted per.
    public enum Scope: String, Hashable, Sendable {
        case job, node, task, socket
    }

    /// The number of GPUs per `scope`.
    public var count: Int
    /// What the count applies to.
    public var scope: Scope
    /// The GPU type, e.g. `a100`, when one was named.
    public var type: String?

    /// Creates a request.
    public init(count: Int, scope: Scope, type: String? = nil) {
        self.count = count
        self.scope = scope
        self.type = type
    }

    /// E.g. `2 a100 GPUs per node`.
    public var description: String {
        "\(count) \(type.map { "\($0) " } ?? "")GPU\(count == 1 ? "" : "s") per \(scope.rawValue)"
    }

    /// The request made by one option, or nil when the option asks for no GPU (e.g. `--gres=localscratch:20G`).
    /// `option` is the canonical long name (`gpus`, `gpus-per-node`, `gpus-per-task`, `gpus-per-socket`, `gres`).
    public static func parse(option: String, value: String) throws(SlurmValueError) -> SlurmGPURequest? {
        switch option {
        case "gpus": return try typedCount(value, scope: .job, option: option)
        case "gpus-per-node": return try typedCount(value, scope: .node, option: option)
        case "gpus-per-task": return try typedCount(value, scope: .task, option: option)
        case "gpus-per-socket": return try typedCount(value, scope: .socket, option: option)
        case "gres":
            let resources = try SlurmGres.parse(value)
            let gpus = resources.filter { $0.name == "gpu" }
            guard !gpus.isEmpty else { return nil }
            let types = Set(gpus.compactMap(\.type))
            return SlurmGPURequest(
                count: gpus.reduce(0) { $0 + ($1.count ?? 1) }, scope: .node, type: types.count == 1 ? types.first : nil)
        default: return nil
        }
    }

    /// `[type:]count[,[type:]count...]`, as `--gpus` and its siblings take it.
    private static func typedCount(_ value: String, scope: Scope, option: String) throws(SlurmValueError) -> SlurmGPURequest {
        var total = 0
        var types: Set<String> = []
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            let fields = part.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard let countText = fields.last, countText.isDigits, let count = Int(countText), fields.count <= 2,
                fields.dropLast().allSatisfy({ !$0.isEmpty })
            else {
                throw SlurmValueError("'\(value)' is not a GPU count for --\(option); write [type:]number, e.g. 2 or a100:2")
            }
            total += count
            if fields.count == 2 { types.insert(fields[0]) }
        }
        return SlurmGPURequest(count: total, scope: scope, type: types.count == 1 ? types.first : nil)
    }
}

/// One generic resource of a `--gres` list, e.g. `gpu:a100:2` or `localscratch:20G`.
public struct SlurmGres: Hashable, Sendable {
    /// The resource name (`gpu`, `localscratch`, ...).
    public var name: String
    /// The type, when the entry has one (`a100` in `gpu:a100:2`).
    public var type: String?
    /// The count, when it is a number.
    public var count: Int?
    /// The amount as written when it is a size (`20G` in `localscratch:20G`).
    public var size: String?

    /// Reads a `--gres` value: a comma-separated list of `name[:type][:count]`.
    public static func parse(_ value: String) throws(SlurmValueError) -> [SlurmGres] {
        if value.lowercased() == "none" { return [] }
        var result: [SlurmGres] = []
        for entry in value.split(separator: ",", omittingEmptySubsequences: false) {
            // Drop a trailing socket binding such as "(S:0-1)".
            let cleaned = entry.split(separator: "(").first.map(String.init) ?? ""
            let fields = cleaned.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard let name = fields.first, !name.isEmpty, fields.count <= 3, fields.allSatisfy({ !$0.isEmpty }) else {
                throw SlurmValueError("'\(value)' is not a --gres list; write name[:type][:count], e.g. gpu:2 or localscratch:20G")
            }
            var gres = SlurmGres(name: name)
            if fields.count >= 2, let last = fields.last {
                if last.isDigits {
                    gres.count = Int(last)
                } else if last.first?.isNumber == true {
                    gres.size = last
                } else if fields.count == 2 {
                    gres.type = last
                } else {
                    throw SlurmValueError("'\(entry)' in --gres=\(value) does not end in a count")
                }
                if fields.count == 3 { gres.type = fields[1] }
            }
            result.append(gres)
        }
        return result
    }
}
