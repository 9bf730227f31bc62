import AzureCore
import Foundation

/// Splits a send into requests the service accepts, from the encoded size of each event.
struct SendPlanner {
    /// The largest encoded event the service accepts (1 MiB).
    static let maxEventBytes = 1_048_576
    /// The largest request body the service accepts; over it the service answers 413.
    static let maxRequestBytes = 1_536_000

    var maxEventBytes = SendPlanner.maxEventBytes
    var maxRequestBytes = SendPlanner.maxRequestBytes

    /// Plans the requests of a send.
    /// - Parameters:
    ///   - sizes: The encoded size of each event, in the caller's order.
    ///   - split: Whether the send may become several requests.
    ///   - describe: Names event `i` for error messages.
    /// - Returns: The index range of each request, in order.
    /// - Throws: ``AzureError`` of kind invalidInput for an empty send, an event over the event
    ///   limit, or (without `split`) a body over the request limit.
    func plan(sizes: [Int], split: Bool, describe: (Int) -> String) throws -> [Range<Int>] {
        guard !sizes.isEmpty else {
            throw AzureError.invalidInput("no events to send: the batch is empty")
        }
        for (index, size) in sizes.enumerated() where size > maxEventBytes {
            throw AzureError.invalidInput(
                "\(describe(index)) is \(size) bytes when encoded; one event may be at most \(maxEventBytes) bytes"
            )
        }
        guard split else {
            let total = Self.bodySize(sizes[...])
            guard total <= maxRequestBytes else {
                throw AzureError.invalidInput(
                    "the request would be \(total) bytes for \(sizes.count) events; the service accepts at most "
                        + "\(maxRequestBytes) bytes per request (send fewer events, or pass splitting: .automatic)"
                )
            }
            return [0..<sizes.count]
        }
        var ranges: [Range<Int>] = []
        var start = 0
        var bodyBytes = 2
        for (index, size) in sizes.enumerated() {
            let added = index == start ? size : size + 1
            if index > start, bodyBytes + added > maxRequestBytes {
                ranges.append(start..<index)
                start = index
                bodyBytes = 2 + size
            } else {
                bodyBytes += added
            }
        }
        ranges.append(start..<sizes.count)
        return ranges
    }

    /// The size of a JSON array body holding events of these sizes.
    /// - Parameter sizes: The encoded size of each event.
    /// - Returns: Brackets, events and commas.
    static func bodySize(_ sizes: ArraySlice<Int>) -> Int {
        2 + sizes.reduce(0, +) + max(sizes.count - 1, 0)
    }

    /// Sends planned requests in order, stopping at the first failure.
    /// - Parameters:
    ///   - ranges: The planned requests.
    ///   - send: Sends the events of one range.
    /// - Throws: The request's own error when the send was one request; otherwise an error of
    ///   kind partialFailure whose ``AzureError/partialSend`` says which events were accepted.
    static func run(_ ranges: [Range<Int>], send: (Range<Int>) async throws -> Void) async throws {
        for (number, range) in ranges.enumerated() {
            do {
                try await send(range)
            } catch {
                guard ranges.count > 1, let total = ranges.last?.upperBound else { throw error }
                let report = PartialSendReport(
                    acceptedEventIndices: 0..<range.lowerBound,
                    failedEventIndices: range,
                    unsentEventIndices: range.upperBound..<total,
                    requestCount: ranges.count,
                    acceptedRequestCount: number
                )
                let cause = (error as? AzureError)?.message ?? String(describing: error)
                throw AzureError(
                    kind: .partialFailure,
                    message: "request \(number + 1) of \(ranges.count) failed (\(cause)); events "
                        + "\(report.acceptedEventIndices) were accepted, events \(report.notAcceptedEventIndices) were not",
                    statusCode: (error as? AzureError)?.statusCode,
                    errorCode: (error as? AzureError)?.errorCode,
                    clientRequestID: (error as? AzureError)?.clientRequestID,
                    requestID: (error as? AzureError)?.requestID,
                    response: (error as? AzureError)?.response,
                    underlyingError: error,
                    partialSend: report
                )
            }
        }
    }
}
