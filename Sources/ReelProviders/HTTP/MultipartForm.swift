import Foundation

/// A `multipart/form-data` body (RFC 7578): text fields and file parts, in order.
///
/// ```swift
/// var form = MultipartForm(boundary: "reel-\(key)")
/// form.add("prompt", "a lighthouse")
/// form.add("input_reference", file: png, name: "frame.png", type: "image/png")
/// let request = form.request("POST", url, headers: auth)
/// ```
public struct MultipartForm: Sendable {
    /// Chosen by the caller so the same request gives the same bytes (retries, snapshots).
    public let boundary: String
    private var body = Data()

    public init(boundary: String) {
        self.boundary = boundary
    }

    /// A text field.
    public mutating func add(_ name: String, _ value: String) {
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n\r\n".utf8))
        body.append(Data(value.utf8))
        body.append(Data("\r\n".utf8))
    }

    /// A file part.
    public mutating func add(_ name: String, file: Data, fileName: String, type: String) {
        body.append(Data(("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"; "
                          + "filename=\"\(Self.quoted(fileName))\"\r\nContent-Type: \(type)\r\n\r\n").utf8))
        body.append(file)
        body.append(Data("\r\n".utf8))
    }

    /// `multipart/form-data; boundary=…`.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// The finished body, closing delimiter included.
    public var data: Data { body + Data("--\(boundary)--\r\n".utf8) }

    /// A request carrying this form.
    public func request(_ method: String, _ url: URL, headers: [String: String] = [:], timeout: Double = 30) -> HTTPRequest {
        var all = headers
        all["Content-Type"] = contentType
        if all.keys.contains(where: { $0.lowercased() == "accept" }) == false { all["Accept"] = "application/json" }
        return HTTPRequest(method: method, url: url, headers: all, body: data, timeout: timeout)
    }

    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")
    }
}
