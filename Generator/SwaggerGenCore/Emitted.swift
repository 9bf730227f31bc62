/// Every name of a runtime symbol the generated code mentions, in one place. (Swift language
/// and `Codable` protocol requirements — `decode`, `encodeIfPresent`, `container(keyedBy:)` —
/// are written where they are used.)
public enum Emitted {
    /// The Swift standard library's string.
    public static let string = "Swift.String"
    /// 32-bit integer.
    public static let int32 = "Swift.Int32"
    /// 64-bit integer.
    public static let int64 = "Swift.Int64"
    /// Platform integer.
    public static let int = "Swift.Int"
    /// Double-precision number.
    public static let double = "Swift.Double"
    /// Single-precision number.
    public static let float = "Swift.Float"
    /// Boolean.
    public static let bool = "Swift.Bool"
    /// A point in time.
    public static let date = "Foundation.Date"
    /// Bytes (base64 on the wire).
    public static let data = "Foundation.Data"
    /// A URL.
    public static let url = "Foundation.URL"
    /// Any JSON value (free-form objects).
    public static let jsonValue = "AzureCore.JSONValue"
    /// The HTTP pipeline an operation sends through.
    public static let httpPipeline = "AzureCore.HTTPPipeline"
    /// Per-call pipeline state.
    public static let pipelineContext = "AzureCore.PipelineContext"
    /// An HTTP response.
    public static let httpResponse = "AzureCore.HTTPResponse"
    /// An HTTP request.
    public static let httpRequest = "AzureCore.HTTPRequest"
    /// An HTTP method.
    public static let httpMethod = "AzureCore.HTTPMethod"
    /// The SDK's timestamp format.
    public static let rfc3339 = "AzureCore.RFC3339"
    /// The SDK's error type.
    public static let azureError = "AzureCore.AzureError"
    /// The shared request builder in AzureCore (`HTTPRequest+Building.swift`).
    public static let buildRequest = "operationRequest"
    /// The shared send-and-check step of the pipeline.
    public static let execute = "execute"
    /// The decoder protocol.
    public static let decoder = "Swift.Decoder"
    /// The encoder protocol.
    public static let encoder = "Swift.Encoder"
    /// The coding key protocol.
    public static let codingKey = "CodingKey"
    /// The sendable marker protocol (operations, inputs, outputs).
    public static let sendable = "Sendable"
    /// The shared parameterized-host URL builder in AzureCore (`HTTPRequest+Building.swift`).
    public static let parameterizedHost = "parameterizedHost"
    /// Conformances of every generated model.
    public static let modelConformances = ["Codable", "Hashable", "Sendable"]
    /// Conformances of extensible string enums.
    public static let enumConformances = ["RawRepresentable", "Codable", "Hashable", "Sendable"]
    /// Tolerant decoding of public models (`Sources/AzureCore/JSON/TolerantDecoding.swift`).
    public static let tolerantDecodable = "AzureCore.TolerantDecodable"
    /// Models read from JSON text as well as from a tree (`init(tolerantMembers:)`).
    public static let tolerantObjectDecodable = "AzureCore.TolerantObjectDecodable"
    /// The members of a JSON object as a model reads them.
    public static let jsonMembers = "AzureCore.JSONMembers"
    /// The argument label of `TolerantDecodable`'s decoder initializer, which reads through
    /// `init?(tolerantJSON:)`.
    public static let tolerantlyFrom = "tolerantlyFrom"
    /// The conformance of public extensible enums (case-insensitive decoding of known values).
    public static let extensibleStringEnum = "AzureCore.ExtensibleStringEnum"
    /// The protocol of event-data models (hand-written in the system-events module).
    public static let systemEventModel = "SystemEventModel"
    /// Modules the generated files import.
    public static let imports = ["Foundation", "AzureCore"]
}
