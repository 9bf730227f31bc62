#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a ``JSONText`` keeps beside its bytes: their count, the tree once it was read, and the
/// lock that guards it.
package struct JSONTextHeader {
    /// The number of bytes.
    let count: Int
    /// The value, once read.
    var tree: JSONValue?
    #if canImport(Darwin)
    /// Guards `tree`.
    var lock = os_unfair_lock()
    #else
    /// Guards `tree` (initialized in place by `JSONText.make`).
    var lock = pthread_mutex_t()
    #endif
}

/// A JSON value as the text the SDK's parser already checked, read into a ``JSONValue`` the
/// first time the tree is asked for and kept from then on.
///
/// A parsed event keeps its `data` so: an application that only switches on the typed system
/// event never pays for a tree (the typed models read their members straight from the text, see
/// ``withMembers(_:)``). One allocation holds the header and the bytes.
package struct JSONText: @unchecked Sendable {
    // Sendable: the bytes never change once copied in; the tree is only touched under the lock.

    /// The one allocation.
    let storage: JSONTextStorage

    /// Copies bytes the parser checked to be exactly one JSON value (the parser is the only
    /// maker, so reading them back cannot fail).
    /// - Parameter bytes: The value's text.
    init(copying bytes: UnsafeBufferPointer<UInt8>) {
        storage = JSONTextStorage.make(copying: bytes)
    }

    /// The number of bytes.
    package var count: Int { storage.header.count }

    /// The text's bytes, valid during `body`.
    /// - Parameter body: Reads the bytes.
    /// - Returns: What `body` returns.
    package func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try storage.withBytes(body)
    }

    /// The value as a tree: read from the text the first time, the same tree afterwards.
    package var value: JSONValue { storage.value }

    /// The tree, when it was already read.
    package var readValue: JSONValue? { storage.readValue }

    /// Whether the text is the JSON literal `null`.
    package var isNull: Bool {
        withBytes { $0.elementsEqual("null".utf8) }
    }

    /// Whether both texts have the same bytes (then their values are equal; different bytes can
    /// still spell equal values).
    /// - Parameter other: The other text.
    /// - Returns: `true` when the bytes are the same.
    package func hasSameBytes(as other: JSONText) -> Bool {
        if storage === other.storage { return true }
        return withBytes { left in other.withBytes { right in left.elementsEqual(right) } }
    }
}

/// The allocation of a ``JSONText``: its header and, after it, the bytes.
final class JSONTextStorage: ManagedBuffer<JSONTextHeader, UInt8> {
    /// Creates the storage with a copy of `bytes`.
    static func make(copying bytes: UnsafeBufferPointer<UInt8>) -> JSONTextStorage {
        let buffer = create(minimumCapacity: bytes.count) { _ in JSONTextHeader(count: bytes.count) }
        let text = unsafeDowncast(buffer, to: JSONTextStorage.self)
        text.withUnsafeMutablePointers { header, elements in
            if let base = bytes.baseAddress { elements.initialize(from: base, count: bytes.count) }
            #if !canImport(Darwin)
            pthread_mutex_init(lock(header), nil)
            #endif
        }
        return text
    }

    deinit {
        #if !canImport(Darwin)
        withUnsafeMutablePointerToHeader { header in _ = pthread_mutex_destroy(Self.lock(header)) }
        #endif
    }

    /// See ``JSONText/withBytes(_:)``.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withUnsafeMutablePointers { header, elements in
            try body(UnsafeBufferPointer(start: elements, count: header.pointee.count))
        }
    }

    /// See ``JSONText/value``.
    var value: JSONValue {
        withUnsafeMutablePointers { header, elements in
            Self.withLock(header) { tree in
                if let tree { return tree }
                let bytes = UnsafeBufferPointer(start: elements, count: header.pointee.count)
                var reader = JSONParser.Reader(bytes: bytes)
                // The bytes were checked when they were kept: this cannot fail.
                let value = (try? reader.document()) ?? .null
                tree = value
                return value
            }
        }
    }

    /// See ``JSONText/readValue``.
    var readValue: JSONValue? {
        withUnsafeMutablePointerToHeader { header in Self.withLock(header) { $0 } }
    }

    #if canImport(Darwin)
    typealias Lock = os_unfair_lock
    #else
    typealias Lock = pthread_mutex_t
    #endif

    /// The header's lock, in place (a lock must not move).
    private static func lock(_ header: UnsafeMutablePointer<JSONTextHeader>) -> UnsafeMutablePointer<Lock> {
        UnsafeMutableRawPointer(header)
            .advanced(by: MemoryLayout<JSONTextHeader>.offset(of: \JSONTextHeader.lock) ?? 0)
            .assumingMemoryBound(to: Lock.self)
    }

    /// Runs `body` with the tree slot under the header's lock.
    private static func withLock<Result>(
        _ header: UnsafeMutablePointer<JSONTextHeader>, _ body: (inout JSONValue?) -> Result
    ) -> Result {
        let lock = lock(header)
        #if canImport(Darwin)
        os_unfair_lock_lock(lock)
        defer { os_unfair_lock_unlock(lock) }
        #else
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        #endif
        return body(&header.pointee.tree)
    }
}
