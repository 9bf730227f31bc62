// Renders the symbol graphs of one module (written by `swift-symbolgraph-extract`) as a
// human-readable API listing: one public declaration per line, sorted, with no paths, versions
// or timestamps. Built and run by scripts/api.sh; not part of the package.
//
// Usage: api-surface <module> <symbol-graph-dir>
//
// Line format:   <Module>[.<Parent>]: <declaration>[: <conformances>][ where <constraints>]
// Examples:      AzureCore: struct HTTPHeaders: Equatable, Hashable, Sendable, Sequence
//                AzureCore.HTTPHeaders: subscript(name: String) -> String? { get set }
// Lines are ordered by the symbol's path, then by the declaration text, so members follow their
// type. Raw values (enum cases, string constants) are not part of a declaration; golden tests
// guard those wire strings.

import Foundation

struct Fragment: Decodable {
    var spelling: String
}

struct Constraint: Decodable {
    var kind: String
    var lhs: String
    var rhs: String
}

struct SymbolGraph: Decodable {
    struct Symbol: Decodable {
        struct Kind: Decodable { var identifier: String }
        struct Identifier: Decodable { var precise: String }
        struct Extension: Decodable {
            var extendedModule: String?
            var constraints: [Constraint]?
        }
        struct Availability: Decodable {
            var domain: String?
            var introduced: Version?
            var deprecated: Version?
            var obsoleted: Version?
            var message: String?
            var renamed: String?
            var isUnconditionallyDeprecated: Bool?
            var isUnconditionallyUnavailable: Bool?
        }
        struct Version: Decodable {
            var major: Int
            var minor: Int?
            var patch: Int?
            var text: String {
                [major, minor, patch].compactMap { $0 }.map(String.init).joined(separator: ".")
            }
        }
        var kind: Kind
        var identifier: Identifier
        var pathComponents: [String]
        var declarationFragments: [Fragment]?
        var swiftExtension: Extension?
        var availability: [Availability]?
    }
    struct Relationship: Decodable {
        var kind: String
        var source: String
        var target: String
        var targetFallback: String?
        var swiftConstraints: [Constraint]?
    }
    var symbols: [Symbol]
    var relationships: [Relationship]
}

/// Conformances every type has or that only restate another one; listing them adds noise.
let implicitProtocols: Set<String> = ["Copyable", "Escapable", "BitwiseCopyable", "SendableMetatype"]

func render(_ constraints: [Constraint]) -> String {
    constraints.map { constraint in
        switch constraint.kind {
        case "sameType": return "\(constraint.lhs) == \(constraint.rhs)"
        default: return "\(constraint.lhs): \(constraint.rhs)"
        }
    }.sorted().joined(separator: ", ")
}

func render(_ availability: SymbolGraph.Symbol.Availability) -> String {
    var parts = [availability.domain ?? "*"]
    if let version = availability.introduced { parts.append("introduced: \(version.text)") }
    if availability.isUnconditionallyDeprecated == true { parts.append("deprecated") }
    if let version = availability.deprecated { parts.append("deprecated: \(version.text)") }
    if let version = availability.obsoleted { parts.append("obsoleted: \(version.text)") }
    if availability.isUnconditionallyUnavailable == true { parts.append("unavailable") }
    if let renamed = availability.renamed { parts.append("renamed: \"\(renamed)\"") }
    if let message = availability.message { parts.append("message: \"\(message)\"") }
    return "@available(\(parts.joined(separator: ", ")))"
}

/// One line of text: newlines and runs of spaces inside a declaration collapse to one space.
func oneLine(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("api-surface: \(message)\n".utf8))
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else { fail("usage: api-surface <module> <symbol-graph-dir>") }
let module = arguments[1]
let directory = URL(fileURLWithPath: arguments[2])

// <Module>.symbols.json, plus <Module>@<Other>.symbols.json for extensions of other modules' types.
let files: [URL]
do {
    files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        .filter {
            let name = $0.lastPathComponent
            return name == "\(module).symbols.json"
                || (name.hasPrefix("\(module)@") && name.hasSuffix(".symbols.json"))
        }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
} catch {
    fail("cannot list \(directory.path): \(error)")
}
guard files.contains(where: { $0.lastPathComponent == "\(module).symbols.json" }) else {
    fail("no \(module).symbols.json in \(directory.path)")
}

var symbols: [String: SymbolGraph.Symbol] = [:]
var relationships: [SymbolGraph.Relationship] = []
for file in files {
    let graph: SymbolGraph
    do {
        graph = try JSONDecoder().decode(SymbolGraph.self, from: Data(contentsOf: file))
    } catch {
        fail("cannot read \(file.lastPathComponent): \(error)")
    }
    for symbol in graph.symbols { symbols[symbol.identifier.precise] = symbol }
    relationships += graph.relationships
}

/// The name a conformance target is shown with: our own protocols by path, standard library
/// ones by name, others qualified with their module (`Foundation.LocalizedError`).
func protocolName(_ relationship: SymbolGraph.Relationship) -> String {
    if let local = symbols[relationship.target] {
        return local.pathComponents.joined(separator: ".")
    }
    let name = relationship.targetFallback ?? relationship.target
    return name.hasPrefix("Swift.") ? String(name.dropFirst("Swift.".count)) : name
}

var conformances: [String: [String]] = [:]
for relationship in relationships where relationship.kind == "conformsTo" {
    let name = protocolName(relationship)
    if implicitProtocols.contains(name) { continue }
    var text = name
    if let constraints = relationship.swiftConstraints, !constraints.isEmpty {
        text += " where " + render(constraints)
    }
    conformances[relationship.source, default: []].append(text)
}

struct Line {
    var key: [String]
    var text: String
}

var lines: [Line] = []
for symbol in symbols.values {
    var declaration = oneLine((symbol.declarationFragments ?? []).map(\.spelling).joined())
    if declaration.isEmpty { declaration = symbol.pathComponents.last ?? "?" }
    var path = symbol.pathComponents
    var parent = Array(path.dropLast())
    // Extension blocks (of other modules' types) are listed under the extended type's name.
    if symbol.kind.identifier == "swift.extension" {
        let extended = symbol.swiftExtension?.extendedModule.map { "\($0)." } ?? ""
        declaration = "extension \(extended)\(path.joined(separator: "."))"
        parent = []
        path = ["extension " + extended + path.joined(separator: ".")]
    } else if let extendedModule = symbol.swiftExtension?.extendedModule, extendedModule != module {
        parent = ["extension " + extendedModule + "." + parent.joined(separator: ".")]
        path = parent + [path.last ?? ""]
    }
    // A protocol's declaration already states what it refines.
    if symbol.kind.identifier != "swift.protocol", let list = conformances[symbol.identifier.precise] {
        // The same conformance may be stated twice (type and extension); list it once.
        declaration += ": " + Set(list).sorted().joined(separator: ", ")
    }
    if let constraints = symbol.swiftExtension?.constraints, !constraints.isEmpty {
        declaration += " where " + render(constraints)
    }
    let attributes = (symbol.availability ?? []).map(render).sorted()
    if !attributes.isEmpty { declaration = attributes.joined(separator: " ") + " " + declaration }
    let owner = ([module] + parent).joined(separator: ".")
    lines.append(Line(key: path, text: "\(owner): \(declaration)"))
}

lines.sort { left, right in
    if left.key != right.key { return left.key.lexicographicallyPrecedes(right.key) }
    return left.text < right.text
}
var output = ""
for line in lines { output += line.text + "\n" }
FileHandle.standardOutput.write(Data(output.utf8))
