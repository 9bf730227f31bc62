/// A fault the emulator injects into the next requests, for retry and timeout tests.
///
/// Faults apply to publish requests that reached a topic (a known path); they are used up in
/// the order they were injected, topic faults before global ones. While a topic's first fault
/// is still letting requests through (``after``), global faults do not apply to that topic.
public struct EmulatorFault: Sendable, Hashable {
    /// What happens to a request the fault hits.
    public enum Action: Sendable, Hashable {
        /// Answer with `status` and a service-like error body, without accepting the events;
        /// `retryAfter` sets `Retry-After` (seconds), `retryAfterMilliseconds` `retry-after-ms`.
        case fail(status: Int, retryAfter: Int?, retryAfterMilliseconds: Int?)
        /// Wait, then handle the request as usual.
        case delay(Duration)
        /// Close the connection without answering (the events are not accepted).
        case dropConnection
    }

    /// What the fault does.
    public var action: Action
    /// How many requests it hits.
    public var count: Int
    /// How many requests it lets through untouched before it starts hitting (0 by default), so
    /// a test can fail, say, the second request of a split send.
    public var after: Int

    /// Creates a fault.
    /// - Parameters:
    ///   - action: What it does.
    ///   - count: How many requests it hits (at least 1).
    ///   - after: How many requests pass untouched first.
    public init(action: Action, count: Int = 1, after: Int = 0) {
        self.action = action
        self.count = max(1, count)
        self.after = max(0, after)
    }

    /// Fail the next `count` requests with `status` (429, 500, 503 …).
    /// - Parameters:
    ///   - status: The status code.
    ///   - count: How many requests.
    ///   - retryAfter: `Retry-After` in seconds, if any.
    ///   - retryAfterMilliseconds: `retry-after-ms`, if any.
    ///   - after: How many requests pass untouched first.
    /// - Returns: The fault.
    public static func fail(
        status: Int,
        count: Int = 1,
        retryAfter: Int? = nil,
        retryAfterMilliseconds: Int? = nil,
        after: Int = 0
    ) -> EmulatorFault {
        EmulatorFault(
            action: .fail(status: status, retryAfter: retryAfter, retryAfterMilliseconds: retryAfterMilliseconds),
            count: count,
            after: after
        )
    }

    /// Delay the next `count` responses.
    /// - Parameters:
    ///   - duration: How long.
    ///   - count: How many requests.
    /// - Returns: The fault.
    public static func delay(_ duration: Duration, count: Int = 1) -> EmulatorFault {
        EmulatorFault(action: .delay(duration), count: count)
    }

    /// Drop the connection of the next `count` requests without answering.
    /// - Parameter count: How many requests.
    /// - Returns: The fault.
    public static func dropConnection(count: Int = 1) -> EmulatorFault {
        EmulatorFault(action: .dropConnection, count: count)
    }
}
