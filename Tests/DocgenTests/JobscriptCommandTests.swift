import Foundation
import Testing

/// `docgen jobscript`, run as the real binary: the script on stdout, diagnostics on stderr, the exit statuses.
@Suite("docgen jobscript")
struct JobScriptCommandTests {
    static let sagaGPU = [
        "jobscript", "--cluster", "saga", "--partition", "accel", "--gpus", "1", "--account", "nn1234k", "--time", "1:00:00",
        "--mem-per-cpu", "8G", "--job-name", "train-classifier", "--module", "PyTorch/2.1.2-foss-2023a-CUDA-12.1.1",
        "--container", "$USERWORK/images/pytorch.sif", "--",
    ]

    @Test("options and a command after -- give a script on stdout and exit status 0")
    func fromOptions() throws {
        let result = try ProcessOutput.docgen(Self.sagaGPU + ["python", "train.py", "--lr", "0.1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("#!/bin/bash\n# train-classifier.sh: a job script for Saga, made by docgen jobscript\n"))
        for line in ["#SBATCH --partition=accel", "#SBATCH --gpus=1", "#SBATCH --mem-per-cpu=8G", "#SBATCH --output=%x-%j.out",
                     "module --quiet reset", "module load PyTorch/2.1.2-foss-2023a-CUDA-12.1.1",
                     "apptainer exec --nv $USERWORK/images/pytorch.sif python train.py --lr 0.1"] {
            #expect(result.stdout.contains(line + "\n"), "missing '\(line)' in\n\(result.stdout)")
        }
        #expect(!result.stderr.contains("error["))
        #expect(result.stderr.contains("note[BILL001]"))
    }

    @Test("several command words are quoted for the shell where needed; one is used as it is")
    func commandQuoting() throws {
        let several = try ProcessOutput.docgen(Self.sagaGPU + ["python", "-c", "print('hi there')"])
        #expect(several.stdout.contains("python -c 'print('\\''hi there'\\'')'\n"), "\(several.stdout)")
        let one = try ProcessOutput.docgen(Self.sagaGPU + ["python prepare.py && python train.py"])
        #expect(one.stdout.contains(" python prepare.py && python train.py\n"), "\(one.stdout)")
    }

    @Test("a YAML spec file gives the same script as the same options")
    func fromSpecFile() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("train.yml")
        try """
            cluster: saga
            partition: accel
            gpus: 1
            account: nn1234k
            time: "1:00:00"
            mem_per_cpu: 8G
            job_name: train-classifier
            modules: [PyTorch/2.1.2-foss-2023a-CUDA-12.1.1]
            container: $USERWORK/images/pytorch.sif
            command: python train.py
            """.write(to: spec, atomically: true, encoding: .utf8)
        let fromFile = try ProcessOutput.docgen(["jobscript", "--spec", spec.path])
        let fromOptions = try ProcessOutput.docgen(Self.sagaGPU + ["python", "train.py"])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout == fromOptions.stdout)
    }

    @Test("spec problems are errors at the spec file's lines, with exit status 1 and no script")
    func invalidSpecFile() throws {
        let folder = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("job.yml")
        try "cluster: saga\naccount: nn1234k\ntime: 2h\ngpu: 1\ncommand: ./app\n".write(to: spec, atomically: true, encoding: .utf8)
        let result = try ProcessOutput.docgen(["jobscript", "--spec", spec.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(spec.path):3:7: error[jobspec.invalid-value]: 'time': '2h' is not a Slurm time"), "\(result.stderr)")
        #expect(result.stderr.contains("\(spec.path):4:1: error[jobspec.unknown-key]: unknown job spec key 'gpu' (did you mean 'gpus'?)"))
        #expect(result.stderr.contains("docgen jobscript: 2 errors"))
    }

    @Test("invalid options are errors at their place on the command line", arguments: [
        (["--cluster", "fram"], "<command line>:1:11: error[jobspec.decommissioned-cluster]: Fram was shut down"),
        (["--cluster", "saga", "--time", "90min"], "<command line>:1:33: error[jobspec.invalid-value]: --time: '90min' is not a Slurm time"),
        (["--cluster", "sage"], "error[jobspec.unknown-cluster]: unknown cluster 'sage' (did you mean 'saga'?)"),
        (["--cluster", "lumi", "--partition", "small", "--account", "project_465000123", "--time", "10", "--scratch"], "error[jobspec.no-scratch]"),
    ])
    func invalidOptions(_ options: [String], _ expected: String) throws {
        var arguments = ["jobscript"] + options
        if !options.contains("--account") { arguments += ["--account", "nn1234k"] }
        if !options.contains("--time") { arguments += ["--time", "1:00:00"] }
        let result = try ProcessOutput.docgen(arguments + ["--", "./app"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test("a script with lint errors is printed, its errors are reported at its lines, and the exit status is 1")
    func lintErrors() throws {
        let result = try ProcessOutput.docgen([
            "jobscript", "--cluster", "saga", "--account", "nn1234k", "--time", "8-00:00:00", "--mem-per-cpu", "2G", "--", "./app",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("#SBATCH --time=8-00:00:00\n"))
        #expect(result.stderr.contains("job.sh:6:9: error[TIM003]: --time=8-00:00:00 (8 days) exceeds the 7-00:00:00 maximum"), "\(result.stderr)")
    }

    @Test("usage errors exit with status 2", arguments: [
        ["jobscript"],
        ["jobscript", "--spec", "job.yml", "--cluster", "saga"],
        ["jobscript", "--spec", "/nonexistent/job.yml"],
        ["jobscript", "--cluster", "saga", "--container-runtime", "singularity", "--", "./app"],
    ])
    func usage(_ arguments: [String]) throws {
        let result = try ProcessOutput.docgen(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }
}
