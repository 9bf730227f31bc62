public import Foundation

/// The clock ``RetryPolicy`` reads and waits on; tests inject one that never sleeps.
public protocol RetryClock: Sendable {
    /// The current wall-clock time, for `Retry-After` dates.
    /// - Returns: Now.
    func now() -> Date

    /// Waits for a while.
    /// - Parameter duration: How long to wait.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func sleep(for duration: Duration) async throws
}

/// The real clock: `Date()` and `Task.sleep`.
public struct SystemRetryClock: RetryClock {
    /// Creates the clock.
    public init() {}

    /// The current time.
    /// - Returns: `Date()`.
    public func now() -> Date {
        Date()
    }

    /// Sleeps with `Task.sleep`.
    /// - Parameter duration: How long to wait.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
