import DocgenCore
import Synchronization

/// The diagnostics `docgen serve` has printed, so each rebuild prints only those it has not.
final class PrintedDiagnostics: Sendable {
    private let printed = Mutex<Set<Diagnostic>>([])

    /// The diagnostics of `current` that the last rebuild did not have, in order; remembers `current`.
    func new(in current: [Diagnostic]) -> [Diagnostic] {
        printed.withLock { printed in
            let fresh = current.filter { !printed.contains($0) }
            printed = Set(current)
            return fresh
        }
    }
}
