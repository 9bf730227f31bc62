public import AzureCore

/// A typed model of the `data` of one Azure system event, such as a blob being created.
/// Generated models conform; their static `eventType` names the event they describe. They read
/// themselves tolerantly from a parsed JSON tree (``/AzureCore/TolerantDecodable``).
public protocol SystemEventModel: Codable, Hashable, Sendable, TolerantDecodable {
    /// The event type this model is the data of, such as `Microsoft.Storage.BlobCreated`.
    static var eventType: String { get }
}
