import AzureCore
import AzureEventGrid
import Foundation
import XCTest

final class EventGridEventTests: XCTestCase {
    func test_defaults_newLowercaseUUIDNowAndDataVersion() throws {
        let before = Date()
        let event = EventGridEvent(subject: "s", eventType: "t", data: nil)
        XCTAssertNotNil(UUID(uuidString: event.id))
        XCTAssertEqual(event.id, event.id.lowercased())
        XCTAssertEqual(event.dataVersion, "1.0")
        XCTAssertGreaterThanOrEqual(event.eventTime, before.addingTimeInterval(-1))
        XCTAssertLessThanOrEqual(event.eventTime, Date().addingTimeInterval(1))
        XCTAssertNotEqual(event.id, EventGridEvent(subject: "s", eventType: "t", data: nil).id)
    }

    func test_decode_readsSevenFractionalDigitsAndOffsets() throws {
        let json = #"""
            {"id":"1","subject":"s","eventType":"t","eventTime":"2018-01-25T22:12:19.4556811Z","dataVersion":"","metadataVersion":"1","topic":"/x","data":{"a":1}}
            """#
        let event = try JSONDecoder().decode(EventGridEvent.self, from: Data(json.utf8))
        XCTAssertEqual(event.eventTime.timeIntervalSince1970, 1_516_918_339.4556811, accuracy: 0.000001)
        XCTAssertEqual(event.metadataVersion, "1")
        XCTAssertEqual(event.topic, "/x")
        XCTAssertEqual(event.data, ["a": 1])

        let offset = json.replacingOccurrences(of: "2018-01-25T22:12:19.4556811Z", with: "2018-01-25T23:12:19+01:00")
        let shifted = try JSONDecoder().decode(EventGridEvent.self, from: Data(offset.utf8))
        XCTAssertEqual(shifted.eventTime.timeIntervalSince1970, 1_516_918_339, accuracy: 0.000001)
    }

    func test_decode_badTimeNamesTheValue() {
        let json = #"{"id":"1","subject":"s","eventType":"t","eventTime":"yesterday","dataVersion":"1","data":null}"#
        XCTAssertThrowsError(try JSONDecoder().decode(EventGridEvent.self, from: Data(json.utf8))) { error in
            XCTAssertTrue(String(describing: error).contains("yesterday"))
        }
    }

    func test_encode_writesRFC3339UTCWhateverTheEncoderStrategy() throws {
        let event = EventGridEvent(
            subject: "s",
            eventType: "t",
            data: ["k": true],
            id: "1",
            eventTime: Date(timeIntervalSince1970: 0.5)
        )
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let json = try JSONValue(parsing: encoder.encode(event))
        XCTAssertEqual(json["eventTime"], "1970-01-01T00:00:00.5Z")
        XCTAssertEqual(try JSONDecoder().decode(EventGridEvent.self, from: encoder.encode(event)), event)
    }

    func test_encodingPayload_convertsEncodableToJSON() throws {
        struct Payload: Encodable {
            var when: Date
            var count: Int
        }
        let event = try EventGridEvent(
            subject: "s",
            eventType: "t",
            encoding: Payload(when: Date(timeIntervalSince1970: 60), count: 2)
        )
        XCTAssertEqual(event.data, ["when": "1970-01-01T00:01:00Z", "count": 2])
    }
}

final class CloudEventTests: XCTestCase {
    func test_defaults_specVersionIDAndTime() {
        let event = CloudEvent(source: "/s", type: "t")
        XCTAssertEqual(event.specVersion, "1.0")
        XCTAssertNotNil(UUID(uuidString: event.id))
        XCTAssertNotNil(event.time)
        XCTAssertNil(event.data)
    }

    func test_validate_acceptsLowercaseAlphanumericExtensions() throws {
        try CloudEvent(source: "s", type: "t", extensions: ["traceparent": "x", "a1": 1]).validate()
    }

    func test_validate_refusesBadNamesReservedNamesAndBinaryWithoutContentType() {
        for name in ["Upper", "with-dash", "with_underscore", "time", "specversion", "é"] {
            XCTAssertThrowsError(try CloudEvent(source: "s", type: "t", extensions: [name: 1]).validate(), name) {
                error in
                XCTAssertEqual((error as? AzureError)?.kind, .invalidInput)
                XCTAssertTrue((error as? AzureError)?.message.contains("'\(name)'") ?? false)
            }
        }
        var binary = CloudEvent(
            source: "s", type: "t", binaryData: Data([1]), dataContentType: "application/octet-stream")
        binary.dataContentType = nil
        XCTAssertThrowsError(try binary.validate())
        XCTAssertThrowsError(try CloudEvent(source: "", type: "t").validate())
        XCTAssertThrowsError(try CloudEvent(source: "s", type: "").validate())
        XCTAssertThrowsError(try CloudEvent(source: "s", type: "t", id: "").validate())
    }

    func test_decode_nullIsUnsetUnknownMembersAreExtensionsBase64IsBinary() throws {
        let json = #"""
            {"id":"1","source":"/s","type":"t","specversion":"1.0","subject":null,"time":"2024-01-01T00:00:00.1234567+00:00",
             "data_base64":"AAE=","datacontenttype":"application/octet-stream","traceparent":"00-abc","nothing":null}
            """#
        let event = try JSONDecoder().decode(CloudEvent.self, from: Data(json.utf8))
        XCTAssertNil(event.subject)
        XCTAssertEqual(event.data, .binary(Data([0, 1])))
        XCTAssertEqual(event.extensions, ["traceparent": "00-abc"])
        XCTAssertEqual(try XCTUnwrap(event.time).timeIntervalSince1970, 1_704_067_200.1234567, accuracy: 0.000001)
    }

    func test_encode_neverWritesBothDataAndDataBase64() throws {
        let binary = CloudEvent(
            source: "s", type: "t", binaryData: Data([9]), dataContentType: "x/y", id: "1", time: nil)
        let json = try JSONValue(parsing: JSONEncoder().encode(binary))
        XCTAssertEqual(
            json,
            [
                "id": "1", "source": "s", "type": "t", "specversion": "1.0", "datacontenttype": "x/y",
                "data_base64": "CQ==",
            ])
        let text = CloudEvent(source: "s", type: "t", data: "plain", dataContentType: "text/plain", id: "2", time: nil)
        XCTAssertEqual(try JSONValue(parsing: JSONEncoder().encode(text))["data"], "plain")
        XCTAssertNil(try JSONValue(parsing: JSONEncoder().encode(text))["data_base64"])
    }

    func test_roundTrip_keepsEveryAttribute() throws {
        let event = CloudEvent(
            source: "/s",
            type: "t",
            data: ["a": [1, 2.5, nil, false]],
            dataContentType: "application/json",
            id: "x",
            time: Date(timeIntervalSince1970: 1_000),
            subject: "sub",
            dataSchema: "https://schema",
            extensions: ["ext": "v", "num": 5]
        )
        XCTAssertEqual(try JSONDecoder().decode(CloudEvent.self, from: JSONEncoder().encode(event)), event)
    }
}

final class EventGridEndpointTests: XCTestCase {
    func test_acceptedForms() throws {
        let cases: [(String, String, String)] = [
            (
                "https://t.westus-1.eventgrid.azure.net", "https://t.westus-1.eventgrid.azure.net",
                "https://t.westus-1.eventgrid.azure.net/api/events"
            ),
            (
                "https://t.westus-1.eventgrid.azure.net/", "https://t.westus-1.eventgrid.azure.net",
                "https://t.westus-1.eventgrid.azure.net/api/events"
            ),
            (
                "https://t.westus-1.eventgrid.azure.net/api/events", "https://t.westus-1.eventgrid.azure.net",
                "https://t.westus-1.eventgrid.azure.net/api/events"
            ),
            (
                "https://t.westus-1.eventgrid.azure.net/api/events/", "https://t.westus-1.eventgrid.azure.net",
                "https://t.westus-1.eventgrid.azure.net/api/events"
            ),
            (
                "http://127.0.0.1:8080/topics/orders/api/events", "http://127.0.0.1:8080/topics/orders",
                "http://127.0.0.1:8080/topics/orders/api/events"
            ),
            ("http://localhost:9/x", "http://localhost:9/x", "http://localhost:9/x/api/events"),
        ]
        for (input, base, full) in cases {
            let endpoint = try EventGridEndpoint(XCTUnwrap(URL(string: input)))
            XCTAssertEqual(endpoint.baseURL.absoluteString, base, input)
            XCTAssertEqual(endpoint.url.absoluteString, full, input)
        }
    }

    func test_refusedForms_sayWhy() throws {
        let cases: [(String, String)] = [
            ("http://t.westus-1.eventgrid.azure.net/api/events", "https"),
            ("ftp://t/api/events", "https"),
            ("https://t/api/events?x=1", "query"),
            ("mytopic.westus-1.eventgrid.azure.net", "scheme and a host"),
        ]
        for (input, reason) in cases {
            XCTAssertThrowsError(try EventGridEndpoint(XCTUnwrap(URL(string: input))), input) { error in
                let azure = error as? AzureError
                XCTAssertEqual(azure?.kind, .invalidInput, input)
                XCTAssertTrue(azure?.message.contains(reason) ?? false, "\(input): \(azure?.message ?? "")")
            }
        }
    }
}
