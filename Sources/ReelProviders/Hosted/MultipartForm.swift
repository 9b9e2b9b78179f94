import Foundation

/// A `multipart/form-data` body: text fields and files, for uploads (ComfyUI's
/// `/upload/image`).
///
/// ```swift
/// var form = MultipartForm()
/// form.add(name: "overwrite", value: "true")
/// form.add(name: "image", fileName: "frame.png", contentType: "image/png", data: png)
/// let (body, type) = form.encoded()
/// ```
public struct MultipartForm: Sendable {
    public let boundary: String
    private var parts: [Data] = []

    public init(boundary: String = "reel-" + UUID().uuidString) {
        self.boundary = boundary
    }

    /// A text field.
    public mutating func add(name: String, value: String) {
        parts.append(Data("Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)".utf8))
    }

    /// A file field.
    public mutating func add(name: String, fileName: String, contentType: String, data: Data) {
        var part = Data(("Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\n"
            + "Content-Type: \(contentType)\r\n\r\n").utf8)
        part.append(data)
        parts.append(part)
    }

    /// The body and its `Content-Type` (with the boundary).
    public func encoded() -> (body: Data, contentType: String) {
        var body = Data()
        for part in parts {
            body.append(Data("--\(boundary)\r\n".utf8))
            body.append(part)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return (body, "multipart/form-data; boundary=\(boundary)")
    }
}
