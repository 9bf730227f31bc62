import AzureCore
import Foundation
import SwaggerGenCore
import XCTest

/// Builds JSON payloads from the resolved system-event specs (`Spec/SystemEvents/*.yaml`), so
/// every event type is tested with data written from what the spec says.
enum SpecPayloads {
    /// The package root.
    static let repositoryRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }()

    /// Every spec file, sorted.
    static let specs: [String] = {
        let folder = repositoryRoot + "/Spec/SystemEvents"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "Spec/SystemEvents/" + $0 }
    }()

    /// The resolved service model of all system-event specs (public names).
    static let model: ServiceModel = {
        let sink = DiagnosticSink()
        let pipeline = GeneratorPipeline()
        let configuration = GeneratorConfiguration(specs: specs, baseDirectory: repositoryRoot, access: .public)
        let documents = specs.compactMap { pipeline.load($0, baseDirectory: repositoryRoot, diagnostics: sink) }
        return pipeline.model(documents, configuration: configuration, diagnostics: sink)
    }()

    /// Types by Swift name.
    static let types: [String: TypeModel] = Dictionary(uniqueKeysWithValues: model.types.map { ($0.swiftName, $0) })

    /// Every object with an event type, sorted by event type.
    static let events: [ObjectModel] = model.types.compactMap { type -> ObjectModel? in
        guard case .object(let object) = type, object.eventType != nil else { return nil }
        return object
    }.sorted { ($0.eventType ?? "") < ($1.eventType ?? "") }

    /// How scalars are written.
    enum Style {
        /// As the spec says (dates with 7 fractional digits).
        case spec
        /// Numbers and booleans as strings, dates without an offset.
        case quirky
        /// As the spec says with dates in whole microseconds (exact round trips).
        case exact
    }

    static let sevenDigitDate = "2024-05-06T07:08:09.1234567Z"

    /// A value of the type, every member filled (nested objects recursively, arrays of one
    /// element, dictionaries of one entry, enums with their first value).
    static func value(_ type: SchemaType, style: Style, depth: Int = 0) -> JSONValue {
        switch type {
        case .string: return "sample text"
        case .int32, .int64, .integer: return style == .quirky ? "42" : 42
        case .double, .float: return style == .quirky ? "1.5" : 1.5
        case .bool: return style == .quirky ? "true" : true
        case .date:
            switch style {
            case .spec: return .string(sevenDigitDate)
            case .quirky: return "2024-05-06T07:08:09.123456"
            case .exact: return "2024-05-06T07:08:09.123456Z"
            }
        case .data: return "AQID"
        case .json: return ["free": "form", "n": 1]
        case .array(let element): return [value(element, style: style, depth: depth)]
        case .dictionary(let element): return ["key": value(element, style: style, depth: depth)]
        case .named(let name):
            switch types[name] {
            case .object(let object)?: return payload(object, style: style, depth: depth + 1)
            case .enumeration(let enumeration)?: return .string(enumeration.cases.first?.value ?? "value")
            case .alias(let alias)?: return value(alias.target, style: style, depth: depth)
            case nil: return .null
            }
        }
    }

    /// An object with every member filled. A polymorphic base is written as its first kind.
    /// Recursion (boxed members) stops after a few levels.
    static func payload(_ object: ObjectModel, style: Style, depth: Int = 0) -> JSONValue {
        var target = object
        if let discriminator = object.discriminator,
            case .object(let child)? = model.types.first(where: {
                if case .object(let candidate) = $0 {
                    return candidate.parents.contains(object.swiftName) && candidate.discriminatorValue != nil
                }
                return false
            })
        {
            target = child
            var members: [String: JSONValue] = [:]
            for property in target.properties where depth <= 3 || !refersToObject(property.type) {
                members[property.wireName] = value(property.type, style: style, depth: depth)
            }
            members[discriminator] = .string(child.discriminatorValue ?? "")
            return .object(members)
        }
        var members: [String: JSONValue] = [:]
        for property in target.properties where depth <= 3 || !refersToObject(property.type) {
            members[property.wireName] = value(property.type, style: style, depth: depth)
        }
        return .object(members)
    }

    /// Whether a type contains an object type (recursion stops at those after a few levels).
    static func refersToObject(_ type: SchemaType) -> Bool {
        switch type {
        case .array(let element), .dictionary(let element): return refersToObject(element)
        case .named(let name):
            if case .object? = types[name] { return true }
            if case .alias(let alias)? = types[name] { return refersToObject(alias.target) }
            return false
        default: return false
        }
    }

    /// Whether `actual` has every member of `expected` with an equal value (dates as instants,
    /// numbers by value).
    static func contains(_ actual: JSONValue?, _ expected: JSONValue, path: String = "$") -> [String] {
        guard let actual else { return ["\(path): missing"] }
        switch (expected, actual) {
        case (.object(let expectedMembers), .object(let actualMembers)):
            return expectedMembers.keys.sorted().flatMap {
                contains(actualMembers[$0], expectedMembers[$0] ?? .null, path: path + "." + $0)
            }
        case (.array(let expectedElements), .array(let actualElements)):
            guard expectedElements.count == actualElements.count else {
                return ["\(path): \(actualElements.count) elements"]
            }
            return zip(expectedElements, actualElements).enumerated().flatMap {
                contains($1.1, $1.0, path: path + "[\($0)]")
            }
        case (.string(let expectedText), .string(let actualText)):
            if expectedText == actualText { return [] }
            if let left = RFC3339.date(from: expectedText), let right = RFC3339.date(from: actualText),
                abs(left.timeIntervalSince(right)) < 0.000_001
            {
                return []
            }
            return ["\(path): \(actualText) is not \(expectedText)"]
        case (.int(let left), .double(let right)), (.double(let right), .int(let left)):
            return Double(left) == right ? [] : ["\(path): \(actual) is not \(expected)"]
        default:
            return actual == expected ? [] : ["\(path): \(actual) is not \(expected)"]
        }
    }

    /// The payload with every string scalar converted back to its typed form, for comparing a
    /// quirky payload's re-encoding: what the spec's types say it should become.
    static func typed(_ type: SchemaType, depth: Int = 0) -> JSONValue {
        value(type, style: .exact, depth: depth)
    }
}
