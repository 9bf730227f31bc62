import Foundation

/// Settings of the Resolve stage.
public struct ResolverOptions: Sendable, Hashable {
    /// Appended to every generated type name (`Model` for the package wire models, empty for
    /// public models).
    public var typeSuffix: String

    /// Creates options.
    /// - Parameter typeSuffix: The type-name suffix.
    public init(typeSuffix: String) {
        self.typeSuffix = typeSuffix
    }
}

/// Finds a spec file named by a cross-file `$ref` (path already joined and normalized).
public typealias DocumentLoader = (String) -> SwaggerDocument?

/// The Resolve stage: documents → one ``ServiceModel``.
public protocol ServiceResolving {
    /// Resolves entry documents (and the files they reference) into a service model.
    /// - Parameters:
    ///   - entries: The documents given on the command line.
    ///   - loader: Loads other files named by `$ref`.
    ///   - options: Settings.
    ///   - diagnostics: Where problems go.
    /// - Returns: The model (partial when errors were reported).
    func resolve(
        _ entries: [SwaggerDocument],
        loader: @escaping DocumentLoader,
        options: ResolverOptions,
        diagnostics: DiagnosticSink
    ) -> ServiceModel
}

/// Resolves `$ref`s (local and cross-file), flattens `allOf`, turns `x-ms-enum` and inline
/// enums into enum types, strips `?overload=` from `x-ms-paths`, resolves the parameterized
/// host, assigns every Swift name through ``Naming`` and sorts everything.
///
/// Value cycles: Swift structs cannot contain themselves, and `Optional` does not break that.
/// An optional property that closes a cycle is stored boxed (in a one-element array, behind a
/// computed optional property). A required property on a cycle of required properties could
/// never be built (upstream `AcsRouterCommunicationError.innererror` is one): it is generated
/// as optional and boxed, with a warning. Arrays and dictionaries break cycles on their own.
/// What cannot be represented at all is an error: a definition that is only a `$ref` to
/// itself (directly or through other aliases) and an `allOf` cycle.
public struct Resolver: ServiceResolving {
    /// Creates a resolver.
    public init() {}

    /// Resolves entry documents (and the files they reference) into a service model.
    /// - Parameters:
    ///   - entries: The documents given on the command line.
    ///   - loader: Loads other files named by `$ref`.
    ///   - options: Settings.
    ///   - diagnostics: Where problems go.
    /// - Returns: The model (partial when errors were reported).
    public func resolve(
        _ entries: [SwaggerDocument],
        loader: @escaping DocumentLoader,
        options: ResolverOptions,
        diagnostics: DiagnosticSink
    ) -> ServiceModel {
        let run = ResolverRun(loader: loader, options: options, diagnostics: diagnostics, entries: entries)
        return run.run()
    }
}

private struct DefinitionKey: Hashable {
    var file: String
    var name: String
}

private final class ResolverRun {
    let loader: DocumentLoader
    let options: ResolverOptions
    let diagnostics: DiagnosticSink
    let entries: [SwaggerDocument]
    var documents: [String: SwaggerDocument?] = [:]
    var references: [DefinitionKey: SchemaType] = [:]
    var building: Set<DefinitionKey> = []
    var objects: [DefinitionKey: ObjectModel] = [:]
    var types: [String: TypeModel] = [:]

    init(
        loader: @escaping DocumentLoader, options: ResolverOptions, diagnostics: DiagnosticSink,
        entries: [SwaggerDocument]
    ) {
        self.loader = loader
        self.options = options
        self.diagnostics = diagnostics
        self.entries = entries
        for entry in entries {
            documents[entry.file] = entry
        }
    }

    func run() -> ServiceModel {
        var operations: [OperationModel] = []
        var host: HostModel?
        for entry in entries {
            for definition in entry.definitions {
                _ = reference(
                    DefinitionKey(file: entry.file, name: definition.name.value), at: definition.name.location)
            }
            if host == nil, let parameterized = entry.parameterizedHost {
                host = hostModel(parameterized, file: entry.file)
            }
            operations += operationModels(entry)
        }
        markCycles()
        var seenOperations: [String: SourceLocation] = [:]
        for operation in operations {
            if let previous = seenOperations[operation.functionName] {
                diagnostics.error(
                    "operation '\(operation.operationId)' has the same Swift name as the one at \(previous)",
                    at: operation.location
                )
            }
            seenOperations[operation.functionName] = operation.location
        }
        return ServiceModel(
            sourceFile: entries.map(\.file).joined(separator: ", "),
            title: entries.first?.title,
            version: entries.first?.version,
            host: host,
            types: types.values.sorted { $0.swiftName < $1.swiftName },
            operations: operations.sorted { $0.operationId < $1.operationId }
        )
    }

    // MARK: Files and references

    func document(_ file: String) -> SwaggerDocument? {
        if let cached = documents[file] { return cached }
        let loaded = loader(file)
        documents[file] = loaded
        return loaded
    }

    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return String(file[...slash])
    }

    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        let isAbsolute = path.hasPrefix("/")
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return (isAbsolute ? "/" : "") + parts.joined(separator: "/")
    }

    static func unescapePointer(_ text: Substring) -> String {
        text.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    static func escapePointer(_ text: String) -> String {
        text.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// Splits a `$ref` into its file (joined to the referring file's folder) and the name under `section`.
    func target(of ref: Located<String>, from file: String, section: String) -> DefinitionKey? {
        let text = ref.value
        let hash = text.firstIndex(of: "#") ?? text.endIndex
        let filePart = String(text[..<hash])
        let pointer = hash < text.endIndex ? text[text.index(after: hash)...] : ""
        let prefix = "/\(section)/"
        guard pointer.hasPrefix(prefix), pointer.count > prefix.count else {
            diagnostics.error("unsupported $ref '\(text)': expected '#\(prefix)<name>'", at: ref.location)
            return nil
        }
        let targetFile = filePart.isEmpty ? file : Self.normalize(Self.directory(of: file) + filePart)
        return DefinitionKey(file: targetFile, name: Self.unescapePointer(pointer.dropFirst(prefix.count)))
    }

    func definition(_ key: DefinitionKey, at location: SourceLocation, ref: String) -> Schema? {
        guard let document = document(key.file) else {
            diagnostics.error("dangling $ref '\(ref)': cannot read '\(key.file)'", at: location)
            return nil
        }
        guard let found = document.definitions.first(where: { $0.name.value == key.name }) else {
            diagnostics.error("dangling $ref '\(ref)': no definition '\(key.name)' in \(key.file)", at: location)
            return nil
        }
        return found.schema
    }

    func provenance(_ key: DefinitionKey, suffix: String = "") -> String {
        let filePrefix: String
        if entries.contains(where: { $0.file == key.file }) {
            filePrefix = ""
        } else {
            filePrefix = String(key.file.split(separator: "/").last ?? Substring(key.file))
        }
        return "\(filePrefix)#/definitions/\(Self.escapePointer(key.name))\(suffix)"
    }

    // MARK: Types

    func register(_ model: TypeModel, at location: SourceLocation) {
        if let existing = types[model.swiftName] {
            if case .enumeration(let old) = existing, case .enumeration(let new) = model,
                old.cases.map(\.value) == new.cases.map(\.value)
            {
                return
            }
            diagnostics.error("type name '\(Naming.bare(model.swiftName))' is used twice", at: location)
            return
        }
        types[model.swiftName] = model
    }

    static func isObjectShape(_ schema: Schema) -> Bool {
        !schema.properties.isEmpty || !schema.allOf.isEmpty || schema.discriminator != nil
    }

    static func isEnumShape(_ schema: Schema) -> Bool {
        (schema.type?.value ?? "string") == "string" && (schema.enumValues != nil || schema.xmsEnum != nil)
    }

    /// The type a reference to a definition stands for; builds the definition's type on first use.
    func reference(_ key: DefinitionKey, at location: SourceLocation, ref: String? = nil) -> SchemaType? {
        if let known = references[key] { return known }
        let refText = ref ?? "#/definitions/\(key.name)"
        guard let schema = definition(key, at: location, ref: refText) else { return nil }
        if building.contains(key) {
            diagnostics.error("$ref cycle: '\(key.name)' refers to itself without a type in between", at: location)
            return nil
        }
        let swiftName = Naming.typeName(key.name + options.typeSuffix)
        if Self.isObjectShape(schema) {
            references[key] = .named(swiftName)
            _ = objectModel(key, schema: schema, swiftName: swiftName)
            return .named(swiftName)
        }
        if Self.isEnumShape(schema) {
            let model = enumModel(schema, swiftName: swiftName, provenance: provenance(key), file: key.file)
            register(.enumeration(model), at: schema.location)
            references[key] = .named(swiftName)
            return .named(swiftName)
        }
        building.insert(key)
        let resolved = typeOf(schema, file: key.file, owner: key.name, property: nil)
        building.remove(key)
        guard let resolved else { return nil }
        let alias = AliasModel(
            swiftName: swiftName, provenance: provenance(key), description: schema.description,
            target: resolved, location: schema.location, file: key.file
        )
        register(.alias(alias), at: schema.location)
        references[key] = resolved
        return resolved
    }

    func objectModel(_ key: DefinitionKey, schema: Schema, swiftName: String) -> ObjectModel? {
        if let done = objects[key] { return done }
        if building.contains(key) {
            diagnostics.error("allOf cycle through '\(key.name)'", at: schema.location)
            return nil
        }
        building.insert(key)
        defer { building.remove(key) }
        var model = buildObject(
            schema, file: key.file, owner: key.name, swiftName: swiftName, provenance: provenance(key)
        )
        // Upstream names the event type only in the definition's own description; an explicit
        // `x-eventgrid-event-type` wins. Property descriptions are never read.
        if model.eventType == nil {
            model.eventType = EventTypeInference.eventType(inDescription: schema.description)
        }
        objects[key] = model
        register(.object(model), at: schema.location)
        return model
    }

    func buildObject(_ schema: Schema, file: String, owner: String, swiftName: String, provenance: String)
        -> ObjectModel
    {
        var properties: [PropertyModel] = []
        var parents: [String] = []
        var additional: SchemaType?
        func merge(_ property: PropertyModel) {
            if let index = properties.firstIndex(where: { $0.wireName == property.wireName }) {
                properties[index] = property
            } else {
                properties.append(property)
            }
        }
        for parent in schema.allOf {
            if let ref = parent.ref {
                guard let key = target(of: ref, from: file, section: "definitions"),
                    let parentSchema = definition(key, at: ref.location, ref: ref.value)
                else { continue }
                guard Self.isObjectShape(parentSchema) || parentSchema.type?.value == "object" else {
                    diagnostics.error("allOf entry '\(ref.value)' is not an object", at: ref.location)
                    continue
                }
                let parentName = Naming.typeName(key.name + options.typeSuffix)
                parents.append(parentName)
                if references[key] == nil { references[key] = .named(parentName) }
                guard let parentModel = objectModel(key, schema: parentSchema, swiftName: parentName) else { continue }
                parentModel.properties.forEach(merge)
                if let parentAdditional = parentModel.additionalProperties { additional = parentAdditional }
            } else {
                let inline = buildObject(parent, file: file, owner: owner, swiftName: swiftName, provenance: provenance)
                inline.properties.forEach(merge)
                if let inlineAdditional = inline.additionalProperties { additional = inlineAdditional }
            }
        }
        let required = Set(schema.required.map(\.value))
        for property in schema.properties {
            guard let type = typeOf(property.schema, file: file, owner: owner, property: property.name.value) else {
                continue
            }
            merge(
                PropertyModel(
                    wireName: property.name.value,
                    swiftName: Naming.memberName(property.schema.clientName ?? property.name.value),
                    type: type,
                    isRequired: required.contains(property.name.value),
                    isNullable: property.schema.nullable ?? false,
                    description: property.schema.description,
                    isReadOnly: property.schema.readOnly,
                    isBoxed: false,
                    location: property.name.location
                )
            )
        }
        for name in schema.required {
            if let index = properties.firstIndex(where: { $0.wireName == name.value }) {
                properties[index].isRequired = true
            } else if schema.allOf.isEmpty {
                diagnostics.warning("required property '\(name.value)' is not among the properties", at: name.location)
            }
        }
        switch schema.additionalProperties {
        case .bool(true)?: additional = .json
        case .schema(let valueSchema)?:
            additional = typeOf(valueSchema, file: file, owner: owner, property: "AdditionalProperties")
        case .bool(false)?, nil: break
        }
        var seen: [String: SourceLocation] = [:]
        for property in properties {
            if let previous = seen[property.swiftName] {
                diagnostics.error(
                    "property '\(property.wireName)' gets the Swift name '\(Naming.bare(property.swiftName))' of the property at \(previous)",
                    at: property.location
                )
            }
            seen[property.swiftName] = property.location
        }
        if additional != nil, seen["additionalProperties"] != nil {
            diagnostics.error(
                "a property named 'additionalProperties' collides with the additional properties member",
                at: schema.location)
        }
        return ObjectModel(
            swiftName: swiftName, provenance: provenance, description: schema.description,
            properties: properties, additionalProperties: additional, discriminator: schema.discriminator,
            discriminatorValue: schema.discriminatorValue,
            eventType: schema.eventType,
            location: schema.location, file: file, parents: parents
        )
    }

    func enumModel(_ schema: Schema, swiftName: String, provenance: String, file: String) -> EnumModel {
        var cases: [EnumCaseModel] = []
        if let values = schema.xmsEnum?.values, !values.isEmpty {
            cases = values.map {
                EnumCaseModel(
                    swiftName: Naming.memberName($0.name ?? $0.value), value: $0.value, description: $0.description)
            }
        } else {
            cases = (schema.enumValues ?? []).map {
                EnumCaseModel(swiftName: Naming.memberName($0), value: $0, description: nil)
            }
        }
        var seen: Set<String> = []
        var unique: [EnumCaseModel] = []
        for enumCase in cases {
            if seen.contains(enumCase.swiftName) {
                if !unique.contains(where: { $0.value == enumCase.value }) {
                    diagnostics.error(
                        "enum value '\(enumCase.value)' gets the Swift name '\(Naming.bare(enumCase.swiftName))' of another value",
                        at: schema.location
                    )
                }
                continue
            }
            seen.insert(enumCase.swiftName)
            unique.append(enumCase)
        }
        return EnumModel(
            swiftName: swiftName, provenance: provenance, description: schema.description, cases: unique,
            location: schema.location, file: file
        )
    }

    /// The type of a schema used as a property, items, body or parameter type.
    func typeOf(_ schema: Schema, file: String, owner: String, property: String?) -> SchemaType? {
        if let ref = schema.ref {
            guard let key = target(of: ref, from: file, section: "definitions") else { return nil }
            return reference(key, at: ref.location, ref: ref.value)
        }
        let inlineName = owner + "_" + (property ?? "")
        let inlineProvenance = provenance(
            DefinitionKey(file: file, name: owner),
            suffix: property.map { "/properties/\(Self.escapePointer($0))" } ?? ""
        )
        if Self.isEnumShape(schema) {
            let name = Naming.typeName((schema.xmsEnum?.name ?? inlineName) + options.typeSuffix)
            let model = enumModel(schema, swiftName: name, provenance: inlineProvenance, file: file)
            register(.enumeration(model), at: schema.location)
            return .named(name)
        }
        if Self.isObjectShape(schema) {
            let name = Naming.typeName(inlineName + options.typeSuffix)
            let model = buildObject(
                schema, file: file, owner: inlineName, swiftName: name, provenance: inlineProvenance)
            register(.object(model), at: schema.location)
            return .named(name)
        }
        guard let type = schema.type else {
            return schema.additionalProperties.flatMap {
                dictionaryType($0, schema: schema, file: file, owner: owner, property: property)
            }
                ?? .json
        }
        switch type.value {
        case "string":
            switch schema.format {
            case "date-time": return .date
            case "byte": return .data
            default: return .string
            }
        case "integer":
            switch schema.format {
            case "int32": return .int32
            case "int64": return .int64
            default: return .integer
            }
        case "number":
            return schema.format == "float" ? .float : .double
        case "boolean":
            return .bool
        case "array":
            guard let items = schema.items else {
                diagnostics.error("an array schema needs 'items'", at: schema.location)
                return nil
            }
            return typeOf(items.value, file: file, owner: owner, property: property.map { $0 + "Item" }).map {
                .array($0)
            }
        case "object":
            return schema.additionalProperties.flatMap {
                dictionaryType($0, schema: schema, file: file, owner: owner, property: property)
            }
                ?? .json
        default:
            diagnostics.error("unknown type '\(type.value)'", at: type.location)
            return nil
        }
    }

    func dictionaryType(
        _ additional: AdditionalProperties, schema: Schema, file: String, owner: String, property: String?
    ) -> SchemaType? {
        switch additional {
        case .bool(true): return .dictionary(.json)
        case .bool(false): return nil
        case .schema(let valueSchema):
            return typeOf(valueSchema, file: file, owner: owner, property: (property ?? "") + "Value").map {
                .dictionary($0)
            }
        }
    }

    // MARK: Operations

    func parameter(_ parameter: Parameter, file: String) -> (Parameter, String)? {
        guard let ref = parameter.ref else { return (parameter, file) }
        guard let key = target(of: ref, from: file, section: "parameters") else { return nil }
        guard let document = document(key.file) else {
            diagnostics.error("dangling $ref '\(ref.value)': cannot read '\(key.file)'", at: ref.location)
            return nil
        }
        guard let found = document.parameters.first(where: { $0.name.value == key.name }) else {
            diagnostics.error(
                "dangling $ref '\(ref.value)': no parameter '\(key.name)' in \(key.file)", at: ref.location)
            return nil
        }
        return (found.parameter, key.file)
    }

    func parameterModel(_ raw: Parameter, file: String, owner: String) -> ParameterModel? {
        guard let (parameter, parameterFile) = self.parameter(raw, file: file) else { return nil }
        guard let name = parameter.name, let placeText = parameter.location else { return nil }
        let place: ParameterPlace
        switch placeText.value {
        case "path": place = .path
        case "query": place = .query
        case "header": place = .header
        case "body": place = .body
        default:
            diagnostics.error("parameters in '\(placeText.value)' are not supported", at: placeText.location)
            return nil
        }
        let type: SchemaType?
        if place == .body {
            if let schema = parameter.schema {
                type = typeOf(schema, file: parameterFile, owner: owner, property: name.value)
            } else {
                diagnostics.error("a body parameter needs a 'schema'", at: parameter.nodeLocation)
                type = nil
            }
        } else if let schema = parameter.typeSchema {
            type = typeOf(schema, file: parameterFile, owner: owner, property: name.value)
        } else {
            diagnostics.error("parameter '\(name.value)' needs a 'type'", at: parameter.nodeLocation)
            type = nil
        }
        guard let type else { return nil }
        return ParameterModel(
            wireName: name.value,
            swiftName: Naming.memberName(parameter.clientName ?? name.value),
            place: place,
            type: type,
            isRequired: parameter.required || place == .path,
            description: parameter.description,
            location: raw.ref?.location ?? name.location
        )
    }

    func hostModel(_ host: ParameterizedHost, file: String) -> HostModel {
        let parameters = host.parameters.compactMap { parameterModel($0, file: file, owner: "Host") }
        for parameter in parameters where !host.hostTemplate.value.contains("{\(parameter.wireName)}") {
            diagnostics.warning(
                "host parameter '\(parameter.wireName)' is not in the host template", at: parameter.location)
        }
        return HostModel(
            template: host.hostTemplate.value, useSchemePrefix: host.useSchemePrefix, parameters: parameters)
    }

    func operationModels(_ document: SwaggerDocument) -> [OperationModel] {
        var result: [OperationModel] = []
        for item in document.paths {
            var path = item.path.value
            if let question = path.firstIndex(of: "?") {
                if !item.isExtension {
                    diagnostics.warning("a query in a 'paths' key belongs in 'x-ms-paths'", at: item.path.location)
                }
                path = String(path[..<question])
            }
            for operation in item.operations {
                guard let operationId = operation.operationId else { continue }
                var byKey: [String: Parameter] = [:]
                var order: [String] = []
                for raw in item.parameters + operation.parameters {
                    guard let (resolved, _) = parameter(raw, file: document.file),
                        let name = resolved.name?.value, let place = resolved.location?.value
                    else { continue }
                    let key = place + ":" + name
                    if byKey[key] == nil { order.append(key) }
                    byKey[key] = raw
                }
                var parameters = order.compactMap { byKey[$0] }.compactMap {
                    parameterModel($0, file: document.file, owner: operationId.value)
                }
                parameters = parameters.filter { $0.place == .body } + parameters.filter { $0.place != .body }
                var seen: [String: SourceLocation] = [:]
                for parameter in parameters {
                    if let previous = seen[parameter.swiftName] {
                        diagnostics.error(
                            "parameter '\(parameter.wireName)' gets the Swift name '\(Naming.bare(parameter.swiftName))' of the parameter at \(previous)",
                            at: parameter.location
                        )
                    }
                    seen[parameter.swiftName] = parameter.location
                }
                if parameters.filter({ $0.place == .body }).count > 1 {
                    diagnostics.error("an operation can have only one body parameter", at: operation.location)
                }
                for parameter in parameters where parameter.place == .path && !path.contains("{\(parameter.wireName)}")
                {
                    diagnostics.error(
                        "path parameter '\(parameter.wireName)' is not in the path", at: parameter.location)
                }
                var successCodes = operation.responses.compactMap { Int($0.code.value) }.filter {
                    (200..<300).contains($0)
                }
                successCodes.sort()
                if successCodes.isEmpty {
                    diagnostics.warning("the operation lists no 2xx response; 200 is assumed", at: operation.location)
                    successCodes = [200]
                }
                let hasBody = parameters.contains { $0.place == .body }
                let section = item.isExtension ? "x-ms-paths" : "paths"
                result.append(
                    OperationModel(
                        operationId: operationId.value,
                        typeName: Naming.typeName(operationId.value),
                        functionName: Naming.memberName(operationId.value),
                        method: operation.method.uppercased(),
                        path: path,
                        description: operation.description ?? operation.summary,
                        contentType: hasBody ? (operation.consumes?.first ?? document.consumes.first) : nil,
                        parameters: parameters,
                        successCodes: successCodes,
                        provenance: "#/\(section)/\(Self.escapePointer(item.path.value))/\(operation.method)",
                        location: operationId.location
                    )
                )
            }
        }
        return result
    }

    // MARK: Cycles

    func markCycles() {
        var objectsByName: [String: ObjectModel] = [:]
        for case .object(let model) in types.values {
            objectsByName[model.swiftName] = model
        }
        func edges(_ model: ObjectModel, requiredOnly: Bool) -> [(Int, String)] {
            model.properties.enumerated().compactMap { index, property in
                guard case .named(let target) = property.type, objectsByName[target] != nil else { return nil }
                return requiredOnly && !property.isRequired ? nil : (index, target)
            }
        }
        func reaches(from start: String, to goal: String, requiredOnly: Bool) -> Bool {
            var stack = [start]
            var visited: Set<String> = []
            while let name = stack.popLast() {
                if name == goal { return true }
                guard visited.insert(name).inserted, let model = objectsByName[name] else { continue }
                stack += edges(model, requiredOnly: requiredOnly).map(\.1)
            }
            return false
        }
        // Pass 1: a required property on a cycle of required properties could never be
        // built; it is made optional (with a warning) so the next pass boxes it.
        for name in objectsByName.keys.sorted() {
            guard var model = objectsByName[name] else { continue }
            for (index, target) in edges(model, requiredOnly: true)
            where reaches(from: target, to: name, requiredOnly: true) {
                let property = model.properties[index]
                diagnostics.warning(
                    "required property '\(property.wireName)' makes '\(Naming.bare(name))' contain itself; it is generated as optional",
                    at: property.location
                )
                model.properties[index].isRequired = false
                objectsByName[name] = model
            }
        }
        // Pass 2: every optional property that closes a value cycle is stored boxed.
        for name in objectsByName.keys.sorted() {
            guard var model = objectsByName[name] else { continue }
            for (index, target) in edges(model, requiredOnly: false)
            where reaches(from: target, to: name, requiredOnly: false) {
                model.properties[index].isBoxed = true
            }
            types[name] = .object(model)
        }
    }
}
