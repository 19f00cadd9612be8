import Foundation

extension URL {
    /// The URL without a user name or password, for messages, reports and the database: a
    /// mirror given as `https://user:token@host` must not leave its token anywhere but the request.
    var shown: String {
        guard var parts = URLComponents(url: self, resolvingAgainstBaseURL: false), parts.user != nil || parts.password != nil else { return absoluteString }
        parts.user = nil
        parts.password = nil
        return parts.string ?? absoluteString
    }
}
