import Foundation
import Synchronization

/// Prints how long each phase of a build took, to stderr, when `DOCGEN_TRACE_PHASES` is set: the
/// cheap first look before reaching for a profiler.
final class PhaseTracer: Sendable {
    private let enabled: Bool
    private let last = Mutex(ContinuousClock.now)

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Prints the time since the previous mark, labelled with the phase that just ended.
    func mark(_ phase: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let elapsed = last.withLock { start in
            defer { start = now }
            return now - start
        }
        let milliseconds = elapsed.inSeconds * 1000
        let memory = Self.memory().map { ", resident \($0.current / 1024) MiB, peak \($0.peak / 1024) MiB" } ?? ""
        FileHandle.standardError.write(Data("docgen: phase \(phase): \(String(format: "%.1f", milliseconds)) ms\(memory)\n".utf8))
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
