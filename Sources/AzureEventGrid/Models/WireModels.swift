import AzureCore
import EventGridGenerated
import Foundation

extension EventGridEvent {
    /// The generated wire model of this event.
    var wireModel: EventGridEventModel {
        EventGridEventModel(
            id: id,
            topic: topic,
            subject: subject,
            data: data,
            eventType: eventType,
            eventTime: eventTime,
            metadataVersion: metadataVersion,
            dataVersion: dataVersion
        )
    }
}

extension CloudEvent {
    /// The generated wire model of this event.
    var wireModel: CloudEventEventModel {
        var json: JSONValue?
        var binary: Foundation.Data?
        switch data {
        case .json(let value): json = value
        case .binary(let bytes): binary = bytes
        case nil: break
        }
        return CloudEventEventModel(
            id: id,
            source: source,
            data: json,
            dataBase64: binary,
            type: type,
            time: time,
            specversion: specVersion,
            dataschema: dataSchema,
            datacontenttype: dataContentType,
            subject: subject,
            additionalProperties: extensions
        )
    }
}
