import SwaggerGenCore
import XCTest

final class ResolverTests: XCTestCase {
    func object(_ name: String, in model: ServiceModel) -> ObjectModel? {
        for case .object(let object) in model.types where object.swiftName == name { return object }
        return nil
    }

    func test_resolve_localRef() throws {
        let text = TestSupport.document(
            definitions: """
                  A:
                    type: object
                    required: [b]
                    properties:
                      b: {$ref: "#/definitions/B"}
                  B:
                    type: object
                    properties:
                      c: {type: string}
                """)
        let (model, sink) = TestSupport.resolve(text)
        XCTAssertEqual(sink.diagnostics, [])
        XCTAssertEqual(model.types.map(\.swiftName), ["A", "B"])
        let a = try XCTUnwrap(object("A", in: model))
        XCTAssertEqual(a.properties.first?.type, .named("B"))
        XCTAssertEqual(a.properties.first?.isRequired, true)
        XCTAssertEqual(a.provenance, "#/definitions/A")
    }

    func test_resolve_crossFileRefRelativeToTheReferringFile() throws {
        let main = TestSupport.document(
            definitions: """
                  A:
                    type: object
                    properties:
                      b: {$ref: "./common/Types.yaml#/definitions/B"}
                """)
        let other = SpecInput(
            path: "specs/common/Types.yaml",
            text: TestSupport.document(
                definitions: """
                      B:
                        type: object
                        properties:
                          c: {$ref: "../More.yaml#/definitions/C"}
                    """))
        let more = SpecInput(
            path: "specs/More.yaml", text: TestSupport.document(definitions: "  C: {type: string, format: date-time}\n")
        )
        let (model, sink) = TestSupport.resolve(main, file: "specs/Main.yaml", others: [other, more])
        XCTAssertEqual(sink.diagnostics, [])
        XCTAssertEqual(model.types.map(\.swiftName), ["A", "B", "C"])
        XCTAssertEqual(object("B", in: model)?.properties.first?.type, .date)
        XCTAssertEqual(object("B", in: model)?.provenance, "Types.yaml#/definitions/B")
    }

    func test_resolve_danglingRefNamesFileLineAndColumn() {
        let text = TestSupport.document(
            definitions: """
                  A:
                    type: object
                    properties:
                      b: {$ref: "#/definitions/Missing"}
                      c: {$ref: "./Nowhere.yaml#/definitions/X"}
                """)
        let (_, sink) = TestSupport.resolve(text)
        let errors = sink.errors.map(\.description)
        XCTAssertEqual(
            errors,
            [
                "test.yaml:11:17: error: dangling $ref '#/definitions/Missing': no definition 'Missing' in test.yaml",
                "test.yaml:12:17: error: dangling $ref './Nowhere.yaml#/definitions/X': cannot read 'Nowhere.yaml'",
            ])
    }

    func test_resolve_allOfPutsParentPropertiesFirst() throws {
        let text = TestSupport.document(
            definitions: """
                  Child:
                    allOf: [{$ref: "#/definitions/Parent"}]
                    required: [p]
                    properties:
                      c: {type: integer, format: int64}
                  Parent:
                    type: object
                    properties:
                      p: {type: string}
                      q: {type: boolean}
                """)
        let (model, sink) = TestSupport.resolve(text)
        XCTAssertEqual(sink.diagnostics, [])
        let child = try XCTUnwrap(object("Child", in: model))
        XCTAssertEqual(child.properties.map(\.wireName), ["p", "q", "c"])
        XCTAssertEqual(child.properties.map(\.isRequired), [true, false, false])
        XCTAssertEqual(child.properties.map(\.type), [.string, .bool, .int64])
    }

    func test_resolve_xmsEnumBecomesAnEnumType() throws {
        let text = TestSupport.document(
            definitions: """
                  A:
                    type: object
                    properties:
                      state:
                        type: string
                        enum: [On, Off]
                        x-ms-enum:
                          name: PowerState
                          modelAsString: true
                          values: [{value: On, description: Running.}, {value: Off, name: Stopped}]
                """)
        let (model, sink) = TestSupport.resolve(text, suffix: "Model")
        XCTAssertEqual(sink.diagnostics, [])
        XCTAssertEqual(object("AModel", in: model)?.properties.first?.type, .named("PowerStateModel"))
        guard case .enumeration(let power)? = model.types.first(where: { $0.swiftName == "PowerStateModel" }) else {
            return XCTFail("no enum")
        }
        XCTAssertEqual(power.cases.map(\.swiftName), ["on", "stopped"])
        XCTAssertEqual(power.cases.map(\.value), ["On", "Off"])
        XCTAssertEqual(power.cases.first?.description, "Running.")
    }

    func test_resolve_xmsPathsOverloadIsStrippedAndOperationsSorted() {
        let text = """
            swagger: "2.0"
            info: {title: T, version: "1"}
            consumes: [application/json]
            paths:
              /z: {post: {operationId: Zeta, responses: {"200": {description: ok}}}}
            x-ms-paths:
              /api/events?overload=cloudEvent:
                post:
                  operationId: Alpha
                  consumes: [application/cloudevents-batch+json; charset=utf-8]
                  parameters: [{name: events, in: body, required: true, schema: {type: array, items: {type: object}}}]
                  responses: {"200": {description: ok}}
            definitions: {}
            """
        let (model, sink) = TestSupport.resolve(text)
        XCTAssertEqual(sink.diagnostics, [])
        XCTAssertEqual(model.operations.map(\.operationId), ["Alpha", "Zeta"])
        XCTAssertEqual(model.operations.first?.path, "/api/events")
        XCTAssertEqual(model.operations.first?.contentType, "application/cloudevents-batch+json; charset=utf-8")
        XCTAssertEqual(model.operations.first?.parameters.first?.type, .array(.json))
        XCTAssertEqual(model.operations.last?.contentType, nil)
    }

    func test_resolve_parameterizedHost() {
        let text = """
            swagger: "2.0"
            info: {title: T, version: "1"}
            x-ms-parameterized-host:
              hostTemplate: "{topicHostname}"
              useSchemePrefix: true
              parameters: [{name: topicHostname, in: path, required: true, type: string}]
            paths: {}
            definitions: {}
            """
        let (model, sink) = TestSupport.resolve(text)
        XCTAssertEqual(sink.diagnostics, [])
        XCTAssertEqual(model.host?.template, "{topicHostname}")
        XCTAssertEqual(model.host?.useSchemePrefix, true)
        XCTAssertEqual(model.host?.parameters.map(\.swiftName), ["topicHostname"])
    }

    func test_resolve_typesAndFormats() throws {
        let text = TestSupport.document(
            definitions: """
                  A:
                    type: object
                    properties:
                      d: {type: string, format: date-time}
                      b: {type: string, format: byte}
                      i64: {type: integer, format: int64}
                      i32: {type: integer, format: int32}
                      n: {type: number}
                      f: {type: number, format: float}
                      t: {type: boolean}
                      free: {type: object}
                      map: {type: object, additionalProperties: {type: string}}
                      list: {type: array, items: {type: integer, format: int32}}
                """)
        let (model, sink) = TestSupport.resolve(text)
        XCTAssertEqual(sink.diagnostics, [])
        XCTAssertEqual(
            object("A", in: model)?.properties.map(\.type),
            [.date, .data, .int64, .int32, .double, .float, .bool, .json, .dictionary(.string), .array(.int32)]
        )
    }

    func test_resolve_unknownTypeIsAnError() {
        let text = TestSupport.document(
            definitions: "  A:\n    type: object\n    properties:\n      x: {type: decimal}\n")
        let (_, sink) = TestSupport.resolve(text)
        XCTAssertEqual(sink.errors.map(\.description), ["test.yaml:11:17: error: unknown type 'decimal'"])
    }

    func test_resolve_refCycleWithoutATypeIsAnError() {
        let text = TestSupport.document(
            definitions: "  A: {$ref: \"#/definitions/B\"}\n  B: {$ref: \"#/definitions/A\"}\n")
        let (_, sink) = TestSupport.resolve(text)
        XCTAssertTrue(sink.hasErrors)
        XCTAssertTrue(sink.errors.first?.message.contains("cycle") ?? false, "\(sink.errors)")
        XCTAssertEqual(sink.errors.first?.location?.file, "test.yaml")
    }

    func test_resolve_optionalSelfReferenceIsBoxed_requiredOneWarnsAndBecomesOptional() throws {
        let text = TestSupport.document(
            definitions: """
                  Node:
                    type: object
                    required: [self]
                    properties:
                      next: {$ref: "#/definitions/Node"}
                      children: {type: array, items: {$ref: "#/definitions/Node"}}
                      self: {$ref: "#/definitions/Node"}
                """)
        let (model, sink) = TestSupport.resolve(text)
        XCTAssertFalse(sink.hasErrors)
        XCTAssertEqual(
            sink.warnings.map(\.description),
            [
                "test.yaml:14:7: warning: required property 'self' makes 'Node' contain itself; it is generated as optional"
            ])
        let node = try XCTUnwrap(object("Node", in: model))
        XCTAssertEqual(node.properties.map(\.isBoxed), [true, false, true])
        XCTAssertEqual(node.properties.map(\.isRequired), [false, false, false])
    }

    func test_resolve_nameCollisionIsAnError() {
        let text = TestSupport.document(
            definitions:
                "  A:\n    type: object\n    properties:\n      a_b: {type: string}\n      aB: {type: string}\n")
        let (_, sink) = TestSupport.resolve(text)
        XCTAssertEqual(sink.errors.count, 1)
        XCTAssertEqual(sink.errors.first?.location?.line, 12)
        XCTAssertTrue(sink.errors.first?.message.contains("aB") ?? false)
    }

    func test_resolve_definitionsAreSortedByName() {
        let text = TestSupport.document(
            definitions:
                "  Zed: {type: object}\n  Alpha: {type: string}\n  Mid: {type: object, properties: {x: {type: string}}}\n"
        )
        let (model, _) = TestSupport.resolve(text)
        XCTAssertEqual(model.types.map(\.swiftName), ["Alpha", "Mid", "Zed"])
    }

    func test_resolve_allOfCycleIsAnError() {
        let text = TestSupport.document(
            definitions: """
                  A: {allOf: [{$ref: "#/definitions/B"}], properties: {a: {type: string}}}
                  B: {allOf: [{$ref: "#/definitions/A"}], properties: {b: {type: string}}}
                """)
        let (_, sink) = TestSupport.resolve(text)
        XCTAssertTrue(sink.errors.contains { $0.message.contains("allOf cycle") }, "\(sink.diagnostics)")
    }

    func test_resolve_duplicateOperationNameIsAnError() {
        let text = """
            swagger: "2.0"
            info: {title: T, version: "1"}
            paths:
              /a: {post: {operationId: Do_It, responses: {"200": {description: ok}}}}
              /b: {post: {operationId: DoIt, responses: {"200": {description: ok}}}}
            definitions: {}
            """
        let (_, sink) = TestSupport.resolve(text)
        XCTAssertEqual(sink.errors.count, 1)
        XCTAssertEqual(sink.errors.first?.location?.line, 5)
    }

    func test_resolve_sameEnumTwiceIsOneType_differentValuesCollide() {
        let same = TestSupport.document(
            definitions: """
                  A: {type: object, properties: {x: {type: string, enum: [a], x-ms-enum: {name: E}}}}
                  B: {type: object, properties: {y: {type: string, enum: [a], x-ms-enum: {name: E}}}}
                """)
        let (model, sink) = TestSupport.resolve(same)
        XCTAssertEqual(sink.diagnostics, [])
        XCTAssertEqual(model.types.map(\.swiftName), ["A", "B", "E"])
        let different = same.replacingOccurrences(
            of: "enum: [a], x-ms-enum: {name: E}}}}\n", with: "enum: [b], x-ms-enum: {name: E}}}}\n")
        let (_, differentSink) = TestSupport.resolve(different)
        XCTAssertTrue(
            differentSink.errors.contains { $0.message.contains("'E' is used twice") }, "\(differentSink.diagnostics)")
    }
}
