/// A resolved type, as the generated code will spell it (independent of Swift syntax).
public indirect enum SchemaType: Sendable, Hashable {
    /// A string.
    case string
    /// `integer` + `int32`.
    case int32
    /// `integer` + `int64`.
    case int64
    /// `integer` without a format.
    case integer
    /// `number` (+ `double` or no format).
    case double
    /// `number` + `float`.
    case float
    /// `boolean`.
    case bool
    /// `string` + `date-time`.
    case date
    /// `string` + `byte` (base64).
    case data
    /// A free-form value.
    case json
    /// An array.
    case array(SchemaType)
    /// A dictionary with string keys.
    case dictionary(SchemaType)
    /// A declared type (object, enum or alias) by its Swift name.
    case named(String)
}

/// One property of a resolved object type.
public struct PropertyModel: Sendable, Hashable {
    /// The name on the wire.
    public var wireName: String
    /// The Swift name.
    public var swiftName: String
    /// The type.
    public var type: SchemaType
    /// Whether the spec lists it as required.
    public var isRequired: Bool
    /// `x-nullable: true`: the member may be `null` (a required one is still always written).
    public var isNullable: Bool = false
    /// The description.
    public var description: String?
    /// `readOnly`.
    public var isReadOnly: Bool
    /// Stored behind a one-element array because it closes an optional value cycle.
    public var isBoxed: Bool
    /// Where the property is written.
    public var location: SourceLocation
}

/// A resolved object type.
public struct ObjectModel: Sendable, Hashable {
    /// The Swift name.
    public var swiftName: String
    /// Where it comes from, such as `#/definitions/EventGridEvent`.
    public var provenance: String
    /// The description.
    public var description: String?
    /// The properties, parents' (allOf) first, then its own, in spec order.
    public var properties: [PropertyModel]
    /// The value type of `additionalProperties`, when other members are kept.
    public var additionalProperties: SchemaType?
    /// `discriminator`, when the type is a polymorphic base.
    public var discriminator: String?
    /// `x-ms-discriminator-value`.
    public var discriminatorValue: String?
    /// `x-eventgrid-event-type`, or the event type its description names (upstream JSON).
    public var eventType: String?
    /// Where the schema starts.
    public var location: SourceLocation
    /// The spec file it is defined in.
    public var file: String = ""
    /// The Swift names of the definitions it names in `allOf`, in order.
    public var parents: [String] = []
}

/// One value of an extensible enum.
public struct EnumCaseModel: Sendable, Hashable {
    /// The Swift name of the static member.
    public var swiftName: String
    /// The wire value.
    public var value: String
    /// The description.
    public var description: String?
}

/// A resolved string enum (generated as an extensible `RawRepresentable` struct).
public struct EnumModel: Sendable, Hashable {
    /// The Swift name.
    public var swiftName: String
    /// Where it comes from.
    public var provenance: String
    /// The description.
    public var description: String?
    /// The known values, in spec order.
    public var cases: [EnumCaseModel]
    /// Where the schema starts.
    public var location: SourceLocation
    /// The spec file it is first defined in.
    public var file: String = ""
}

/// A definition that is another type under a name (free-form objects, primitives, arrays).
public struct AliasModel: Sendable, Hashable {
    /// The Swift name.
    public var swiftName: String
    /// Where it comes from.
    public var provenance: String
    /// The description.
    public var description: String?
    /// The type it stands for.
    public var target: SchemaType
    /// Where the schema starts.
    public var location: SourceLocation
    /// The spec file it is defined in.
    public var file: String = ""
}

/// A declared type of the service model.
public enum TypeModel: Sendable, Hashable {
    /// A struct with properties.
    case object(ObjectModel)
    /// An extensible string enum.
    case enumeration(EnumModel)
    /// A type alias.
    case alias(AliasModel)

    /// The Swift name.
    public var swiftName: String {
        switch self {
        case .object(let model): model.swiftName
        case .enumeration(let model): model.swiftName
        case .alias(let model): model.swiftName
        }
    }

    /// The spec file the type is (first) defined in.
    public var file: String {
        switch self {
        case .object(let model): model.file
        case .enumeration(let model): model.file
        case .alias(let model): model.file
        }
    }
}

/// Where an operation parameter goes.
public enum ParameterPlace: String, Sendable, Hashable {
    /// Into the path template.
    case path
    /// Into the query.
    case query
    /// Into a header.
    case header
    /// The JSON body.
    case body
}

/// One parameter of an operation (or of the host).
public struct ParameterModel: Sendable, Hashable {
    /// The name on the wire.
    public var wireName: String
    /// The Swift name.
    public var swiftName: String
    /// Where it goes.
    public var place: ParameterPlace
    /// The type.
    public var type: SchemaType
    /// Whether it is required.
    public var isRequired: Bool
    /// The description.
    public var description: String?
    /// Where it is written.
    public var location: SourceLocation
}

/// One resolved operation.
public struct OperationModel: Sendable, Hashable {
    /// `operationId` as written.
    public var operationId: String
    /// The UpperCamel base of its input and output type names.
    public var typeName: String
    /// The lowerCamel function name.
    public var functionName: String
    /// The HTTP method, uppercased.
    public var method: String
    /// The path with any `?overload=…` removed.
    public var path: String
    /// The description (or summary).
    public var description: String?
    /// The `Content-Type` of the body, when there is a body.
    public var contentType: String?
    /// The parameters: the body first, then the others in spec order.
    public var parameters: [ParameterModel]
    /// The 2xx status codes the spec lists.
    public var successCodes: [Int]
    /// Where it comes from, such as `#/paths/~1api~1events/post`.
    public var provenance: String
    /// Where it starts.
    public var location: SourceLocation
}

/// `x-ms-parameterized-host`, resolved.
public struct HostModel: Sendable, Hashable {
    /// The template, such as `{topicHostname}`.
    public var template: String
    /// Whether `https://` goes before the host.
    public var useSchemePrefix: Bool
    /// The host parameters.
    public var parameters: [ParameterModel]
}

/// The resolved service: what the Translate stage turns into Swift.
public struct ServiceModel: Sendable, Hashable {
    /// The entry spec file, as named in generated headers.
    public var sourceFile: String
    /// `info.title`.
    public var title: String?
    /// `info.version`.
    public var version: String?
    /// The parameterized host.
    public var host: HostModel?
    /// Every declared type, sorted by Swift name.
    public var types: [TypeModel]
    /// Every operation, sorted by operationId.
    public var operations: [OperationModel]
}
