/// A value placed behind a reference so recursive value types can hold it.
public final class Box<Value: Sendable>: Sendable {
    /// The value.
    public let value: Value

    /// Boxes a value.
    /// - Parameter value: The value.
    public init(_ value: Value) {
        self.value = value
    }
}

/// A string together with where it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    public var value: Value
    /// Where it was written.
    public var location: SourceLocation

    /// Creates a located value.
    /// - Parameters:
    ///   - value: The value.
    ///   - location: Where it was written.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// The typed Swagger 2.0 subset the generator understands (plus the `x-ms-*` extensions it
/// supports and our `x-eventgrid-event-type`).
public struct SwaggerDocument: Sendable {
    /// The file it was read from.
    public var file: String
    /// `info.title`.
    public var title: String?
    /// `info.version` (the api-version).
    public var version: String?
    /// `host`.
    public var host: String?
    /// `basePath`.
    public var basePath: String?
    /// `schemes`.
    public var schemes: [String] = []
    /// Document-level `consumes`.
    public var consumes: [String] = []
    /// Document-level `produces`.
    public var produces: [String] = []
    /// `paths` then `x-ms-paths`, in document order.
    public var paths: [PathItem] = []
    /// `definitions`, in document order.
    public var definitions: [NamedSchema] = []
    /// Shared `parameters`, in document order.
    public var parameters: [NamedParameter] = []
    /// `x-ms-parameterized-host`.
    public var parameterizedHost: ParameterizedHost?

    /// Creates an empty document for a file.
    /// - Parameter file: The file.
    public init(file: String) {
        self.file = file
    }
}

/// A definition: its name and schema.
public struct NamedSchema: Sendable {
    /// The name under `definitions`.
    public var name: Located<String>
    /// The schema.
    public var schema: Schema
}

/// A shared parameter: its name under `parameters` and the parameter.
public struct NamedParameter: Sendable {
    /// The name under `parameters`.
    public var name: Located<String>
    /// The parameter.
    public var parameter: Parameter
}

/// `x-ms-parameterized-host`.
public struct ParameterizedHost: Sendable {
    /// `hostTemplate`, such as `{topicHostname}`.
    public var hostTemplate: Located<String>
    /// `useSchemePrefix` (default true).
    public var useSchemePrefix: Bool
    /// The host parameters.
    public var parameters: [Parameter]
}

/// One path of `paths` or `x-ms-paths`.
public struct PathItem: Sendable {
    /// The path as written (with any `?overload=`).
    public var path: Located<String>
    /// Whether it came from `x-ms-paths`.
    public var isExtension: Bool
    /// Path-level parameters.
    public var parameters: [Parameter]
    /// The operations, in document order.
    public var operations: [Operation]
}

/// One operation of a path.
public struct Operation: Sendable {
    /// The HTTP method, lowercased (`post`).
    public var method: String
    /// `operationId`.
    public var operationId: Located<String>?
    /// `summary`.
    public var summary: String?
    /// `description`.
    public var description: String?
    /// `consumes`.
    public var consumes: [String]?
    /// `produces`.
    public var produces: [String]?
    /// `parameters`.
    public var parameters: [Parameter]
    /// `responses`, in document order.
    public var responses: [Response]
    /// Where the operation starts.
    public var location: SourceLocation
}

/// One response of an operation.
public struct Response: Sendable {
    /// The status code or `default`.
    public var code: Located<String>
    /// `description`.
    public var description: String?
    /// `schema`.
    public var schema: Schema?
}

/// A parameter, or a `$ref` to a shared one.
public struct Parameter: Sendable {
    /// `$ref`, when this is a reference.
    public var ref: Located<String>?
    /// `name`.
    public var name: Located<String>?
    /// `in`: path, query, header, body, formData.
    public var location: Located<String>?
    /// `description`.
    public var description: String?
    /// `required`.
    public var required: Bool
    /// `x-ms-client-name`.
    public var clientName: String?
    /// The type of a non-body parameter (type, format, items, enum), as a schema.
    public var typeSchema: Schema?
    /// The `schema` of a body parameter.
    public var schema: Schema?
    /// Where the parameter starts.
    public var nodeLocation: SourceLocation
}

/// `x-ms-enum`.
public struct XMSEnum: Sendable, Hashable {
    /// One named value.
    public struct Value: Sendable, Hashable {
        /// The wire value.
        public var value: String
        /// The name for code.
        public var name: String?
        /// A description.
        public var description: String?
    }

    /// The enum's type name.
    public var name: String?
    /// `modelAsString`.
    public var modelAsString: Bool
    /// `values`.
    public var values: [Value]
}

/// `additionalProperties`.
public indirect enum AdditionalProperties: Sendable {
    /// `true` or `false`.
    case bool(Bool)
    /// A schema for the values.
    case schema(Schema)
}

/// One property of an object schema.
public struct SchemaProperty: Sendable {
    /// The wire name.
    public var name: Located<String>
    /// The schema.
    public var schema: Schema
}

/// A schema: a definition, a property's type, items, or a body.
public struct Schema: Sendable {
    /// Where it starts.
    public var location: SourceLocation
    /// `$ref`.
    public var ref: Located<String>?
    /// `type`.
    public var type: Located<String>?
    /// `format`.
    public var format: String?
    /// `description`.
    public var description: String?
    /// `properties`, in document order.
    public var properties: [SchemaProperty] = []
    /// `required`.
    public var required: [Located<String>] = []
    /// `items`.
    public var items: Box<Schema>?
    /// `enum` values (as text).
    public var enumValues: [String]?
    /// `x-ms-enum`.
    public var xmsEnum: XMSEnum?
    /// `allOf`.
    public var allOf: [Schema] = []
    /// `additionalProperties`.
    public var additionalProperties: AdditionalProperties?
    /// `discriminator`.
    public var discriminator: String?
    /// `x-ms-discriminator-value`.
    public var discriminatorValue: String?
    /// `readOnly`.
    public var readOnly: Bool = false
    /// `x-ms-client-name`.
    public var clientName: String?
    /// `x-nullable`.
    public var nullable: Bool?
    /// `x-eventgrid-event-type`.
    public var eventType: String?

    /// Creates an empty schema at a location.
    /// - Parameter location: Where it starts.
    public init(location: SourceLocation) {
        self.location = location
    }
}
