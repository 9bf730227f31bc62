import SwaggerGenCore
import XCTest

/// Malformed input gives diagnostics, never a crash.
final class RobustnessTests: XCTestCase {
    func test_malformedSpecsGiveErrorsNotCrashes() {
        let specs = [
            "just a string",
            "- a\n- b\n",
            "swagger: \"2.0\"\ninfo: 5\npaths: 5\ndefinitions: [1, 2]\n",
            "swagger: \"3.0\"\npaths: {}\n",
            "swagger: \"2.0\"\ndefinitions:\n  A: {type: object, properties: {a: 5}}\n",
            "swagger: \"2.0\"\ndefinitions:\n  A: {type: array, items: 3}\n",
            "swagger: \"2.0\"\ndefinitions:\n  A: {type: array}\n",
            "swagger: \"2.0\"\ndefinitions:\n  A: {$ref: 5}\n",
            "swagger: \"2.0\"\ndefinitions:\n  A: {$ref: \"#/nope/X\"}\n",
            "swagger: \"2.0\"\ndefinitions:\n  A: {$ref: \"#/definitions/\"}\n",
            "swagger: \"2.0\"\ndefinitions:\n  A: {allOf: [{$ref: \"#/definitions/B\"}]}\n  B: {type: string}\n",
            "swagger: \"2.0\"\nparameters: {P: {in: query}}\npaths: {/a: {get: {operationId: A, parameters: [{$ref: \"#/parameters/P\"}, {$ref: \"#/parameters/Q\"}], responses: {}}}}\n",
            "swagger: \"2.0\"\npaths: {/a/{id}: {get: {parameters: [{name: id, in: cookie, type: string}], responses: {}}}}\n",
            "swagger: \"2.0\"\npaths: {/a: {get: {operationId: A, parameters: [{name: b, in: body}], responses: {}}}}\n",
            "swagger: \"2.0\"\nx-ms-parameterized-host: {useSchemePrefix: maybe}\n",
            "swagger: \"2.0\"\ndefinitions:\n  A: {type: string, enum: {a: 1}}\n",
            "swagger: \"2.0\"\ndefinitions:\n  A: {type: object, additionalProperties: nope}\n",
            "a: b: c",
            "\t- x",
        ]
        for spec in specs {
            let (files, sink) = TestSupport.generate(spec)
            XCTAssertTrue(sink.hasErrors, "no error for: \(spec)")
            for diagnostic in sink.errors where diagnostic.location != nil {
                XCTAssertTrue(diagnostic.description.hasPrefix("snippet.yaml:"), diagnostic.description)
            }
            _ = files
        }
    }
}
