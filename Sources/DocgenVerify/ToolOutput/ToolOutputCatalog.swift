/// The cluster tools whose output docgen can check (`verify=parse parser=NAME`, and the output
/// of these commands in transcripts).
public enum ToolOutputCatalog {
    /// The tools, sorted: `cost`, `dusage`, `projects`, `sacct`, `squeue`.
    public static let toolNames: [String] = ["cost", "dusage", "projects", "sacct", "squeue"]

    /// Checks text that claims to be `tool`'s output; nil when docgen has no parser for `tool`.
    /// An empty array means the text is that tool's output and consistent.
    public static func check(tool: String, output: String) -> [ToolOutputProblem]? {
        switch tool {
        case "cost": CostReport.parse(output).problems
        case "dusage": DusageReport.parse(output).problems
        case "projects": ProjectList.parse(output).problems
        case "sacct": SacctListing.parse(output).problems
        case "squeue": SqueueListing.parse(output).problems
        default: nil
        }
    }
}
