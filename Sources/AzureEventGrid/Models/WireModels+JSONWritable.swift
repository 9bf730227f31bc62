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
    /// as top-level members, except those named like a modelled member, all in sorted order
    /// (the modelled members are written in theirs, the extensions merged in between).
    /// - Parameter writer: The writer to append to.
    package func writeJSON(to writer: inout JSONWriter) {
        var extensions: ArraySlice<(key: String, value: JSONValue)> = []
        if !additionalProperties.isEmpty {
            extensions =
                additionalProperties.filter { !Self.contextAttributeNames.contains($0.key) }
                .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }[...]
        }
        writer.beginObject()
        // Each attribute's name is written after the extensions that sort before it.
        if let data {
            Self.key("data", after: &extensions, to: &writer)
            writer.write(data)
        }
        if let dataBase64 {
            Self.key("data_base64", after: &extensions, to: &writer)
            writer.write(base64: dataBase64)
        }
        if let datacontenttype {
            Self.key("datacontenttype", after: &extensions, to: &writer)
            writer.write(datacontenttype)
        }
        if let dataschema {
            Self.key("dataschema", after: &extensions, to: &writer)
            writer.write(dataschema)
        }
        Self.key("id", after: &extensions, to: &writer)
        writer.write(id)
        Self.key("source", after: &extensions, to: &writer)
        writer.write(source)
        Self.key("specversion", after: &extensions, to: &writer)
        writer.write(specversion)
        if let subject {
            Self.key("subject", after: &extensions, to: &writer)
            writer.write(subject)
        }
        if let time {
            Self.key("time", after: &extensions, to: &writer)
            writer.write(time)
        }
        Self.key("type", after: &extensions, to: &writer)
        writer.write(type)
        Self.write(&extensions, before: nil, to: &writer)
        writer.endObject()
    }

    /// Writes the extensions that sort before `name`, then `name` as a member name.
    private static func key(
        _ name: String, after extensions: inout ArraySlice<(key: String, value: JSONValue)>,
        to writer: inout JSONWriter
    ) {
        write(&extensions, before: name, to: &writer)
        writer.key(name)
    }

    /// Writes the sorted extensions that come before `name` (all of them for `nil`), and drops
    /// them from `extensions`.
    private static func write(
        _ extensions: inout ArraySlice<(key: String, value: JSONValue)>, before name: String?,
        to writer: inout JSONWriter
    ) {
        while let first = extensions.first,
            name.map({ Array(first.key.utf8).lexicographicallyPrecedes(Array($0.utf8)) }) ?? true
        {
            writer.key(first.key)
            writer.write(first.value)
            extensions.removeFirst()
        }
    }
}
