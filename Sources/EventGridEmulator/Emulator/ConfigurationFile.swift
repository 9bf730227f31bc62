import AzureCore
import AzureEventGrid
public import Foundation

extension EventGridEmulator.Configuration {
    /// Reads a configuration file (JSON):
    ///
    /// ```json
    /// {
    ///   "port": 0,
    ///   "bearerTokens": ["test-token"],
    ///   "topics": [
    ///     { "name": "orders", "schema": "eventgrid", "keys": ["a2V5"] },
    ///     { "name": "shop", "schema": "cloudevents", "keys": ["a2V5"], "domain": true }
    ///   ],
    ///   "subscriptions": [
    ///     { "topic": "orders", "name": "audit", "endpoint": "http://127.0.0.1:9000/hook" }
    ///   ]
    /// }
    /// ```
    ///
    /// Only `topics` is required; `schema` is `eventgrid`, `cloudevents` or `custom`.
    /// - Parameter data: The file's bytes.
    /// - Throws: ``EmulatorConfigurationError`` naming what is wrong.
    public init(json data: Data) throws {
        let root: JSONValue
        do {
            root = try JSONValue(parsing: data)
        } catch {
            throw EmulatorConfigurationError("the configuration is not valid JSON")
        }
        guard let members = root.objectValue else {
            throw EmulatorConfigurationError("the configuration must be a JSON object with \"topics\"")
        }
        let known: Set<String> = ["port", "bearerTokens", "topics", "subscriptions"]
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw EmulatorConfigurationError("unknown configuration member '\(unknown)'")
        }
        var port: UInt16 = 0
        if let value = members["port"] {
            guard case .int(let number) = value, let parsed = UInt16(exactly: number) else {
                throw EmulatorConfigurationError("\"port\" must be a number 0–65535")
            }
            port = parsed
        }
        var tokens: Set<String> = []
        if let value = members["bearerTokens"] {
            guard let list = value.arrayValue?.compactMap(\.stringValue), list.count == value.arrayValue?.count else {
                throw EmulatorConfigurationError("\"bearerTokens\" must be an array of strings")
            }
            tokens = Set(list)
        }
        guard let topicValues = members["topics"]?.arrayValue else {
            throw EmulatorConfigurationError("\"topics\" must be an array of topics")
        }
        let topics = try topicValues.enumerated().map { index, value in
            try Self.topic(value, index: index)
        }
        var subscriptions: [EmulatorSubscription] = []
        if let value = members["subscriptions"] {
            guard let list = value.arrayValue else {
                throw EmulatorConfigurationError("\"subscriptions\" must be an array")
            }
            subscriptions = try list.enumerated().map { index, item in
                guard let topic = item["topic"]?.stringValue, let name = item["name"]?.stringValue,
                    let text = item["endpoint"]?.stringValue, let endpoint = URL(string: text),
                    let scheme = endpoint.scheme?.lowercased(), scheme == "http" || scheme == "https"
                else {
                    throw EmulatorConfigurationError(
                        "subscriptions[\(index)] needs \"topic\", \"name\" and an http(s) \"endpoint\""
                    )
                }
                return EmulatorSubscription(topic: topic, name: name, endpoint: endpoint)
            }
        }
        self.init(topics: topics, port: port, bearerTokens: tokens, subscriptions: subscriptions)
    }

    private static func topic(_ value: JSONValue, index: Int) throws -> EmulatorTopic {
        guard let members = value.objectValue else {
            throw EmulatorConfigurationError("topics[\(index)] must be an object")
        }
        guard let name = members["name"]?.stringValue else {
            throw EmulatorConfigurationError("topics[\(index)] needs a \"name\"")
        }
        guard let schemaText = members["schema"]?.stringValue,
            let schema = EventGridSchema(rawValue: schemaText.lowercased())
        else {
            throw EmulatorConfigurationError(
                "topics[\(index)] (\(name)): \"schema\" must be eventgrid, cloudevents or custom")
        }
        guard let keyValues = members["keys"]?.arrayValue else {
            throw EmulatorConfigurationError("topics[\(index)] (\(name)): \"keys\" must be an array of strings")
        }
        let keys = keyValues.compactMap(\.stringValue)
        guard keys.count == keyValues.count else {
            throw EmulatorConfigurationError("topics[\(index)] (\(name)): \"keys\" must be an array of strings")
        }
        var isDomain = false
        if let domain = members["domain"] {
            guard case .bool(let flag) = domain else {
                throw EmulatorConfigurationError("topics[\(index)] (\(name)): \"domain\" must be true or false")
            }
            isDomain = flag
        }
        let topic = EmulatorTopic(name: name, schema: schema, keys: keys, isDomain: isDomain)
        try topic.check()
        return topic
    }
}
