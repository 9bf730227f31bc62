import AzureCore
import AzureEventGrid
import Foundation

/// Checks a publish body against a topic's schema, with the service's messages.
enum EmulatorValidation {
    /// Parses and checks `body`; returns the events, or the error to answer.
    /// - Parameters:
    ///   - body: The request body.
    ///   - contentType: The `Content-Type` header, if any.
    ///   - topic: The topic.
    /// - Returns: The events, or the service error to answer with.
    static func validate(_ body: Data, contentType: String?, topic: EmulatorTopic) -> Result<[JSONValue], ServiceError>
    {
        if topic.schema == .cloudEvents {
            let mediaType =
                (contentType ?? "").split(separator: ";").first.map {
                    $0.trimmingCharacters(in: .whitespaces).lowercased()
                } ?? ""
            guard mediaType == "application/cloudevents-batch+json" || mediaType == "application/json" else {
                return .failure(
                    .badRequest(
                        "The Content-Type '\(contentType ?? "")' is not supported for a CloudEvents topic; "
                            + "use application/cloudevents-batch+json.",
                        detail: "InvalidContentType"
                    )
                )
            }
        }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: body)
        } catch {
            return .failure(.badRequest("The request body is not valid JSON."))
        }
        guard let events = json.arrayValue else {
            return .failure(.badRequest("The request body must be a JSON array of events, not a single event."))
        }
        guard !events.isEmpty else {
            return .failure(.badRequest("The request body contains no events."))
        }
        for (index, event) in events.enumerated() {
            guard let members = event.objectValue else {
                return .failure(.badRequest("Event \(index) is not a JSON object."))
            }
            let problem: String?
            switch topic.schema {
            case .eventGrid: problem = checkEventGrid(members, topic: topic)
            case .cloudEvents: problem = checkCloudEvent(members, topic: topic)
            case .custom: problem = nil
            }
            if let problem {
                return .failure(.badRequest(problem))
            }
        }
        return .success(events)
    }

    private static func checkEventGrid(_ event: [String: JSONValue], topic: EmulatorTopic) -> String? {
        for name in ["id", "subject", "eventType", "eventTime", "dataVersion"] {
            guard let value = event[name], value != .null else { return "Required property '\(name)' was not set." }
            guard let text = value.stringValue else { return "Property '\(name)' must be a string." }
            if name != "dataVersion", text.isEmpty { return "Required property '\(name)' was not set." }
        }
        guard event["data"] != nil else { return "Required property 'data' was not set." }
        if let time = event["eventTime"]?.stringValue, RFC3339.date(from: time) == nil {
            return "Property 'eventTime' has an invalid value '\(time)': it must be an RFC 3339 date-time."
        }
        if topic.isDomain {
            guard let value = event["topic"], value != .null else { return "Required property 'topic' was not set." }
            return checkDomainTopic(value.stringValue, attribute: "topic")
        }
        if let value = event["topic"], value != .null, value.stringValue == nil {
            return "Property 'topic' must be a string."
        }
        return nil
    }

    private static func checkCloudEvent(_ event: [String: JSONValue], topic: EmulatorTopic) -> String? {
        for name in ["id", "source", "type", "specversion"] {
            guard let value = event[name], value != .null, let text = value.stringValue, !text.isEmpty else {
                return "Required property '\(name)' was not set."
            }
        }
        if let version = event["specversion"]?.stringValue, version != "1.0" {
            return "Property 'specversion' has an unsupported value '\(version)'; only '1.0' is supported."
        }
        if let data = event["data"], data != .null, let binary = event["data_base64"], binary != .null {
            return "The event has both 'data' and 'data_base64'; only one of them may be set."
        }
        if let binary = event["data_base64"], binary != .null {
            guard let text = binary.stringValue, Data(base64Encoded: text) != nil else {
                return "Property 'data_base64' must be a base64 string."
            }
        }
        if topic.isDomain {
            return checkDomainTopic(event["source"]?.stringValue, attribute: "source")
        }
        return nil
    }

    /// A domain topic is named by its name, or by a full resource id ending in
    /// `/topics/<name>`; anything else (an absolute URI, a bad name) is refused.
    private static func checkDomainTopic(_ value: String?, attribute: String) -> String? {
        let message =
            "Required property '\(attribute == "topic" ? "topic" : "source")' needs to either be a full resource id "
            + "or should be just the name of the domain topic."
        guard let value, !value.isEmpty else { return message }
        if value.hasPrefix("/subscriptions/") {
            let parts = value.split(separator: "/")
            guard parts.count >= 2, parts[parts.count - 2].lowercased() == "topics",
                EmulatorTopic.isValidName(String(parts[parts.count - 1]))
            else { return message }
            return nil
        }
        return EmulatorTopic.isValidName(value) ? nil : message
    }
}
