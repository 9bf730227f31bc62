/// The Decode stage: turns a ``YAMLNode`` tree into a typed ``SwaggerDocument``.
public protocol SwaggerDecoding {
    /// Decodes a document; problems go to `diagnostics`.
    /// - Parameters:
    ///   - root: The root node.
    ///   - file: The file it was read from.
    ///   - diagnostics: Where problems go.
    /// - Returns: The document (possibly partial when errors were reported).
    func decode(_ root: YAMLNode, file: String, diagnostics: DiagnosticSink) -> SwaggerDocument
}

/// Decodes the Swagger 2.0 subset. Unknown keys are warnings; known Azure extensions that do not
/// change the generated code (`x-ms-examples`, `tags`, validation keywords …) are accepted
/// silently; wrong node kinds are errors.
public struct SwaggerDecoder: SwaggerDecoding {
    /// Creates a decoder.
    public init() {}

    /// Decodes a document; problems go to `diagnostics`.
    /// - Parameters:
    ///   - root: The root node.
    ///   - file: The file it was read from.
    ///   - diagnostics: Where problems go.
    /// - Returns: The document (possibly partial when errors were reported).
    public func decode(_ root: YAMLNode, file: String, diagnostics: DiagnosticSink) -> SwaggerDocument {
        var context = Context(diagnostics: diagnostics)
        return context.document(root, file: file)
    }
}

private let ignoredDocumentKeys: Set<String> = [
    "security", "securityDefinitions", "tags", "externalDocs", "responses", "x-ms-code-generation-settings",
]
private let ignoredInfoKeys: Set<String> = [
    "description", "termsOfService", "contact", "license", "x-ms-code-generation-settings",
]
private let ignoredOperationKeys: Set<String> = [
    "tags", "x-ms-examples", "deprecated", "x-ms-long-running-operation", "x-ms-long-running-operation-options",
    "x-ms-pageable", "security", "externalDocs", "schemes", "x-ms-request-id", "x-ms-odata",
]
private let ignoredParameterKeys: Set<String> = [
    "x-ms-parameter-location", "x-ms-skip-url-encoding", "x-ms-client-flatten", "x-ms-parameter-grouping",
    "x-ms-header-collection-prefix", "x-ms-client-request-id", "collectionFormat", "allowEmptyValue",
    "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
    "minItems", "maxItems", "uniqueItems", "multipleOf", "x-ms-api-version",
]
private let ignoredSchemaKeys: Set<String> = [
    "x-ms-identifiers", "x-ms-secret", "x-ms-mutability", "x-ms-azure-resource", "x-ms-external", "title",
    "example", "default", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "pattern", "minItems", "maxItems", "uniqueItems", "multipleOf", "x-ms-client-flatten", "x-ms-client-default",
    "externalDocs", "xml", "x-ms-flatten", "minProperties", "maxProperties", "x-ms-client-name-override",
]
private let ignoredResponseKeys: Set<String> = ["headers", "examples", "x-ms-error-response"]
private let operationMethods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch"]

private struct Context {
    let diagnostics: DiagnosticSink

    // MARK: Node helpers

    func mapping(_ node: YAMLNode, _ what: String) -> [YAMLNode.Pair]? {
        if let pairs = node.pairs { return pairs }
        diagnostics.error("\(what) must be a mapping, not \(node.kindName)", at: node.location)
        return nil
    }

    func string(_ node: YAMLNode, _ what: String) -> String? {
        if let scalar = node.scalar { return scalar.value }
        diagnostics.error("\(what) must be a string, not \(node.kindName)", at: node.location)
        return nil
    }

    func located(_ node: YAMLNode, _ what: String) -> Located<String>? {
        string(node, what).map { Located($0, at: node.location) }
    }

    func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        if let scalar = node.scalar, scalar.isPlain {
            switch scalar.value {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        diagnostics.error("\(what) must be true or false", at: node.location)
        return nil
    }

    func strings(_ node: YAMLNode, _ what: String) -> [String]? {
        locatedStrings(node, what)?.map(\.value)
    }

    func locatedStrings(_ node: YAMLNode, _ what: String) -> [Located<String>]? {
        guard let elements = node.elements else {
            diagnostics.error("\(what) must be a sequence, not \(node.kindName)", at: node.location)
            return nil
        }
        return elements.compactMap { located($0, "an entry of \(what)") }
    }

    func unknown(_ key: YAMLNode, in what: String) {
        let name = key.scalar?.value ?? "?"
        diagnostics.warning("unknown key '\(name)' in \(what) is ignored", at: key.location)
    }

    // MARK: Document

    mutating func document(_ root: YAMLNode, file: String) -> SwaggerDocument {
        var document = SwaggerDocument(file: file)
        guard let pairs = mapping(root, "the document") else { return document }
        if root["swagger"] == nil {
            diagnostics.error("missing 'swagger: \"2.0\"'", at: root.location)
        }
        for pair in pairs {
            guard let key = pair.key.scalar?.value else {
                unknown(pair.key, in: "the document")
                continue
            }
            let value = pair.value
            switch key {
            case "swagger":
                if let version = string(value, "'swagger'"), version != "2.0" {
                    diagnostics.error("only Swagger 2.0 is supported, not '\(version)'", at: value.location)
                }
            case "info":
                guard let infoPairs = mapping(value, "'info'") else { continue }
                for info in infoPairs {
                    switch info.key.scalar?.value {
                    case "title": document.title = string(info.value, "'info.title'")
                    case "version": document.version = string(info.value, "'info.version'")
                    case let other? where ignoredInfoKeys.contains(other) || other.hasPrefix("x-"): break
                    default: unknown(info.key, in: "'info'")
                    }
                }
            case "host": document.host = string(value, "'host'")
            case "basePath": document.basePath = string(value, "'basePath'")
            case "schemes": document.schemes = strings(value, "'schemes'") ?? []
            case "consumes": document.consumes = strings(value, "'consumes'") ?? []
            case "produces": document.produces = strings(value, "'produces'") ?? []
            case "paths", "x-ms-paths":
                guard let pathPairs = mapping(value, "'\(key)'") else { continue }
                for pathPair in pathPairs {
                    guard let path = located(pathPair.key, "a path") else { continue }
                    if let item = pathItem(pathPair.value, path: path, isExtension: key == "x-ms-paths") {
                        document.paths.append(item)
                    }
                }
            case "definitions":
                guard let definitionPairs = mapping(value, "'definitions'") else { continue }
                for definition in definitionPairs {
                    guard let name = located(definition.key, "a definition name") else { continue }
                    document.definitions.append(NamedSchema(name: name, schema: schema(definition.value)))
                }
            case "parameters":
                guard let parameterPairs = mapping(value, "'parameters'") else { continue }
                for entry in parameterPairs {
                    guard let name = located(entry.key, "a parameter name") else { continue }
                    document.parameters.append(NamedParameter(name: name, parameter: parameter(entry.value)))
                }
            case "x-ms-parameterized-host":
                document.parameterizedHost = parameterizedHost(value)
            default:
                if !ignoredDocumentKeys.contains(key) { unknown(pair.key, in: "the document") }
            }
        }
        return document
    }

    mutating func parameterizedHost(_ node: YAMLNode) -> ParameterizedHost? {
        guard let pairs = mapping(node, "'x-ms-parameterized-host'") else { return nil }
        var template: Located<String>?
        var useSchemePrefix = true
        var parameters: [Parameter] = []
        for pair in pairs {
            switch pair.key.scalar?.value {
            case "hostTemplate": template = located(pair.value, "'hostTemplate'")
            case "useSchemePrefix": useSchemePrefix = bool(pair.value, "'useSchemePrefix'") ?? true
            case "positionInOperation": break
            case "parameters":
                guard let elements = pair.value.elements else {
                    diagnostics.error(
                        "'parameters' must be a sequence, not \(pair.value.kindName)", at: pair.value.location)
                    continue
                }
                parameters = elements.map { parameter($0) }
            default: unknown(pair.key, in: "'x-ms-parameterized-host'")
            }
        }
        guard let template else {
            diagnostics.error("'x-ms-parameterized-host' needs a 'hostTemplate'", at: node.location)
            return nil
        }
        return ParameterizedHost(hostTemplate: template, useSchemePrefix: useSchemePrefix, parameters: parameters)
    }

    // MARK: Paths

    mutating func pathItem(_ node: YAMLNode, path: Located<String>, isExtension: Bool) -> PathItem? {
        guard let pairs = mapping(node, "path '\(path.value)'") else { return nil }
        var item = PathItem(path: path, isExtension: isExtension, parameters: [], operations: [])
        for pair in pairs {
            guard let key = pair.key.scalar?.value else { continue }
            if operationMethods.contains(key) {
                if let operation = operation(pair.value, method: key) {
                    item.operations.append(operation)
                }
            } else if key == "parameters" {
                item.parameters = parameterList(pair.value)
            } else if !key.hasPrefix("x-ms-") {
                unknown(pair.key, in: "path '\(path.value)'")
            }
        }
        return item
    }

    mutating func parameterList(_ node: YAMLNode) -> [Parameter] {
        guard let elements = node.elements else {
            diagnostics.error("'parameters' must be a sequence, not \(node.kindName)", at: node.location)
            return []
        }
        return elements.map { parameter($0) }
    }

    mutating func operation(_ node: YAMLNode, method: String) -> Operation? {
        guard let pairs = mapping(node, "an operation") else { return nil }
        var operation = Operation(
            method: method, operationId: nil, summary: nil, description: nil, consumes: nil, produces: nil,
            parameters: [], responses: [], location: node.location
        )
        for pair in pairs {
            switch pair.key.scalar?.value {
            case "operationId": operation.operationId = located(pair.value, "'operationId'")
            case "summary": operation.summary = string(pair.value, "'summary'")
            case "description": operation.description = string(pair.value, "'description'")
            case "consumes": operation.consumes = strings(pair.value, "'consumes'")
            case "produces": operation.produces = strings(pair.value, "'produces'")
            case "parameters": operation.parameters = parameterList(pair.value)
            case "responses":
                guard let responsePairs = mapping(pair.value, "'responses'") else { continue }
                for responsePair in responsePairs {
                    guard let code = located(responsePair.key, "a response code") else { continue }
                    operation.responses.append(response(responsePair.value, code: code))
                }
            case let other? where ignoredOperationKeys.contains(other): break
            default: unknown(pair.key, in: "an operation")
            }
        }
        if operation.operationId == nil {
            diagnostics.error("the operation has no 'operationId'", at: node.location)
        }
        return operation
    }

    mutating func response(_ node: YAMLNode, code: Located<String>) -> Response {
        var response = Response(code: code, description: nil, schema: nil)
        guard let pairs = mapping(node, "a response") else { return response }
        for pair in pairs {
            switch pair.key.scalar?.value {
            case "description": response.description = string(pair.value, "'description'")
            case "schema": response.schema = schema(pair.value)
            case "$ref": diagnostics.error("response '$ref' is not supported", at: pair.value.location)
            case let other? where ignoredResponseKeys.contains(other): break
            default: unknown(pair.key, in: "a response")
            }
        }
        return response
    }

    // MARK: Parameters

    mutating func parameter(_ node: YAMLNode) -> Parameter {
        var parameter = Parameter(
            ref: nil, name: nil, location: nil, description: nil, required: false, clientName: nil,
            typeSchema: nil, schema: nil, nodeLocation: node.location
        )
        guard let pairs = mapping(node, "a parameter") else { return parameter }
        var typeSchema = Schema(location: node.location)
        var hasType = false
        for pair in pairs {
            switch pair.key.scalar?.value {
            case "$ref": parameter.ref = located(pair.value, "'$ref'")
            case "name": parameter.name = located(pair.value, "'name'")
            case "in":
                parameter.location = located(pair.value, "'in'")
                if let place = parameter.location,
                    !["path", "query", "header", "body", "formData"].contains(place.value)
                {
                    diagnostics.error("unknown parameter location '\(place.value)'", at: place.location)
                }
            case "description": parameter.description = string(pair.value, "'description'")
            case "required": parameter.required = bool(pair.value, "'required'") ?? false
            case "x-ms-client-name": parameter.clientName = string(pair.value, "'x-ms-client-name'")
            case "schema": parameter.schema = schema(pair.value)
            case "type":
                typeSchema.type = located(pair.value, "'type'")
                hasType = true
            case "format": typeSchema.format = string(pair.value, "'format'")
            case "items": typeSchema.items = Box(schema(pair.value))
            case "enum": typeSchema.enumValues = strings(pair.value, "'enum'")
            case "x-ms-enum": typeSchema.xmsEnum = xmsEnum(pair.value)
            case "x-nullable": typeSchema.nullable = bool(pair.value, "'x-nullable'")
            case let other? where ignoredParameterKeys.contains(other): break
            default: unknown(pair.key, in: "a parameter")
            }
        }
        if hasType { parameter.typeSchema = typeSchema }
        if parameter.ref == nil {
            if parameter.name == nil { diagnostics.error("the parameter has no 'name'", at: node.location) }
            if parameter.location == nil { diagnostics.error("the parameter has no 'in'", at: node.location) }
        }
        return parameter
    }

    // MARK: Schemas

    mutating func xmsEnum(_ node: YAMLNode) -> XMSEnum? {
        guard let pairs = mapping(node, "'x-ms-enum'") else { return nil }
        var result = XMSEnum(name: nil, modelAsString: true, values: [])
        for pair in pairs {
            switch pair.key.scalar?.value {
            case "name": result.name = string(pair.value, "'x-ms-enum.name'")
            case "modelAsString": result.modelAsString = bool(pair.value, "'modelAsString'") ?? true
            case "modelAsExtensible": break
            case "values":
                guard let elements = pair.value.elements else {
                    diagnostics.error(
                        "'values' must be a sequence, not \(pair.value.kindName)", at: pair.value.location)
                    continue
                }
                for element in elements {
                    guard let valuePairs = mapping(element, "an 'x-ms-enum' value") else { continue }
                    var value = XMSEnum.Value(value: "", name: nil, description: nil)
                    for valuePair in valuePairs {
                        switch valuePair.key.scalar?.value {
                        case "value": value.value = string(valuePair.value, "'value'") ?? ""
                        case "name": value.name = string(valuePair.value, "'name'")
                        case "description": value.description = string(valuePair.value, "'description'")
                        default: unknown(valuePair.key, in: "an 'x-ms-enum' value")
                        }
                    }
                    result.values.append(value)
                }
            default: unknown(pair.key, in: "'x-ms-enum'")
            }
        }
        return result
    }

    mutating func schema(_ node: YAMLNode) -> Schema {
        var schema = Schema(location: node.location)
        guard let pairs = mapping(node, "a schema") else { return schema }
        for pair in pairs {
            let value = pair.value
            switch pair.key.scalar?.value {
            case "$ref": schema.ref = located(value, "'$ref'")
            case "type":
                schema.type = located(value, "'type'")
            case "format": schema.format = string(value, "'format'")
            case "description": schema.description = string(value, "'description'")
            case "properties":
                guard let propertyPairs = mapping(value, "'properties'") else { continue }
                for propertyPair in propertyPairs {
                    guard let name = located(propertyPair.key, "a property name") else { continue }
                    schema.properties.append(SchemaProperty(name: name, schema: self.schema(propertyPair.value)))
                }
            case "required":
                if value.scalar != nil {
                    diagnostics.error("'required' of a schema must be a sequence of property names", at: value.location)
                } else {
                    schema.required = locatedStrings(value, "'required'") ?? []
                }
            case "items": schema.items = Box(self.schema(value))
            case "enum": schema.enumValues = strings(value, "'enum'")
            case "x-ms-enum": schema.xmsEnum = xmsEnum(value)
            case "allOf":
                guard let elements = value.elements else {
                    diagnostics.error("'allOf' must be a sequence, not \(value.kindName)", at: value.location)
                    continue
                }
                schema.allOf = elements.map { self.schema($0) }
            case "additionalProperties":
                if value.scalar != nil {
                    if let flag = bool(value, "'additionalProperties'") { schema.additionalProperties = .bool(flag) }
                } else {
                    schema.additionalProperties = .schema(self.schema(value))
                }
            case "discriminator": schema.discriminator = string(value, "'discriminator'")
            case "x-ms-discriminator-value": schema.discriminatorValue = string(value, "'x-ms-discriminator-value'")
            case "readOnly": schema.readOnly = bool(value, "'readOnly'") ?? false
            case "x-ms-client-name": schema.clientName = string(value, "'x-ms-client-name'")
            case "x-nullable": schema.nullable = bool(value, "'x-nullable'")
            case "x-eventgrid-event-type": schema.eventType = string(value, "'x-eventgrid-event-type'")
            case let other? where ignoredSchemaKeys.contains(other): break
            default: unknown(pair.key, in: "a schema")
            }
        }
        return schema
    }
}
