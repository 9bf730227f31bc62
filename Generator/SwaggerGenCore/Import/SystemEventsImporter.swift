/// Updates `Spec/SystemEvents/*.yaml` from a newer upstream `SystemEvents.json`.
///
/// The layout is that of `scripts/author-system-events-spec.py`: one file per provider, facts
/// copied from upstream (minus `description` and `x-ms-identifiers`), keys in a fixed order, and
/// `x-eventgrid-event-type` on every event-data model (the explicit extension, else the type the
/// upstream description names, see ``EventTypeInference``). Descriptions are ours: kept for every
/// definition, property and enum value that still exists, and a ``placeholderPrefix``
/// placeholder for anything new. Upstream prose is never copied.
public struct SystemEventsImporter {
    /// The text every placeholder description starts with; `check-descriptions` lists them.
    public static let placeholderPrefix = "TODO(description):"

    /// Definitions without an event type go to a provider by name prefix (longest wins).
    static let namePrefixes: [(prefix: String, provider: String)] = [
        ("Acs", "Communication"), ("Communication", "Communication"),
        ("MicrosoftTeams", "Communication"), ("PhoneNumber", "Communication"),
        ("recording", "Communication"),
        ("ApiCenter", "ApiCenter"), ("ApiManagement", "ApiManagement"),
        ("AppConfiguration", "AppConfiguration"), ("Avs", "AVS"),
        ("ContainerRegistry", "ContainerRegistry"), ("ContainerService", "ContainerService"),
        ("DataBox", "DataBox"), ("Device", "Devices"), ("IotHub", "Devices"),
        ("EventGrid", "EventGrid"), ("Subscription", "EventGrid"), ("EventHub", "EventHub"),
        ("Healthcare", "HealthcareApis"), ("KeyVault", "KeyVault"),
        ("MachineLearningServices", "MachineLearningServices"), ("Maps", "Maps"),
        ("Media", "Media"), ("PolicyInsights", "PolicyInsights"), ("Redis", "Cache"),
        ("ResourceNotifications", "ResourceNotifications"), ("Resource", "Resources"),
        ("ServiceBus", "ServiceBus"), ("SignalRService", "SignalRService"),
        ("Storage", "Storage"), ("Web", "Web"),
    ]
    /// The file of models used by several providers.
    static let common = "Common"
    static let dropped: Set<String> = ["x-ms-identifiers"]
    static let defaultVersion = "2024-01-01"

    /// One change the import makes, for the summary.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        /// What changed.
        public enum Kind: String, Sendable, Hashable {
            /// A definition (`+ type`, `- type`, `~ type`).
            case type
            /// A property (`Definition.property`).
            case property
            /// An event type.
            case eventType = "event type"
            /// The spec version (`info.version`): `~ version <new> (was <old>)`.
            case version
        }

        /// `+` added, `-` removed, `~` changed.
        public var sign: Character
        /// What changed.
        public var kind: Kind
        /// The name (`Definition`, `Definition.property` or the event type).
        public var name: String
        /// Details: the file of a new type, the definition of an event type, what differs.
        public var detail: String

        /// The summary line: `+ type ContosoThingEventData (Contoso.yaml)`.
        public var description: String {
            "\(sign) \(kind.rawValue) \(name)" + (detail.isEmpty ? "" : " (\(detail))")
        }
    }

    /// What an import gives.
    public struct Result: Sendable {
        /// Every output file by name (`Storage.yaml`) with its text.
        public var files: [String: String]
        /// Files of the spec folder that are no longer produced.
        public var removedFiles: [String]
        /// Files whose text differs from the existing one (new files included), sorted.
        public var changedFiles: [String]
        /// The changes: the version, types, properties, then event types; sorted within each.
        public var changes: [Change]
        /// How many placeholder descriptions the files hold.
        public var placeholders: Int

        /// The summary: one line per change, then a count line.
        public var summary: String {
            func count(_ kind: Change.Kind, _ sign: Character) -> Int {
                changes.filter { $0.kind == kind && $0.sign == sign }.count
            }
            var lines = changes.map(\.description)
            lines.append(
                "types: \(count(.type, "+")) added, \(count(.type, "-")) removed, \(count(.type, "~")) changed; "
                    + "properties: \(count(.property, "+")) added, \(count(.property, "-")) removed, "
                    + "\(count(.property, "~")) changed; "
                    + "event types: \(count(.eventType, "+")) added, \(count(.eventType, "-")) removed; "
                    + "files: \(changedFiles.count) written, \(removedFiles.count) removed; "
                    + "placeholders to write: \(placeholders)"
            )
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// A problem that stops the import.
    public struct ImportError: Error, Sendable, CustomStringConvertible {
        /// The one-line message.
        public var description: String
    }

    /// Creates an importer.
    public init() {}

    /// Imports an upstream document.
    /// - Parameters:
    ///   - upstream: The upstream Swagger (JSON or YAML).
    ///   - existing: The current spec files by name (`Storage.yaml`) with their text.
    ///   - diagnostics: Where the Read and Decode stages report problems.
    /// - Returns: The new files and the summary.
    /// - Throws: ``ImportError`` when the upstream or an existing file cannot be read, or the
    ///   event types are ambiguous.
    public func run(upstream: SpecInput, existing: [String: String], diagnostics: DiagnosticSink) throws -> Result {
        guard let root = YAMLReader().read(upstream, diagnostics: diagnostics) else {
            throw ImportError(description: "cannot read '\(upstream.path)'")
        }
        let document = SwaggerDecoder().decode(root, file: upstream.path, diagnostics: diagnostics)
        guard !diagnostics.hasErrors else {
            throw ImportError(description: "'\(upstream.path)' has errors")
        }
        let tree = SpecTree(root)
        guard let definitionsTree = tree["definitions"], definitionsTree.isMap else {
            throw ImportError(description: "'\(upstream.path)' has no definitions")
        }
        let definitions = definitionsTree.pairs
        let eventTypes = try eventTypeMapping(document)
        let provider = providers(definitions, eventTypes: eventTypes)
        let old = try OldSpecs(existing, diagnostics: diagnostics)
        let version = tree["info"]?["version"]?.text ?? Self.defaultVersion

        var placeholders = 0
        var byFile: [String: [(key: String, value: SpecTree)]] = [:]
        for (name, schema) in definitions {
            let file = provider[name] ?? Self.common
            let own = ownSchema(
                name, schema, eventType: eventTypes[name], old: old.definitions[name]?.schema,
                placeholders: &placeholders)
            byFile[file, default: []].append((key: name, value: rewriteRefs(own, here: file, provider: provider)))
        }
        var files: [String: String] = [:]
        for (file, body) in byFile {
            let fileName = file + ".yaml"
            let header =
                old.headers[fileName] ?? [
                    "# Written by swaggergen import-system-events from the facts of upstream",
                    "# SystemEvents.json (see SOURCE.md); descriptions are this project's own words.",
                ]
            let title =
                old.titles[fileName]
                ?? (file == Self.common
                    ? "Azure Event Grid system events: models shared by several providers"
                    : "Azure Event Grid system events: Microsoft.\(file)")
            var lines = header
            lines += [
                "swagger: '2.0'", "info:", "  title: \(SpecYAMLWriter.scalar(title))",
                "  version: \(SpecYAMLWriter.scalar(version))", "paths: {}", "definitions:",
            ]
            SpecYAMLWriter.write(body, indent: 1, order: nil, into: &lines)
            files[fileName] = lines.joined(separator: "\n") + "\n"
        }
        let removedFiles = existing.keys.filter { files[$0] == nil }.sorted()
        let changedFiles = files.keys.filter { existing[$0] != files[$0] }.sorted()
        var changes: [Change] = []
        if let oldVersion = old.version, oldVersion != version {
            changes.append(Change(sign: "~", kind: .version, name: version, detail: "was \(oldVersion)"))
        }
        changes += Self.changes(old: old, new: definitions, eventTypes: eventTypes, provider: provider)
        return Result(
            files: files, removedFiles: removedFiles, changedFiles: changedFiles, changes: changes,
            placeholders: placeholders)
    }

    // MARK: Event types and files

    func eventTypeMapping(_ document: SwaggerDocument) throws -> [String: String] {
        var mapping: [String: String] = [:]
        var owner: [String: String] = [:]
        for definition in document.definitions {
            let name = definition.name.value
            guard
                let type = definition.schema.eventType
                    ?? EventTypeInference.eventType(inDescription: definition.schema.description)
            else { continue }
            if let other = owner[type] {
                throw ImportError(description: "event type \(type) is named by both \(other) and \(name)")
            }
            owner[type] = name
            mapping[name] = type
        }
        return mapping
    }

    static func refName(_ ref: String) -> String {
        String(ref.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(ref))
    }

    static func refs(in tree: SpecTree) -> [String] {
        switch tree {
        case .scalar: return []
        case .list(let elements): return elements.flatMap(refs(in:))
        case .map(let pairs):
            return pairs.flatMap { pair -> [String] in
                if pair.key == "$ref", let text = pair.value.text { return [refName(text)] }
                return refs(in: pair.value)
            }
        }
    }

    static func providerOf(eventType: String) -> String {
        let segments = eventType.split(separator: ".", omittingEmptySubsequences: false)
        return segments.count > 1 ? String(segments[1]) : eventType
    }

    /// The provider (file name without `.yaml`) of every definition.
    func providers(
        _ definitions: [(key: String, value: SpecTree)], eventTypes: [String: String]
    ) -> [String: String] {
        var referrers: [String: Set<String>] = [:]
        for (name, schema) in definitions {
            for target in Self.refs(in: schema) where target != name {
                referrers[target, default: []].insert(name)
            }
        }
        func usingProviders(_ name: String) -> Set<String> {
            var seen: Set<String> = [name]
            var stack = [name]
            var found: Set<String> = []
            while let current = stack.popLast() {
                for referrer in referrers[current] ?? [] {
                    if let type = eventTypes[referrer] { found.insert(Self.providerOf(eventType: type)) }
                    if seen.insert(referrer).inserted { stack.append(referrer) }
                }
            }
            return found
        }
        var provider: [String: String] = [:]
        for (name, _) in definitions {
            if let type = eventTypes[name] {
                provider[name] = Self.providerOf(eventType: type)
                continue
            }
            let best = Self.namePrefixes.filter { name.hasPrefix($0.prefix) }
                .max { $0.prefix.count < $1.prefix.count }
            if let best {
                provider[name] = best.provider
            } else {
                let using = usingProviders(name)
                provider[name] = using.count == 1 ? using.first : Self.common
            }
        }
        return provider
    }

    func rewriteRefs(_ tree: SpecTree, here: String, provider: [String: String]) -> SpecTree {
        switch tree {
        case .scalar: return tree
        case .list(let elements): return .list(elements.map { rewriteRefs($0, here: here, provider: provider) })
        case .map(let pairs):
            return .map(
                pairs.map { pair in
                    if pair.key == "$ref", let text = pair.value.text {
                        let target = Self.refName(text)
                        guard let file = provider[target] else { return pair }
                        let ref = file == here ? "#/definitions/\(target)" : "./\(file).yaml#/definitions/\(target)"
                        return (key: pair.key, value: .string(ref))
                    }
                    return (key: pair.key, value: rewriteRefs(pair.value, here: here, provider: provider))
                })
        }
    }

    // MARK: Descriptions

    static func placeholder(_ what: String) -> SpecTree {
        .string("\(placeholderPrefix) \(what)")
    }

    /// A definition in our layout: upstream facts, our (or placeholder) descriptions.
    func ownSchema(
        _ name: String, _ schema: SpecTree, eventType: String?, old: SpecTree?, placeholders: inout Int
    ) -> SpecTree {
        func kept(_ description: SpecTree?, _ what: String) -> SpecTree {
            if let description, let text = description.text, !text.isEmpty {
                if text.hasPrefix(Self.placeholderPrefix) { placeholders += 1 }
                return .string(text)
            }
            placeholders += 1
            return Self.placeholder(what)
        }
        var out: [(key: String, value: SpecTree)] = []
        for (key, value) in schema.pairs where !Self.dropped.contains(key) && key != "description" {
            switch key {
            case "properties":
                let properties = value.pairs.map { property -> (key: String, value: SpecTree) in
                    let stripped = property.value.removing(Self.dropped.union(["description"]))
                    let description = kept(
                        old?["properties"]?[property.key]?["description"], "\(name).\(property.key)")
                    return (key: property.key, value: stripped.setting("description", description))
                }
                out.append((key: key, value: .map(properties)))
            case "x-ms-enum":
                var xmsEnum = value.removing(["values"])
                if let values = value["values"] {
                    let oldValues = old?["x-ms-enum"]?["values"]?.elements ?? []
                    let newValues = values.elements.map { element -> SpecTree in
                        let wire = element["value"]?.text ?? ""
                        let previous = oldValues.first { $0["value"]?.text == wire }?["description"]
                        return element.removing(["description"])
                            .setting("description", kept(previous, "\(name) value `\(wire)`"))
                    }
                    xmsEnum = xmsEnum.setting("values", .list(newValues))
                }
                out.append((key: key, value: xmsEnum))
            default:
                out.append((key: key, value: value))
            }
        }
        out.append((key: "description", value: kept(old?["description"], name)))
        if let eventType {
            out.append((key: "x-eventgrid-event-type", value: .string(eventType)))
        }
        return .map(out)
    }

    // MARK: The existing files

    /// What the current spec folder says.
    struct OldSpecs {
        var definitions: [String: (file: String, schema: SpecTree)] = [:]
        var headers: [String: [String]] = [:]
        var titles: [String: String] = [:]
        var version: String?

        init(_ existing: [String: String], diagnostics: DiagnosticSink) throws {
            for (file, text) in existing.sorted(by: { $0.key < $1.key }) {
                guard let root = YAMLReader().read(SpecInput(path: file, text: text), diagnostics: diagnostics) else {
                    throw ImportError(description: "cannot read '\(file)'")
                }
                let tree = SpecTree(root)
                headers[file] = Array(
                    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                        .prefix { $0.hasPrefix("#") })
                titles[file] = tree["info"]?["title"]?.text
                version = version ?? tree["info"]?["version"]?.text
                for (name, schema) in tree["definitions"]?.pairs ?? [] {
                    definitions[name] = (file, schema)
                }
            }
        }
    }

    // MARK: The summary

    static func comparable(_ tree: SpecTree) -> SpecTree {
        switch tree {
        case .scalar: return tree
        case .list(let elements): return .list(elements.map(comparable))
        case .map(let pairs):
            return .map(
                pairs.filter {
                    $0.key != "description" && $0.key != "x-eventgrid-event-type" && !dropped.contains($0.key)
                }
                .map { pair in
                    if pair.key == "$ref", let text = pair.value.text { return (pair.key, .string(refName(text))) }
                    return (pair.key, comparable(pair.value))
                })
        }
    }

    static func short(_ tree: SpecTree?) -> String {
        guard let tree else { return "none" }
        switch tree {
        case .scalar(let text, _): return text
        case .list(let elements): return "[" + elements.map { short($0) }.joined(separator: ", ") + "]"
        case .map(let pairs):
            return "{" + pairs.map { "\($0.key): \(short($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// How two schemas (descriptions removed) differ, as `type string → integer; …`.
    static func differences(_ old: SpecTree, _ new: SpecTree, skipping: Set<String>) -> [String] {
        var keys: [String] = []
        for key in old.pairs.map(\.key) + new.pairs.map(\.key) where !keys.contains(key) && !skipping.contains(key) {
            keys.append(key)
        }
        var out: [String] = []
        for key in keys {
            let before = old[key]
            let after = new[key]
            if let before, let after, before.sameContent(as: after) { continue }
            if before == nil && after == nil { continue }
            switch key {
            case "enum", "required":
                let was = Set(before?.elements.compactMap(\.text) ?? [])
                let now = Set(after?.elements.compactMap(\.text) ?? [])
                let added = now.subtracting(was).sorted().map { "+\($0)" }
                let removed = was.subtracting(now).sorted().map { "-\($0)" }
                let what = key == "enum" ? "enum values" : "required"
                out.append("\(what) " + (added + removed).joined(separator: " "))
            case "x-ms-enum":
                let detail = differences(before ?? .map([]), after ?? .map([]), skipping: ["values"])
                if !detail.isEmpty { out.append("x-ms-enum " + detail.joined(separator: ", ")) }
            default:
                out.append("\(key) \(short(before)) → \(short(after))")
            }
        }
        return out
    }

    static func changes(
        old: OldSpecs, new: [(key: String, value: SpecTree)], eventTypes: [String: String],
        provider: [String: String]
    ) -> [Change] {
        var types: [Change] = []
        var properties: [Change] = []
        let newNames = Set(new.map(\.key))
        for (name, schema) in new {
            guard let previous = old.definitions[name] else {
                types.append(Change(sign: "+", kind: .type, name: name, detail: "\(provider[name] ?? common).yaml"))
                continue
            }
            let before = comparable(previous.schema)
            let after = comparable(schema)
            let detail = differences(before, after, skipping: ["properties"])
            if !detail.isEmpty {
                types.append(Change(sign: "~", kind: .type, name: name, detail: detail.joined(separator: "; ")))
            }
            let oldProperties = before["properties"]?.pairs ?? []
            let newProperties = after["properties"]?.pairs ?? []
            for (property, value) in newProperties {
                guard let was = before["properties"]?[property] else {
                    properties.append(Change(sign: "+", kind: .property, name: "\(name).\(property)", detail: ""))
                    continue
                }
                let detail = differences(was, value, skipping: [])
                if !detail.isEmpty {
                    properties.append(
                        Change(
                            sign: "~", kind: .property, name: "\(name).\(property)",
                            detail: detail.joined(separator: "; ")))
                }
            }
            for (property, _) in oldProperties where after["properties"]?[property] == nil {
                properties.append(Change(sign: "-", kind: .property, name: "\(name).\(property)", detail: ""))
            }
        }
        for name in old.definitions.keys where !newNames.contains(name) {
            types.append(Change(sign: "-", kind: .type, name: name, detail: old.definitions[name]?.file ?? ""))
        }
        var oldEventTypes: [String: String] = [:]
        for (name, definition) in old.definitions {
            if let type = definition.schema["x-eventgrid-event-type"]?.text { oldEventTypes[type] = name }
        }
        var events: [Change] = []
        let newEventTypes = Dictionary(eventTypes.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for (type, name) in newEventTypes where oldEventTypes[type] == nil {
            events.append(Change(sign: "+", kind: .eventType, name: type, detail: name))
        }
        for (type, name) in oldEventTypes where newEventTypes[type] == nil {
            events.append(Change(sign: "-", kind: .eventType, name: type, detail: name))
        }
        for (type, name) in newEventTypes {
            if let was = oldEventTypes[type], was != name {
                events.append(Change(sign: "~", kind: .eventType, name: type, detail: "\(was) → \(name)"))
            }
        }
        func sorted(_ changes: [Change]) -> [Change] {
            changes.sorted { ($0.name, String($0.sign)) < ($1.name, String($1.sign)) }
        }
        return sorted(types) + sorted(properties) + sorted(events)
    }
}
