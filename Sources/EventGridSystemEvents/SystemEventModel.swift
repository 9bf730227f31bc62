/// A typed model of the `data` of one Azure system event, such as a blob being created.
/// Generated models conform; their static `eventType` names the event they describe.
public protocol SystemEventModel: Codable, Hashable, Sendable {
    /// The event type this model is the data of, such as `Microsoft.Storage.BlobCreated`.
    static var eventType: String { get }
}
