import Foundation
import ReelModel

/// What a provider said in an error body, from the envelopes providers commonly use:
/// `{"error":{"message","code","type"}}`, `{"error":"text"}`, `{"message","code"}`,
/// `{"detail":"text"}`, `{"detail":{"message"|"msg"}}` and `{"detail":[{"msg"}]}`.
public struct ProviderErrorEnvelope: Sendable, Hashable {
    /// Cleaned by ``Redaction/message(_:)``.
    public var message: String?
    /// The provider's code (or type), cleaned and short.
    public var code: String?

    public init(message: String?, code: String?) {
        self.message = message
        self.code = code
    }

    public init(body: Data) {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            self.init(message: nil, code: nil)
            return
        }
        self.init(json: json)
    }

    public init(json: JSONValue) {
        var message: String?
        var code: String?
        func take(_ object: JSONValue?) {
            guard let object else { return }
            if let text = object.stringValue {
                message = message ?? text
                return
            }
            if let first = object.arrayValue?.first { take(first) }
            message = message ?? object["message"]?.stringValue ?? object["msg"]?.stringValue
                ?? object["error_description"]?.stringValue
            code = code ?? ProviderErrorEnvelope.text(object["code"]) ?? object["type"]?.stringValue
                ?? object["status"]?.stringValue
        }
        take(json["error"])
        take(json["detail"])
        take(json)
        self.init(message: message.map(Redaction.message), code: code.map { String(Redaction.message($0).prefix(64)) })
    }

    private static func text(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        if let s = value.stringValue { return s }
        if let i = value.intValue { return String(i) }
        return nil
    }
}
