public import AzureEventGrid

/// A topic or domain served by ``EventGridEmulator``: its name, input schema and access keys.
public struct EmulatorTopic: Sendable, Hashable {
    /// The topic's name; it also names the path `/topics/<name>/api/events`.
    public var name: String
    /// The input schema the topic accepts.
    public var schema: EventGridSchema
    /// The access keys (base64, as the portal shows them). Any of them authorizes a request
    /// and signs a SAS token; two keys let tests rotate from one to the other.
    public var keys: [String]
    /// Whether this is a domain: events must then name a domain topic (`topic` for the Event
    /// Grid schema, `source` for CloudEvents).
    public var isDomain: Bool

    /// Creates a topic.
    /// - Parameters:
    ///   - name: The name (letters, digits and `-`).
    ///   - schema: The input schema.
    ///   - keys: The access keys.
    ///   - isDomain: Whether it is a domain.
    public init(name: String, schema: EventGridSchema, keys: [String], isDomain: Bool = false) {
        self.name = name
        self.schema = schema
        self.keys = keys
        self.isDomain = isDomain
    }

    /// Parses the command line form `NAME:SCHEMA:KEY[,KEY2]` (schema `eventgrid`,
    /// `cloudevents` or `custom`).
    /// - Parameters:
    ///   - text: The text.
    ///   - isDomain: Whether it declares a domain.
    /// - Returns: The topic.
    /// - Throws: ``EmulatorConfigurationError`` naming what is wrong.
    public static func parse(_ text: String, isDomain: Bool = false) throws -> EmulatorTopic {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw EmulatorConfigurationError("'\(text)' is not NAME:SCHEMA:KEY")
        }
        guard let schema = EventGridSchema(rawValue: parts[1].lowercased()) else {
            throw EmulatorConfigurationError(
                "'\(text)': schema must be eventgrid, cloudevents or custom (got '\(parts[1])')"
            )
        }
        let keys = parts[2].split(separator: ",").map(String.init)
        let topic = EmulatorTopic(name: parts[0], schema: schema, keys: keys, isDomain: isDomain)
        try topic.check()
        return topic
    }

    /// Checks the name and keys.
    /// - Throws: ``EmulatorConfigurationError`` naming what is wrong.
    func check() throws {
        guard Self.isValidName(name) else {
            throw EmulatorConfigurationError(
                "topic name '\(name)' must be 3–50 letters, digits or '-'"
            )
        }
        guard !keys.isEmpty, keys.allSatisfy({ !$0.isEmpty }) else {
            throw EmulatorConfigurationError("topic '\(name)' needs at least one non-empty key")
        }
    }

    /// Whether `name` is a valid topic, domain or domain-topic name: 3–50 ASCII letters,
    /// digits or hyphens.
    static func isValidName(_ name: String) -> Bool {
        (3...50).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-")
            }
    }
}

/// A configuration the emulator refuses: a bad topic name, schema or key, or a repeated name.
public struct EmulatorConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String

    /// Creates an error.
    /// - Parameter message: What is wrong.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
