import AzureCore
import EventGridSystemEvents
import Foundation
import SwaggerGenCore
import XCTest

/// Every generated struct (event data or not: bases, nested types) decodes a payload written
/// from the spec, keeps every key, and survives encode → decode unchanged.
final class EveryModelRoundTripTests: XCTestCase {
    func roundTrip<Model: Codable & Hashable>(_ type: Model.Type, payload: JSONValue) throws -> [String] {
        let first = try payload.decode(as: Model.self)
        let json = try JSONValue(encoding: first)
        let second = try json.decode(as: Model.self)
        var problems = SpecPayloads.contains(json, payload)
        if try JSONValue(encoding: second) != json { problems.append("re-encoding differs") }
        if first != second { problems.append("decode(encode(x)) != x") }
        return problems
    }

    func test_everyStruct_roundTrips() throws {
        var checked = 0
        for case .object(let object) in SpecPayloads.model.types {
            let name = "EventGridSystemEvents." + object.swiftName
            // `_typeByName` (test-only) finds the generated struct from its mangled name.
            let module = "EventGridSystemEvents"
            let mangled = "\(module.utf8.count)\(module)\(object.swiftName.utf8.count)\(object.swiftName)V"
            let found = try XCTUnwrap(
                _typeByName(mangled) as? any (Codable & Hashable).Type, "no Codable & Hashable type \(name)")
            let payload = SpecPayloads.payload(object, style: .exact)
            let problems = try roundTrip(
                found, payload: object.discriminator == nil ? payload : stripDiscriminator(object, payload))
            XCTAssertEqual(problems, [], object.swiftName)
            checked += 1
        }
        XCTAssertEqual(checked, 296, "every object definition (324 minus 28 enums)")
    }

    /// A polymorphic base decoded as itself keeps only its own members.
    func stripDiscriminator(_ object: ObjectModel, _ payload: JSONValue) -> JSONValue {
        guard case .object(let members) = payload else { return payload }
        let own = Set(object.properties.map(\.wireName))
        return .object(members.filter { own.contains($0.key) })
    }
}
