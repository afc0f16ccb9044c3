import DocgenCore
import DocgenVerify
import Foundation
import Testing

@Suite("JobScript bench tmp")
struct JobScriptBenchTmp {
    @Test func bench() throws {
        let catalog = JobScriptPropertyTests.catalog
        let profile = try #require(catalog.profile(named: "saga"))
        var specs = RandomJobSpecs(profile: profile, seed: 1)
        let clock = ContinuousClock()
        var all: [JobSpec] = []
        let t0 = clock.measure { for _ in 0..<500 { all.append(specs.next()) } }
        let generator = JobScriptGenerator(catalog: catalog)
        var scripts: [String] = []
        let t1 = clock.measure { scripts = all.map(generator.generate) }
        var fast = SlurmLinter(catalog: catalog); fast.checksBashSyntax = false
        let t2 = clock.measure { for s in scripts { _ = fast.lint(s, cluster: "saga", origin: SourceLocation(file: "j", line: 1, column: 1)) } }
        let t3 = clock.measure { for s in scripts { _ = generator.spec(fromScript: s) } }
        let yamls = all.map(JobSpecYAML.render)
        let t4 = clock.measure { for y in yamls.prefix(100) { _ = JobSpecParser.parse(yaml: y, file: "x", firstLine: 1, catalog: catalog) } }
        let t5 = clock.measure { for _ in 0..<1000 { if let r = try? Regex("^nn[0-9]{4}[a-z]$") { _ = try? r.wholeMatch(in: "nn1234k") } } }
        print("BENCH regex1000 \(t5)  specs \(t0) gen \(t1) lint \(t2) read \(t3) yaml100 \(t4)")
    }
}
