public import AzureCore
public import Foundation

/// Answers the two handshakes Event Grid uses to check that a webhook wants its events.
public enum SubscriptionValidation {
    /// The event type of the Event Grid schema handshake.
    public static let validationEventType = "Microsoft.EventGrid.SubscriptionValidationEvent"

    /// The Event Grid schema handshake: when `events` hold a subscription validation event,
    /// the body to answer with (status 200): `{"validationResponse":"<validationCode>"}`.
    /// - Parameter events: The delivered events.
    /// - Returns: The response body, or `nil` when no validation event is among them.
    /// - Throws: ``/AzureCore/AzureError`` of kind serialization when the validation event has no
    ///   `validationCode`.
    public static func response(for events: [ReceivedEvent]) throws -> Data? {
        for event in events where event.eventType.caseInsensitiveCompare(validationEventType) == .orderedSame {
            guard let code = event.data?["validationCode"]?.stringValue else {
                throw AzureError(
                    kind: .serialization, message: "the subscription validation event has no validationCode")
            }
            return try JSONCoding.makeEncoder().encode(["validationResponse": code])
        }
        return nil
    }

    /// The CloudEvents abuse-protection handshake (an HTTP `OPTIONS` request carrying
    /// `WebHook-Request-Origin`): the headers to answer with, granting delivery from that origin.
    /// - Parameters:
    ///   - requestHeaders: The request's headers (names compared case-insensitively).
    ///   - allowedOrigins: The origins to grant; `nil` grants any origin that asks.
    ///   - allowedRate: The `WebHook-Allowed-Rate` to grant (requests per minute), or `nil` for `*`.
    /// - Returns: The response headers (answer 200 with them), or `nil` when the request is not
    ///   a handshake or its origin is not allowed (answer 403 or 405 then).
    public static func cloudEventsOptionsResponse(
        requestHeaders: HTTPHeaders,
        allowedOrigins: Set<String>? = nil,
        allowedRate: Int? = nil
    ) -> HTTPHeaders? {
        guard let origin = requestHeaders["WebHook-Request-Origin"]?.trimmingCharacters(in: .whitespaces),
            !origin.isEmpty
        else { return nil }
        if let allowedOrigins, !allowedOrigins.contains(where: { $0.caseInsensitiveCompare(origin) == .orderedSame }) {
            return nil
        }
        var headers = HTTPHeaders()
        headers["WebHook-Allowed-Origin"] = origin
        headers["WebHook-Allowed-Rate"] = allowedRate.map(String.init) ?? "*"
        headers["Allow"] = "POST, OPTIONS"
        return headers
    }
}
