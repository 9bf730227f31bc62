package import AzureCore
package import EventGridGenerated

// The fast path for request bodies: the wire models write themselves straight into bytes.
// Member names and order of presence follow the generated `CodingKeys`; the tests compare this
// output with the generated `Encodable` conformance for every shape of event.

extension EventGridEventModel: JSONWritable {
    /// Writes the event as the generated `Encodable` conformance would (sorted keys).
    /// - Parameter writer: The writer to append to.
    package func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("data")
        writer.write(data)
        writer.key("dataVersion")
        writer.write(dataVersion)
        writer.key("eventTime")
        writer.write(eventTime)
        writer.key("eventType")
        writer.write(eventType)
        writer.key("id")
        writer.write(id)
        if let metadataVersion {
            writer.key("metadataVersion")
            writer.write(metadataVersion)
        }
        writer.key("subject")
        writer.write(subject)
        if let topic {
            writer.key("topic")
            writer.write(topic)
        }
        writer.endObject()
    }
}

extension CloudEventEventModel: JSONWritable {
    /// The wire names of the modelled members; an extension of one of these names is not written.
    private static let contextAttributeNames: Set<String> = [
        "id", "source", "data", "data_base64", "type", "time", "specversion", "dataschema", "datacontenttype",
        "subject",
    ]

    /// Writes the event as the generated `Encodable` conformance would: extension attributes
    /// as top-level members, except those named like a modelled member.
    /// - Parameter writer: The writer to append to.
    package func writeJSON(to writer: inout JSONWriter) {
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(10 + additionalProperties.count)
        func add(_ name: String, _ value: JSONValue?) {
            if let value { members.append((name, value)) }
        }
        add("id", .string(id))
        add("source", .string(source))
        add("data", data)
        add("data_base64", dataBase64.map { .string($0.base64EncodedString()) })
        add("type", .string(type))
        add("time", time.map { .string(RFC3339.string(from: $0)) })
        add("specversion", .string(specversion))
        add("dataschema", dataschema.map(JSONValue.string))
        add("datacontenttype", datacontenttype.map(JSONValue.string))
        add("subject", subject.map(JSONValue.string))
        for (name, value) in additionalProperties where !Self.contextAttributeNames.contains(name) {
            members.append((name, value))
        }
        members.sort { $0.0 < $1.0 }
        writer.beginObject()
        for (name, value) in members {
            writer.key(name)
            writer.write(value)
        }
        writer.endObject()
    }
}
