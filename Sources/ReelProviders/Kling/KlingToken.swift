import Crypto
import Foundation
import ReelModel

/// The JWT Kling takes as `Authorization: Bearer <jwt>`: HS256 over
/// `{"iss": access key, "exp": now + 1800, "nbf": now - 5}`, signed with the secret key.
///
/// A token is made for every request, so none is ever near its 30-minute expiry (Kling
/// answers 1004 to an expired one and 1003 to one not yet valid, when clocks disagree).
enum KlingToken {
    /// Seconds a token is valid for, and how far back its `nbf` reaches.
    static let lifetime = 1800
    static let skew = 5

    static func make(accessKey: String, secretKey: String, now: Date = Date()) -> String {
        let t = Int64(now.timeIntervalSince1970)
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        let payload: JSONValue = ["iss": .string(accessKey), "exp": .int(t + Int64(lifetime)), "nbf": .int(t - Int64(skew))]
        let input = base64URL(Data(header.utf8)) + "." + base64URL(Data(payload.canonical.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Data(secretKey.utf8)))
        return input + "." + base64URL(Data(mac))
    }

    /// Base64url without padding (RFC 7515).
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
