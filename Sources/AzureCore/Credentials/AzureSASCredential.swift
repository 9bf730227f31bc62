import Synchronization

/// A shared access signature token, such as an Event Grid SAS token sent as `aeg-sas-token`.
///
/// The signature can be replaced while clients use it: ``update(_:)`` is atomic and the next
/// request of every client holding this credential sends the new signature.
public final class AzureSASCredential: Sendable {
    private let storage: Mutex<String>

    /// Creates a credential.
    /// - Parameter signature: The SAS token.
    public init(_ signature: String) {
        storage = Mutex(signature)
    }

    /// The current SAS token.
    public var signature: String {
        storage.withLock { $0 }
    }

    /// Replaces the SAS token; the next request uses the new one.
    /// - Parameter signature: The new SAS token.
    public func update(_ signature: String) {
        storage.withLock { $0 = signature }
    }
}
