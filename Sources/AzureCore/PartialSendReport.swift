/// What happened to each event of a send that was split into several requests and did not
/// fully succeed. Requests go out in order and the send stops at the first failed request, so
/// the three ranges are consecutive and together cover every event the caller gave.
public struct PartialSendReport: Sendable, Hashable {
    /// Indices (into the caller's array) of the events the service accepted.
    public var acceptedEventIndices: Range<Int>
    /// Indices of the events in the request that failed.
    public var failedEventIndices: Range<Int>
    /// Indices of the events after the failed request, which were never sent.
    public var unsentEventIndices: Range<Int>
    /// How many requests the send was split into.
    public var requestCount: Int
    /// How many of them the service accepted.
    public var acceptedRequestCount: Int

    /// Creates a report.
    /// - Parameters:
    ///   - acceptedEventIndices: The accepted events.
    ///   - failedEventIndices: The events of the failed request.
    ///   - unsentEventIndices: The events never sent.
    ///   - requestCount: The number of planned requests.
    ///   - acceptedRequestCount: The number of accepted requests.
    public init(
        acceptedEventIndices: Range<Int>,
        failedEventIndices: Range<Int>,
        unsentEventIndices: Range<Int>,
        requestCount: Int,
        acceptedRequestCount: Int
    ) {
        self.acceptedEventIndices = acceptedEventIndices
        self.failedEventIndices = failedEventIndices
        self.unsentEventIndices = unsentEventIndices
        self.requestCount = requestCount
        self.acceptedRequestCount = acceptedRequestCount
    }

    /// The indices of every event that was not accepted (failed and unsent).
    public var notAcceptedEventIndices: Range<Int> {
        failedEventIndices.lowerBound..<unsentEventIndices.upperBound
    }
}
