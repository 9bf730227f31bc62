import Synchronization

/// A shared access key, such as an Event Grid topic key sent as `aeg-sas-key`.
///
/// The key can be replaced while clients use it: ``update(_:)`` is atomic and the next request
/// of every client holding this credential sends the new key.
public final class AzureKeyCredential: Sendable {
    private let storage: Mutex<String>

    /// Creates a credential.
    /// - Parameter key: The key.
    public init(_ key: String) {
        storage = Mutex(key)
    }

    /// The current key.
    public var key: String {
        storage.withLock { $0 }
    }

    /// Replaces the key (key rotation); the next request uses the new one.
    /// - Parameter key: The new key.
    public func update(_ key: String) {
        storage.withLock { $0 = key }
    }
}
