/// The output of NRIS's `projects`: the projects the user is a member of, one per line.
public struct ProjectList: Sendable, Hashable {
    /// Where a project name comes from.
    public enum Kind: String, Sendable, Hashable {
        /// An NRIS (Sigma2) project: `nn` + four digits + a letter, e.g. `nn5019k`, `nn9999o`.
        case nris
        /// A LUMI project: `project_` + nine digits, e.g. `project_465000000`.
        case lumi
    }

    /// One listed project.
    public struct Project: Sendable, Hashable {
        /// The project's name as printed.
        public var name: String
        /// Which kind of project it is.
        public var kind: Kind
        /// The 0-based line in the text.
        public var line: Int
    }

    /// The projects in the order listed.
    public var projects: [Project]

    /// The names in the order listed.
    public var names: [String] { projects.map(\.name) }

    /// The kind of a project name, or nil when it is neither an NRIS nor a LUMI project.
    public static func kind(of name: String) -> Kind? {
        let characters = Array(name)
        if characters.count == 7, name.hasPrefix("nn"), characters[2...5].allSatisfy(ToolOutputText.isDigit),
           let last = characters.last, ("a"..."z").contains(last) {
            return .nris
        }
        if name.hasPrefix("project_"), name.count == 17, ToolOutputText.isDigits(name.dropFirst(8)) {
            return .lumi
        }
        return nil
    }

    /// Whether a name is a documentation placeholder (`nnXXXXk`, `nnABCDk`, `project_<id>`, ...).
    static func isPlaceholder(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.contains("XXXX") || name.contains("<") || name == "nnABCDk" || upper.contains("PROJECT-ID")
            || upper.contains("YOUR")
    }

    /// Parses `projects` output and checks every name.
    public static func parse(_ text: String) -> ToolOutputResult<ProjectList> {
        let lines = ToolOutputText.lines(text)
        var problems: [ToolOutputProblem] = []
        var projects: [Project] = []
        var seen: [String: Int] = [:]
        func problem(_ kind: String, _ line: Int, _ column: Int, _ message: String) {
            problems.append(ToolOutputProblem(id: "parse.projects.\(kind)", line: line, column: column, message: message))
        }
        for (index, line) in lines.enumerated() {
            let chunks = ToolOutputText.chunks(line, minimumGap: 1)
            guard let first = chunks.first else { continue }
            if chunks.count > 1 {
                problem("malformed", index, chunks[1].column, "'\(line.trimmingSpacesForMessage)' is not one project name; projects prints one project per line")
                continue
            }
            let name = first.text
            if isPlaceholder(name) {
                problem("placeholder", index, first.column, "'\(name)' is a placeholder, not a project name as projects prints it")
                continue
            }
            guard let projectKind = kind(of: name) else {
                problem("malformed", index, first.column,
                        "'\(name)' is not a project name: NRIS projects look like 'nn5019k' (nn, four digits, a letter), LUMI projects like 'project_465000000'")
                continue
            }
            if let earlier = seen[name] {
                problem("duplicate", index, first.column, "'\(name)' is listed twice (also on line \(earlier + 1))")
                continue
            }
            seen[name] = index
            projects.append(Project(name: name, kind: projectKind, line: index))
        }
        if lines.allSatisfy(ToolOutputText.isBlank) {
            problem("empty", 0, 1, "projects printed nothing; a user who can run jobs is a member of at least one project")
            return ToolOutputResult(value: nil, problems: problems)
        }
        if let nris = projects.first(where: { $0.kind == .nris }), let lumi = projects.first(where: { $0.kind == .lumi }) {
            let later = max(nris.line, lumi.line) == nris.line ? nris : lumi
            problem("mixed-clusters", later.line, 1,
                    "NRIS and LUMI projects in one list ('\(nris.name)', '\(lumi.name)'); a cluster's projects command lists only its own")
        }
        return ToolOutputResult(value: ProjectList(projects: projects), problems: problems)
    }
}

extension String {
    /// The text without surrounding spaces, for messages in the tool-output parsers.
    fileprivate var trimmingSpacesForMessage: String { TranscriptStrings.trimmed(self) }
}
