import DocgenCore
import DocgenVerify
import Foundation
import Testing

/// The bundled cluster profiles and the catalog a site extends.
@Suite("Cluster catalog")
struct ClusterCatalogTests {
    static func bundled() throws -> ClusterCatalog {
        try ClusterCatalog.bundled()
    }

    @Test("the bundled profiles load: saga, betzy, olivia, lumi and the decommissioned fram")
    func bundledProfiles() throws {
        let catalog = try Self.bundled()
        #expect(catalog.names == ["betzy", "fram", "lumi", "olivia", "saga"])
        let fram = try #require(catalog.profile(named: "fram"))
        #expect(fram.status == .decommissioned)
        #expect(fram.decommissioned == "2025-12-04")
        #expect(fram.replacedBy == "olivia")
        for name in ["saga", "betzy", "olivia", "lumi"] {
            #expect(catalog.profile(named: name)?.status == .production)
        }
    }

    @Test("every partition and QoS has a source, and every profile lists its sources", arguments: ["saga", "betzy", "olivia", "lumi", "fram"])
    func sources(_ name: String) throws {
        let profile = try #require(try Self.bundled().profile(named: name))
        #expect(!profile.sources.isEmpty)
        #expect(profile.sources.allSatisfy { !$0.fact.isEmpty && !$0.source.isEmpty })
        for partition in profile.partitions {
            #expect(partition.source?.isEmpty == false, "\(name) \(partition.name) has no source")
            #expect(partition.maxTime != nil, "\(name) \(partition.name) has no maximum time")
        }
        for qos in profile.qos {
            #expect(qos.source?.isEmpty == false, "\(name) QoS \(qos.name) has no source")
        }
        #expect(ClusterCatalog.validate(profile).isEmpty)
    }

    @Test("the facts the rules rely on are the ones in the design notes")
    func facts() throws {
        let catalog = try Self.bundled()
        let saga = try #require(catalog.profile(named: "saga"))
        #expect(saga.title == "Saga")
        #expect(saga.loginHost == "saga.sigma2.no")
        #expect(saga.promptHost == "SAGA")
        #expect(saga.gpuVendor == .nvidia)
        #expect(saga.defaultPartition?.name == "normal")
        #expect(saga.partition(named: "normal")?.maxTime == .days(7))
        #expect(saga.partition(named: "normal")?.nodeTypes.map(\.cores) == [40, 52])
        #expect(saga.partition(named: "normal")?.maxMemoryGiB == 178.5)
        #expect(saga.partition(named: "a100")?.maxGPUsPerNode == 4)
        #expect(saga.partition(named: "accel")?.billing?.gpuFactor == 6)
        #expect(saga.qos(named: "devel")?.maxTime == .days(hours: 2))
        #expect(saga.qos(named: "optimist")?.maxTime?.isUnlimited == true)
        #expect(saga.storage?.localScratch == "gres")
        #expect(saga.partitions.allSatisfy { $0.memoryFlag == .expected }, "memory is documented as required on Saga, rejection not confirmed")

        let betzy = try #require(catalog.profile(named: "betzy"))
        let normal = try #require(betzy.partition(named: "normal"))
        #expect(normal.wholeNode && normal.memoryFlag == .forbidden)
        #expect(normal.nodes == ClusterProfile.Bounds(min: 4, max: 512))
        #expect(betzy.qos(named: "devel")?.maxTime == .days(hours: 1))
        #expect(betzy.qos(named: "preproc")?.selectsPartition == "preproc")

        let olivia = try #require(catalog.profile(named: "olivia"))
        #expect(olivia.partition(named: "accel")?.nodeTypes.first?.architecture == "aarch64")
        #expect(olivia.partition(named: "accel")?.gpusPerJob?.max == 32)
        #expect(olivia.partition(named: "large")?.memoryFlag == .forbidden)
        #expect(olivia.storage?.nird == "read_only")

        let lumi = try #require(catalog.profile(named: "lumi"))
        #expect(lumi.gpuVendor == .amd)
        #expect(lumi.account?.example == "project_465000000")
        #expect(lumi.partition(named: "debug")?.maxTime == .days(minutes: 30))
        #expect(lumi.partition(named: "standard-g")?.maxGPUsPerNode == 8)
        #expect(lumi.defaultPartition == nil, "LUMI's default partition is not confirmed")
    }

    @Test("names are looked up ignoring case")
    func caseInsensitive() throws {
        let catalog = try Self.bundled()
        #expect(catalog.profile(named: "SAGA")?.name == "saga")
        #expect(catalog.profile(named: "Olivia")?.name == "olivia")
        #expect(catalog.profile(named: "sagaa") == nil)
    }

    @Test("a site's profiles, written by hand as a YAML list, add to and replace the bundled ones")
    func siteProfiles() throws {
        let yaml = """
            - name: Saga
              display_name: Saga (NINA's view)
              partitions:
                - name: normal
                  default: true
                  max_time: 2-00:00:00
            - name: nina-gpu
              gpu_vendor: nvidia
              account: {pattern: '^nina_[a-z]+$', example: nina_birds}
              partitions:
                - name: gpu
                  default: true
                  max_time: "12:00:00"
                  memory_flag: required
                  node_types: [{count: 2, cores: 32, memory_gib: 512, gpus: 4}]
            """
        let profiles = try ClusterCatalog.profiles(fromYAML: yaml, file: "docgen.yml")
        let catalog = try Self.bundled().adding(profiles)
        #expect(catalog.names == ["betzy", "fram", "lumi", "nina-gpu", "olivia", "saga"])
        let saga = try #require(catalog.profile(named: "saga"))
        #expect(saga.title == "Saga (NINA's view)")
        #expect(saga.partitions.map(\.name) == ["normal"])
        #expect(saga.partition(named: "normal")?.maxTime == .days(2), "an unquoted D-HH:MM:SS reads as a time")
        let nina = try #require(catalog.profile(named: "nina-gpu"))
        #expect(nina.status == .production)
        #expect(nina.qos.isEmpty && nina.sources.isEmpty)
        let gpu = try #require(nina.partition(named: "gpu"))
        #expect(gpu.wholeNode == false)
        #expect(gpu.maxGPUsPerNode == 4)

        let linter = SlurmLinter(catalog: catalog)
        let script = "#!/bin/bash\n#SBATCH --account=nina_birds\n#SBATCH --time=1-00:00:00\n#SBATCH --mem=8G\n#SBATCH --gpus-per-node=1\nset -eu\n./train\n"
        let diagnostics = linter.lint(script, cluster: "nina-gpu", origin: SourceLocation(file: "job.sh", line: 1, column: 1))
        #expect(diagnostics.map(\.id).contains("TIM003"), "\(diagnostics.map(\.formatted))")
        #expect(!diagnostics.map(\.id).contains("ACC002"))
    }

    @Test("unquoted times that YAML would read as base-60 numbers still read as Slurm times")
    func sexagesimal() throws {
        let profile = try ClusterCatalog.profile(fromYAML: "name: x\nqos:\n  - name: devel\n    max_time: 2:00:00\n", file: "x.yml")
        #expect(profile.qos(named: "devel")?.maxTime == .days(hours: 2))
    }

    @Test("invalid profiles are configuration errors that name the file and the key", arguments: [
        ("name: x\npartitions:\n  - name: a\n    max_time: 7 days\n", "partitions[0].max_time"),
        ("display_name: no name\n", "missing key 'name'"),
        ("name: x\nstatus: retired\n", "status"),
        ("name: x\npartitions:\n  - {name: a, default: true}\n  - {name: b, default: true}\n", "more than one partition"),
        ("name: x\npartitions: [{name: a}]\nqos:\n  - {name: devel, partitions: [b]}\n", "names partition 'b'"),
        ("name: x\naccount: {pattern: '^nn(', example: nn1}\n", "not a valid regular expression"),
    ])
    func invalid(_ yaml: String, _ expected: String) {
        #expect {
            try ClusterCatalog.profile(fromYAML: yaml, file: "bad.yml")
        } throws: { error in
            guard let error = error as? DocgenError else { return false }
            return error.message.contains("bad.yml") && error.message.contains(expected)
        }
    }

    @Test("profiles round-trip through JSON encoding")
    func roundTrip() throws {
        let saga = try #require(try Self.bundled().profile(named: "saga"))
        let data = try JSONEncoder().encode(saga)
        #expect(try JSONDecoder().decode(ClusterProfile.self, from: data) == saga)
    }

    @Test("a folder of profiles loads like the bundled one, and a missing folder is an error")
    func loadFolder() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "name: tiny\n".write(to: folder.appendingPathComponent("tiny.yml"), atomically: true, encoding: .utf8)
        try "not a profile".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        #expect(try ClusterCatalog.load(from: folder).names == ["tiny"])
        #expect(throws: DocgenError.self) { try ClusterCatalog.load(from: folder.appendingPathComponent("missing")) }
    }
}
