import AzureCore
import AzureEventGrid
import EventGridSystemEvents
import Foundation
import SwaggerGenCore
import XCTest

/// Every event type decodes payloads written from the spec, and the real-world quirks.
final class SystemEventDecodingTests: XCTestCase {
    func encoded(_ model: any SystemEventModel) throws -> JSONValue {
        try JSONValue(encoding: model)
    }

    func test_everyEventType_decodesSpecPayload_andReencodesEveryKey() throws {
        XCTAssertEqual(SpecPayloads.events.count, 219)
        for object in SpecPayloads.events {
            let eventType = try XCTUnwrap(object.eventType)
            let payload = SpecPayloads.payload(object, style: .spec)
            let event = SystemEvent.decode(eventType: eventType, data: payload)
            guard let model = event.model else {
                XCTFail("\(eventType) decoded as \(event)")
                continue
            }
            XCTAssertEqual(type(of: model).eventType, eventType)
            XCTAssertEqual(String(describing: type(of: model)), object.swiftName)
            XCTAssertEqual(event.eventType, eventType)
            let problems = SpecPayloads.contains(try encoded(model), payload)
            XCTAssertEqual(problems, [], eventType)
        }
    }

    func test_everyEventType_numbersAndBooleansAsStrings_offsetlessDates_becomeTyped() throws {
        for object in SpecPayloads.events {
            let eventType = try XCTUnwrap(object.eventType)
            let quirky = SpecPayloads.payload(object, style: .quirky)
            let expected = SpecPayloads.payload(object, style: .exact)
            let model = try XCTUnwrap(SystemEvent.decode(eventType: eventType, data: quirky).model, eventType)
            XCTAssertEqual(SpecPayloads.contains(try encoded(model), expected), [], eventType)
        }
    }

    /// `Decodable` (here Foundation's `JSONDecoder` over text) reads every model exactly as the
    /// tree path `init?(tolerantJSON:)` that `SystemEvent.decode` uses, quirks included.
    func test_everyEventType_foundationDecoderAgreesWithTheTreePath() throws {
        for object in SpecPayloads.events {
            let eventType = try XCTUnwrap(object.eventType)
            let quirky = SpecPayloads.payload(object, style: .quirky)
            let modelType = try XCTUnwrap(SystemEvent.modelType(for: eventType), eventType)
            let text = try JSONCoding.makeEncoder().encode(quirky)
            let viaDecoder = try JSONDecoder().decode(modelType, from: text)
            let viaTree = try XCTUnwrap(SystemEvent.decode(eventType: eventType, data: quirky).model, eventType)
            XCTAssertEqual(try encoded(viaDecoder), try encoded(viaTree), eventType)
        }
        XCTAssertThrowsError(try JSONDecoder().decode(StorageBlobCreatedEventData.self, from: Data("[1]".utf8))) {
            error in
            guard case DecodingError.typeMismatch = error else { return XCTFail("\(error)") }
        }
    }

    /// A parsed event reads its typed data straight from the JSON text (no tree): for every
    /// event type and every payload style, with the members in reverse order and a repeated
    /// member, it gives what the tree path gives, and the tree is not read on the way.
    func test_everyEventType_textPathAgreesWithTheTreePath() throws {
        for object in SpecPayloads.events {
            let eventType = try XCTUnwrap(object.eventType)
            for style in [SpecPayloads.Style.spec, .quirky, .exact] {
                let payload = SpecPayloads.payload(object, style: style)
                let viaTree = SystemEvent.decode(eventType: eventType, data: payload)
                guard case .object(let members) = payload else { return XCTFail("\(eventType) payload") }
                // Members written last first, and the first one again with a value that loses
                // (a repeated name keeps its last value, as in a tree).
                var text = "{"
                let names = members.keys.sorted().reversed()
                if let first = names.first {
                    text += "\"\(first)\": {\"superseded\": true}, "
                }
                var written: [String] = []
                for name in names {
                    let value = try JSONCoding.makeEncoder().encode(members[name])
                    written.append("\"\(name)\" : " + String(decoding: value, as: UTF8.self))
                }
                text += written.joined(separator: " ,\n ") + "}"
                let envelope = """
                    {"id": "1", "subject": "s", "eventType": "\(eventType)", "eventTime": "2024-01-01T00:00:00Z",
                     "dataVersion": "1", "data": \(text)}
                    """
                let event = try XCTUnwrap(EventGridParser.parseEventGridEvents(Data(envelope.utf8)).first)
                let viaText = event.systemEvent
                XCTAssertEqual(viaText, viaTree, "\(eventType) \(style)")
                XCTAssertEqual(event.data, payload, "\(eventType) \(style)")
            }
        }
    }

    func test_everyEventType_roundTripsEncodeDecode() throws {
        for object in SpecPayloads.events {
            let eventType = try XCTUnwrap(object.eventType)
            let first = try XCTUnwrap(
                SystemEvent.decode(eventType: eventType, data: SpecPayloads.payload(object, style: .exact)).model)
            let json = try encoded(first)
            let second = SystemEvent.decode(eventType: eventType, data: json)
            XCTAssertEqual(
                second, SystemEvent.decode(eventType: eventType, data: SpecPayloads.payload(object, style: .exact)),
                eventType)
            XCTAssertEqual(try second.model.map(encoded), json, eventType)
        }
    }

    func test_everyEventType_emptyObject_decodesWithEveryMemberNil() throws {
        for object in SpecPayloads.events {
            let eventType = try XCTUnwrap(object.eventType)
            let model = try XCTUnwrap(
                SystemEvent.decode(eventType: eventType, data: [:]).model, "required members missing: \(eventType)")
            XCTAssertEqual(try encoded(model), [:], eventType)
        }
    }

    func test_eventTypeInAnotherCase_decodes() {
        let event = SystemEvent.decode(
            eventType: "microsoft.EventHUB.CaptureFileCreated", data: ["fileUrl": "https://x/y", "eventCount": 3])
        guard case .eventHubCaptureFileCreated(let data) = event else { return XCTFail("\(event)") }
        XCTAssertEqual(data.fileurl, "https://x/y")
        XCTAssertEqual(data.eventCount, 3)
        XCTAssertEqual(event.eventType, "Microsoft.EventHub.CaptureFileCreated")
        XCTAssertTrue(SystemEvent.modelType(for: "MICROSOFT.STORAGE.BLOBCREATED") == StorageBlobCreatedEventData.self)
    }

    func test_wrongTypedField_isNil_othersKept() {
        let event = SystemEvent.decode(
            eventType: SystemEventNames.eventHubCaptureFileCreated,
            data: [
                "fileUrl": "https://x/y", "sizeInBytes": ["not": "a number"], "eventCount": "12x", "partitionId": 7,
                "lastEnqueueTime": "yesterday",
            ]
        )
        guard case .eventHubCaptureFileCreated(let data) = event else { return XCTFail("\(event)") }
        XCTAssertEqual(data.fileurl, "https://x/y")
        XCTAssertNil(data.sizeInBytes)
        XCTAssertNil(data.eventCount)
        XCTAssertNil(data.lastEnqueueTime)
        XCTAssertEqual(data.partitionId, "7", "a number sent for a string is kept as its text")
    }

    func test_numbersAndBooleansAsStrings_convert() throws {
        let data = try XCTUnwrap(
            SystemEvent.decode(
                eventType: SystemEventNames.storageBlobCreated,
                data: ["contentLength": "1024", "contentOffset": " 5 ", "api": "PutBlob"]
            ).model as? StorageBlobCreatedEventData
        )
        XCTAssertEqual(data.contentLength, 1024)
        XCTAssertEqual(data.contentOffset, 5)
        XCTAssertEqual(data.api, "PutBlob")
    }

    func test_timestamps_anyFractionOffsetOrNone() throws {
        let cases: [(String, TimeInterval)] = [
            ("2024-05-06T07:08:09Z", 0),
            ("2024-05-06T07:08:09.1234567Z", 0.1234567),
            ("2024-05-06T07:08:09.123456789+00:00", 0.123456789),
            ("2024-05-06T09:08:09.5+02:00", 0.5),
            ("2024-05-06T07:08:09.25", 0.25),
        ]
        let base = try XCTUnwrap(RFC3339.date(from: "2024-05-06T07:08:09Z"))
        for (text, fraction) in cases {
            let data = try XCTUnwrap(
                SystemEvent.decode(
                    eventType: SystemEventNames.eventHubCaptureFileCreated, data: ["firstEnqueueTime": .string(text)]
                ).model
                    as? EventHubCaptureFileCreatedEventData
            )
            let date = try XCTUnwrap(data.firstEnqueueTime, text)
            XCTAssertEqual(date.timeIntervalSince(base), fraction, accuracy: 0.000_001, text)
        }
    }

    func test_enumInAnotherCase_matchesKnownValue_unknownKeptExactly() throws {
        let data = try XCTUnwrap(
            SystemEvent.decode(
                eventType: SystemEventNames.mediaJobStateChange,
                data: ["state": "PROCESSING", "previousState": "Paused-ish"]
            ).model as? MediaJobStateChangeEventData
        )
        XCTAssertEqual(data.state, .processing)
        XCTAssertEqual(data.state?.rawValue, "Processing")
        XCTAssertEqual(data.previousState?.rawValue, "Paused-ish")
        XCTAssertEqual(try JSONValue(encoding: data), ["state": "Processing", "previousState": "Paused-ish"])
    }

    func test_extraKeys_areIgnored() throws {
        let data = try XCTUnwrap(
            SystemEvent.decode(
                eventType: SystemEventNames.storageBlobCreated, data: ["url": "https://a/b", "brandNew": ["x": 1]]
            ).model
        )
        XCTAssertEqual(try JSONValue(encoding: data), ["url": "https://a/b"])
    }

    func test_unknownEventType_andNonObjectData_areUnknownWithRawData() {
        let unknown = SystemEvent.decode(eventType: "Contoso.Items.ItemShipped", data: ["a": 1])
        XCTAssertEqual(unknown, .unknown(eventType: "Contoso.Items.ItemShipped", data: ["a": 1]))
        XCTAssertNil(unknown.model)
        XCTAssertEqual(unknown.eventType, "Contoso.Items.ItemShipped")
        XCTAssertNil(SystemEvent.modelType(for: "Contoso.Items.ItemShipped"))
        for data: JSONValue in ["text", 1, [1, 2], .null, true] {
            XCTAssertEqual(
                SystemEvent.decode(eventType: SystemEventNames.storageBlobCreated, data: data),
                .unknown(eventType: SystemEventNames.storageBlobCreated, data: data)
            )
        }
    }

    func test_singleObjectInsteadOfArray_becomesOneElement() throws {
        let data = try XCTUnwrap(
            SystemEvent.decode(
                eventType: SystemEventNames.mediaJobFinished,
                data: [
                    "outputs": ["@odata.type": "#Microsoft.Media.JobOutputAsset", "assetName": "a1", "progress": 100]
                ]
            ).model as? MediaJobFinishedEventData
        )
        XCTAssertEqual(data.outputs?.count, 1)
        guard case .asset(let asset)? = data.outputs?.first else {
            return XCTFail("\(String(describing: data.outputs))")
        }
        XCTAssertEqual(asset.assetName, "a1")
        XCTAssertEqual(asset.progress, 100)
    }

    func test_discriminator_polymorphicArray_unknownKindKeepsRawJSON() throws {
        let unknownOutput: JSONValue = [
            "@odata.type": "#Microsoft.Media.JobOutputSomethingNew", "label": "L", "future": [1, 2],
        ]
        let data = try XCTUnwrap(
            SystemEvent.decode(
                eventType: SystemEventNames.mediaJobFinished,
                data: [
                    "outputs": [
                        ["@odata.type": "#microsoft.media.joboutputASSET", "assetName": "a1"], unknownOutput,
                        "not an object",
                    ]
                ]
            ).model as? MediaJobFinishedEventData
        )
        let outputs = try XCTUnwrap(data.outputs)
        XCTAssertEqual(outputs.count, 2, "a scalar where an object belongs is skipped")
        guard case .asset(let asset) = outputs[0] else { return XCTFail("\(outputs[0])") }
        XCTAssertEqual(asset.assetName, "a1")
        guard case .unknown(let common, let raw) = outputs[1] else { return XCTFail("\(outputs[1])") }
        XCTAssertEqual(common.label, "L")
        XCTAssertEqual(outputs[1].common.label, "L")
        XCTAssertEqual(raw, unknownOutput)
        XCTAssertEqual(try JSONValue(encoding: outputs[1]), unknownOutput)
    }

    func test_recursiveType_decodesNestedErrors() throws {
        let error: JSONValue = ["code": "A", "innererror": ["code": "B", "innererror": ["code": "C"]]]
        let decoded = try error.decode(as: AcsRouterCommunicationError.self)
        XCTAssertEqual(decoded.innererror?.innererror?.code, "C")
        XCTAssertEqual(try JSONValue(encoding: decoded), error)
    }

    func test_encodingWritesDatesAsRFC3339_whateverTheEncoderStrategy() throws {
        let date = try XCTUnwrap(RFC3339.date(from: "2024-05-06T07:08:09.5Z"))
        let data = EventHubCaptureFileCreatedEventData(sizeInBytes: 3, firstEnqueueTime: date)
        let text = String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
        XCTAssertTrue(text.contains("\"2024-05-06T07:08:09.5Z\""), text)
    }
}
