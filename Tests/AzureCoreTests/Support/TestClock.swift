import AzureCore
import Foundation
import Synchronization

/// A retry clock that records sleeps and never sleeps. With `suspends`, each sleep waits until
/// its task is cancelled instead, and `sleepStarted` reports it.
final class TestClock: RetryClock, Sendable {
    private struct State: Sendable {
        var sleeps: [Duration] = []
        var cancelled = false
        var waiter: CheckedContinuation<Void, any Error>?
    }

    private let state = Mutex(State())
    private let fixedNow: Date
    private let suspends: Bool
    let sleepStarted: AsyncStream<Void>
    private let sleepStartedContinuation: AsyncStream<Void>.Continuation

    init(now: Date = Date(timeIntervalSince1970: 1_700_000_000), suspends: Bool = false) {
        fixedNow = now
        self.suspends = suspends
        (sleepStarted, sleepStartedContinuation) = AsyncStream<Void>.makeStream()
    }

    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func now() -> Date { fixedNow }

    func sleep(for duration: Duration) async throws {
        state.withLock { $0.sleeps.append(duration) }
        guard suspends else {
            try Task.checkCancellation()
            return
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let alreadyCancelled = state.withLock { state in
                    if state.cancelled { return true }
                    state.waiter = continuation
                    return false
                }
                if alreadyCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    sleepStartedContinuation.yield()
                }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.cancelled = true
                let waiter = state.waiter
                state.waiter = nil
                return waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }
}
