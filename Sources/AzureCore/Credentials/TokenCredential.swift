public import Foundation

/// Something that gets OAuth access tokens, such as a Microsoft Entra ID credential.
///
/// ``BearerTokenCredentialPolicy`` caches the token it gets and asks again shortly before the
/// token expires; an implementation does not need to cache.
public protocol TokenCredential: Sendable {
    /// Gets an access token.
    /// - Parameter scopes: The scopes the token must grant, such as
    ///   `https://eventgrid.azure.net/.default`.
    /// - Returns: The token and when it expires.
    /// - Throws: Any error; the bearer policy wraps it in ``AzureError`` of kind
    ///   ``AzureError/Kind/authentication``.
    func getToken(for scopes: [String]) async throws -> AccessToken
}

/// An OAuth access token and its expiry.
public struct AccessToken: Sendable, Hashable {
    /// The token text sent after `Bearer `.
    public var token: String
    /// When the token stops being valid.
    public var expiresOn: Date

    /// Creates an access token.
    /// - Parameters:
    ///   - token: The token text.
    ///   - expiresOn: When it expires.
    public init(token: String, expiresOn: Date) {
        self.token = token
        self.expiresOn = expiresOn
    }
}
