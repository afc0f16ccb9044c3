/// Runs `docgen serve`'s background work one job at a time on a low-priority thread, and only the
/// newest of the jobs that queued up meanwhile: after three quick saves the search index is rebuilt
/// once for the last one, not three times side by side.
actor BackgroundQueue {
    private var pending: (@Sendable () -> Void)?
    private var running = false

    /// Queues `work` in place of any job still waiting, and runs it once the current one is done.
    func run(_ work: @escaping @Sendable () -> Void) async {
        pending = work
        guard !running else { return }
        running = true
        while let next = pending {
            pending = nil
            await LowPriorityThread.run(next)
        }
        running = false
    }
}
