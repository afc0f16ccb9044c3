import Foundation
import Synchronization

/// Prints how long each phase of a build took, to stderr, when `DOCGEN_TRACE_PHASES` is set: the
/// cheap first look before reaching for a profiler.
final class PhaseTracer: Sendable {
    private let enabled: Bool
    private let last = Mutex((wall: ContinuousClock.now, cpu: PhaseTracer.processorTime()))

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Prints the time since the previous mark, labelled with the phase that just ended.
    func mark(_ phase: String) {
        guard enabled else { return }
        let now = (wall: ContinuousClock.now, cpu: Self.processorTime())
        let start = last.withLock { start in
            defer { start = now }
            return start
        }
        let milliseconds = (now.wall - start.wall).inSeconds * 1000
        // CPU time over wall time says whether a phase kept the cores busy or waited (on the parse lock, on bash).
        let cpu = ((now.cpu - start.cpu) * 1000).rounded()
        let cores = milliseconds > 0 ? String(format: "%.2f", cpu / milliseconds) : "-"
        let memory = Self.memory().map { ", resident \($0.current / 1024) MiB, peak \($0.peak / 1024) MiB" } ?? ""
        FileHandle.standardError.write(Data("docgen: phase \(phase): \(String(format: "%.1f", milliseconds)) ms, CPU \(Int(cpu)) ms (\(cores) cores)\(memory)\n".utf8))
    }

    /// User plus system time of this process so far, in seconds (children not included).
    private static func processorTime() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }

    /// The process's resident and peak resident memory in KiB (VmRSS and VmHWM), where /proc has them:
    /// the peak is what `/usr/bin/time` reports, so the phase that raises it shows.
    private static func memory() -> (current: Int, peak: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        func kibibytes(_ field: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
            return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
        }
        guard let current = kibibytes("VmRSS"), let peak = kibibytes("VmHWM") else { return nil }
        return (current, peak)
    }
}
