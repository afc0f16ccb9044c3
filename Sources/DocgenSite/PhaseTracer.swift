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
        FileHandle.standardError.write(Data("docgen: phase \(phase): \(String(format: "%.1f", milliseconds)) ms\n".utf8))
    }
}
