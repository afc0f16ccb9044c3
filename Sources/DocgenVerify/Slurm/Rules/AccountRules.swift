import DocgenCore
import Foundation

/// ACC001-ACC003: the project the job is charged to.
enum AccountRules {
    static let all = [missing, format, placeholder]

    /// ACC001: no `--account`.
    static let missing = SlurmLintRule("ACC001", .error, .any, "No --account") { context in
        guard context.script.last("account") == nil else { return [] }
        let example = context.profile?.account?.example
        let location = context.headerLocation
        return [SlurmFinding(
            line: location.line, column: location.column,
            "no --account: every job must name the project it is charged to"
                + (example.map { ", e.g. --account=\($0)" } ?? " (e.g. --account=nn1234k on NRIS, --account=project_465000000 on LUMI)")
                + (context.profile?.account?.listCommand.map { "; '\($0)' lists yours" } ?? ""),
            fixIt: .init("add '#SBATCH --account=\(example ?? "PROJECT")'"))]
    }

    /// Whether an account value is a template placeholder such as `nnXXXXk`.
    static func isPlaceholder(_ value: String) -> Bool {
        let lowered = value.lowercased()
        let has = { (needle: String) in SlurmText.contains(lowered, needle) }
        if has("xxx") || has("your") || SlurmText.containsAny(of: "<>{}", in: lowered) || has("...") {
            return true
        }
        let squashed = lowered.filter { $0 != "_" && $0 != "-" }
        return ["myproject", "projectid", "project", "account", "myaccount", "projectname", "accountname", "projectnumber"]
            .contains(squashed)
    }

    /// ACC002: an account that does not have the cluster's form.
    static let format = SlurmLintRule(
        "ACC002", .error, .cluster,
        "Account format wrong for the cluster (NRIS ^nn[0-9]{4}[a-z]$, a warning when not 'k'; LUMI ^project_[0-9]{9}$)"
    ) { context in
        guard let account = context.profile?.account, let directive = context.script.last("account"), let value = directive.value,
            !value.isEmpty, !isPlaceholder(value)
        else { return [] }
        if (try? Regex(account.pattern).wholeMatch(in: value)) == nil {
            return [SlurmFinding(
                directive,
                "--account=\(value) is not a \(context.clusterTitle) project name (\(account.pattern), e.g. \(account.example))")]
        }
        if let preferred = account.preferredPattern, (try? Regex(preferred).wholeMatch(in: value)) == nil {
            return [SlurmFinding(
                directive,
                "--account=\(value) does not have the usual form of \(context.clusterTitle) projects (\(preferred), e.g. \(account.example))" + (account.listCommand.map { "; check it with '\($0)'" } ?? ""),
                severity: .warning)]
        }
        return []
    }

    /// ACC003: a placeholder left in.
    static let placeholder = SlurmLintRule("ACC003", .error, .any, "Placeholder account left in (nnXXXXk, MyProject, project_<id>)") { context in
        guard let directive = context.script.last("account"), let value = directive.value, isPlaceholder(value) else { return [] }
        let example = context.profile?.account?.example
        return [SlurmFinding(
            directive,
            "--account=\(value) is a placeholder; put in your own project"
                + (example.map { " (e.g. --account=\($0))" } ?? "") + "; sbatch rejects a project that does not exist",
            fixIt: .init("replace '\(value)' with your project" + (context.profile?.account?.listCommand.map { ", as listed by '\($0)'" } ?? "")))]
    }
}
