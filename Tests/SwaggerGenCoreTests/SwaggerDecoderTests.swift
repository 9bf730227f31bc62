import SwaggerGenCore
import XCTest

final class SwaggerDecoderTests: XCTestCase {
    func test_decode_unknownKeyIsAWarningWithLocation() throws {
        let text = TestSupport.document(definitions: "  A:\n    type: object\n    colour: red\n")
        let (document, sink) = TestSupport.decode(text)
        XCTAssertFalse(sink.hasErrors)
        XCTAssertEqual(sink.warnings.count, 1)
        let warning = try XCTUnwrap(sink.warnings.first)
        XCTAssertTrue(
            warning.description.hasPrefix("test.yaml:10:5: warning: unknown key 'colour'"), warning.description)
        XCTAssertEqual(document?.definitions.map(\.name.value), ["A"])
    }

    func test_decode_knownAzureExtensionsAreAcceptedSilently() {
        let text = """
            swagger: "2.0"
            info: {title: T, version: "1"}
            tags: []
            paths:
              /x:
                post:
                  operationId: X
                  tags: [a]
                  x-ms-examples: {e: {$ref: ./e.json}}
                  parameters:
                    - {name: p, in: header, type: string, x-ms-parameter-location: method, x-ms-skip-url-encoding: true}
                  responses:
                    "200": {description: ok}
            definitions: {}
            """
        let (_, sink) = TestSupport.decode(text)
        XCTAssertEqual(sink.diagnostics, [])
    }

    func test_decode_wrongTypeIsAnErrorWithLocation() {
        let text = TestSupport.document(definitions: "  A:\n    type: object\n    required: id\n    properties: [1]\n")
        let (_, sink) = TestSupport.decode(text)
        let messages = sink.errors.map(\.description)
        XCTAssertEqual(messages.count, 2, "\(messages)")
        XCTAssertTrue(
            messages.contains { $0.hasPrefix("test.yaml:10:15: error: 'required' of a schema must be a sequence") },
            "\(messages)")
        XCTAssertTrue(
            messages.contains { $0.hasPrefix("test.yaml:11:17: error: 'properties' must be a mapping") }, "\(messages)")
    }

    func test_decode_quotedBooleanIsNotABoolean() {
        let text = TestSupport.document(definitions: "  A:\n    type: object\n    readOnly: \"true\"\n")
        let (_, sink) = TestSupport.decode(text)
        XCTAssertEqual(sink.errors.first?.location?.line, 10)
    }

    func test_decode_readsOperationsParametersAndExtensions() throws {
        let text = """
            swagger: "2.0"
            info: {title: T, version: "2"}
            x-ms-parameterized-host: {hostTemplate: "{h}", useSchemePrefix: false, parameters: [{name: h, in: path, required: true, type: string}]}
            consumes: [application/json]
            paths: {}
            x-ms-paths:
              /a?overload=b:
                post:
                  operationId: B
                  consumes: [text/plain]
                  parameters: [{$ref: "#/parameters/P"}]
                  responses: {"204": {description: none}}
            parameters:
              P: {name: p, in: query, required: true, type: string, x-ms-client-name: pee}
            definitions:
              D:
                type: object
                x-eventgrid-event-type: Microsoft.Test.Happened
                additionalProperties: false
                discriminator: kind
                x-ms-discriminator-value: d
                properties:
                  kind: {type: string, x-nullable: true, x-ms-client-name: sort}
            """
        let (document, sink) = TestSupport.decode(text)
        XCTAssertEqual(sink.diagnostics, [])
        let doc = try XCTUnwrap(document)
        XCTAssertEqual(doc.parameterizedHost?.hostTemplate.value, "{h}")
        XCTAssertEqual(doc.parameterizedHost?.useSchemePrefix, false)
        XCTAssertEqual(doc.paths.first?.isExtension, true)
        XCTAssertEqual(doc.paths.first?.operations.first?.consumes, ["text/plain"])
        XCTAssertEqual(doc.parameters.first?.parameter.clientName, "pee")
        let schema = try XCTUnwrap(doc.definitions.first?.schema)
        XCTAssertEqual(schema.eventType, "Microsoft.Test.Happened")
        XCTAssertEqual(schema.discriminator, "kind")
        XCTAssertEqual(schema.discriminatorValue, "d")
        XCTAssertEqual(schema.properties.first?.schema.nullable, true)
        XCTAssertEqual(schema.properties.first?.schema.clientName, "sort")
    }
}
