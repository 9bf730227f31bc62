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
        // Each attribute first writes the extensions that sort before it.
        func attribute(_ name: String, _ value: (inout JSONWriter) -> Void) {
            Self.write(&extensions, before: name, to: &writer)
            writer.key(name)
            value(&writer)
        }
        if let data { attribute("data") { $0.write(data) } }
        if let dataBase64 { attribute("data_base64") { $0.write(base64: dataBase64) } }
        if let datacontenttype { attribute("datacontenttype") { $0.write(datacontenttype) } }
        if let dataschema { attribute("dataschema") { $0.write(dataschema) } }
        attribute("id") { $0.write(id) }
        attribute("source") { $0.write(source) }
        attribute("specversion") { $0.write(specversion) }
        if let subject { attribute("subject") { $0.write(subject) } }
        if let time { attribute("time") { $0.write(time) } }
        attribute("type") { $0.write(type) }
        Self.write(&extensions, before: nil, to: &writer)
        writer.endObject()
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
