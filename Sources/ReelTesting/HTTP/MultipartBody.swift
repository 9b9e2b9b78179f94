import Foundation

/// A `multipart/form-data` body as a fake server reads it: its parts, in order.
public struct MultipartBody: Sendable {
    /// One part: a field (`fileName` nil) or a file.
    public struct Part: Sendable {
        public var name: String
        public var fileName: String?
        public var contentType: String?
        public var data: Data
        public var text: String { String(decoding: data, as: UTF8.self) }
    }

    public var parts: [Part]

    /// Parses `request`'s body by the boundary its `Content-Type` names; nil when it is not multipart.
    public init?(_ request: RecordedRequest) {
        guard let type = request.header("content-type"), type.lowercased().hasPrefix("multipart/form-data"),
              let range = type.range(of: "boundary=") else { return nil }
        let boundary = String(type[range.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let body = request.body
        let delimiter = Data("--\(boundary)".utf8)
        var parts: [Part] = []
        var cursor = body.startIndex
        while let start = body.range(of: delimiter, in: cursor..<body.endIndex) {
            var from = start.upperBound
            if body[from...].starts(with: Data("--".utf8)) { break }
            if body[from...].starts(with: Data("\r\n".utf8)) { from += 2 }
            guard let headEnd = body.range(of: Data("\r\n\r\n".utf8), in: from..<body.endIndex),
                  let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headEnd.upperBound..<body.endIndex) else { return nil }
            let head = String(decoding: body[from..<headEnd.lowerBound], as: UTF8.self)
            parts.append(Part(name: Self.attribute("name", in: head) ?? "", fileName: Self.attribute("filename", in: head),
                              contentType: Self.header("content-type", in: head),
                              data: Data(body[headEnd.upperBound..<next.lowerBound])))
            cursor = next.lowerBound + 2
        }
        self.parts = parts
    }

    /// The first part called `name`.
    public func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The text of field `name`.
    public subscript(name: String) -> String? { part(name)?.text }

    private static func attribute(_ name: String, in head: String) -> String? {
        guard let range = head.range(of: "\(name)=\"") else { return nil }
        let rest = head[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    private static func header(_ name: String, in head: String) -> String? {
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix(name + ":") {
            return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
