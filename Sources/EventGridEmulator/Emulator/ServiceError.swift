import Foundation

/// An error answer in the service's shape:
/// `{"error":{"code":…,"message":…,"details":[{"code":…,"message":…}]}}`, where the message
/// ends with the service's "Report '<id>:<time> (UTC)' …" sentence.
struct ServiceError: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    var detailCode: String?
    var headers: [(name: String, value: String)] = []

    static func badRequest(_ message: String, detail: String = "InputJsonInvalid") -> ServiceError {
        ServiceError(status: 400, code: "BadRequest", message: message, detailCode: detail)
    }

    /// The service's 401 message: "The request authorization key is not authorized for HOST.
    /// This is due to the reason: REASON".
    static func unauthorized(host: String, reason: String) -> ServiceError {
        ServiceError(
            status: 401,
            code: "Unauthorized",
            message: "The request authorization key is not authorized for \(host.uppercased()). "
                + "This is due to the reason: \(reason)",
            detailCode: nil
        )
    }

    static func notFound(url: String) -> ServiceError {
        ServiceError(
            status: 404,
            code: "NotFound",
            message: "No HTTP resource was found that matches the request URI '\(url)'.",
            detailCode: "ResourceNotFound"
        )
    }

    static func payloadTooLarge(limit: Int) -> ServiceError {
        ServiceError(
            status: 413,
            code: "RequestEntityTooLarge",
            message: "The maximum size (\(limit)) has been exceeded.",
            detailCode: "RequestEntityTooLarge"
        )
    }

    /// The JSON body, the report sentence appended to the message.
    func body(requestID: String, at date: Date) -> Data {
        let full =
            "\(message) Report '\(requestID):\(Self.serviceTime(date)) (UTC)' to our forums for "
            + "assistance or raise a support ticket."
        var error: [String: Any] = ["code": code, "message": full]
        if let detailCode {
            error["details"] = [["code": detailCode, "message": full]]
        } else {
            error["details"] = [[String: String]]()
        }
        let data = try? JSONSerialization.data(
            withJSONObject: ["error": error], options: [.sortedKeys, .withoutEscapingSlashes])
        return data ?? Data(#"{"error":{"code":"InternalServerError","message":"encoding failed"}}"#.utf8)
    }

    /// `M/d/yyyy h:mm:ss AM|PM` in UTC, as the service writes times in messages.
    static func serviceTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let hour24 = parts.hour ?? 0
        let hour12 = hour24 % 12 == 0 ? 12 : hour24 % 12
        let minute = parts.minute ?? 0
        let second = parts.second ?? 0
        return "\(parts.month ?? 1)/\(parts.day ?? 1)/\(parts.year ?? 1970) \(hour12):"
            + (minute < 10 ? "0" : "") + "\(minute):" + (second < 10 ? "0" : "") + "\(second) "
            + (hour24 < 12 ? "AM" : "PM")
    }
}
