import Synchronization

/// Collects diagnostics from every stage and page, safely from many tasks at once.
public final class DiagnosticEngine: Sendable {
    private let storage = Mutex<[Diagnostic]>([])

    /// Creates an empty engine.
    public init() {}

    /// Records one diagnostic.
    public func emit(_ diagnostic: Diagnostic) {
        storage.withLock { $0.append(diagnostic) }
    }

    /// Records several diagnostics.
    public func emit(contentsOf diagnostics: some Sequence<Diagnostic>) {
        let batch = Array(diagnostics)
        guard !batch.isEmpty else { return }
        storage.withLock { $0.append(contentsOf: batch) }
    }

    /// Every diagnostic so far, sorted by file, line, column and id so parallel runs report alike.
    public var diagnostics: [Diagnostic] {
        storage.withLock { $0 }.sorted(by: Diagnostic.isReported(_:before:))
    }

    /// Whether any error was recorded.
    public var hasErrors: Bool {
        storage.withLock { $0.contains { $0.severity == .error } }
    }
}
