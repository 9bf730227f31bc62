import AzureCore
import EventGridGenerated
import Foundation
import XCTest

@testable import AzureEventGrid

/// The fast JSON path writes exactly what the generated `Encodable` conformances write.
final class FastJSONTests: XCTestCase {
    private func fast(_ value: some JSONWritable) throws -> JSONValue {
        var writer = JSONWriter()
        value.writeJSON(to: &writer)
        XCTAssertNil(writer.invalidValue)
        return try JSONValue(parsing: writer.data)
    }

    private func slow(_ value: some Encodable) throws -> JSONValue {
        try JSONValue(parsing: JSONCoding.makeEncoder().encode(value))
    }

    func test_eventGridEvents_fastEqualsEncodable() throws {
        let events = [
            EventGridEvent(subject: "s", eventType: "t", data: ["a": [1, 2.5, "x\n\"q\"", nil, true]], id: "1"),
            EventGridEvent(
                subject: "ü/é", eventType: "t", data: nil, dataVersion: "", id: "2",
                eventTime: Date(timeIntervalSince1970: -1.5), topic: "d"),
        ].map(\.wireModel)
        XCTAssertEqual(try fast(events), try slow(events))
    }

    func test_cloudEvents_fastEqualsEncodable() throws {
        var shadow = CloudEvent(
            source: "/s", type: "t", data: "text", dataContentType: "text/plain", id: "1", extensions: ["ext": 1])
        shadow.extensions["subject"] = "extension named like an attribute"
        shadow.extensions["aaa"] = "sorts before every attribute"
        shadow.extensions["datab"] = "sorts between data_base64 and datacontenttype"
        shadow.extensions["zzz"] = ["sorts": "last"]
        let events = [
            shadow,
            CloudEvent(
                source: "/s", type: "t", binaryData: Data([0, 255]), dataContentType: "a/b", id: "2", time: nil,
                subject: "sub", dataSchema: "https://x"),
            CloudEvent(source: "/s", type: "t", id: "3", time: nil),
        ].map(\.wireModel)
        XCTAssertEqual(try fast(events), try slow(events))
    }

    func test_writer_escapesControlCharactersAndFormatsNumbers() throws {
        var writer = JSONWriter()
        writer.write(["s": "\u{1}\t\\/", "i": -42, "d": 0.1, "big": 1e300, "whole": 3.0, "neg": -0.5] as JSONValue)
        let text = String(decoding: writer.data, as: UTF8.self)
        XCTAssertEqual(text, #"{"big":1e+300,"d":0.1,"i":-42,"neg":-0.5,"s":"\u0001\t\\/","whole":3}"#)
        XCTAssertEqual(try JSONValue(parsing: writer.data)["s"], "\u{1}\t\\/")
    }

    func test_writer_recordsNumbersJSONCannotHold() throws {
        var writer = JSONWriter()
        writer.write([.double(.nan)] as JSONValue)
        XCTAssertNotNil(writer.invalidValue)
        XCTAssertThrowsError(
            try HTTPRequest.operationRequest(
                method: .post, baseURL: XCTUnwrap(URL(string: "https://h")), path: "/x",
                jsonBody: [JSONValue.double(.infinity)]
            )
        ) { error in
            XCTAssertEqual((error as? AzureError)?.kind, .serialization)
        }
    }
}
