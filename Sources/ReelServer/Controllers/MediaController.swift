import Foundation
import Hummingbird
import ReelEngine
import ReelModel
import ReelStudio

/// `/api/projects/{project}/media/{sha256}.{ext}`: a file of the project's media store
/// (keyframes, takes, reference images), by the name the board and shot answers give. The
/// name is checked against its one form and looked up in the store by digest: nothing from
/// the URL is ever joined to a path, so no name reaches outside the store.
struct MediaController {
    let library: ProjectLibrary
    let studio: Studio

    static let types = ["png": "image/png", "jpg": "image/jpeg", "webp": "image/webp", "mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm",
                        "wav": "audio/wav", "m4a": "audio/mp4", "mp3": "audio/mpeg"]

    func addRoutes(to group: RouterGroup<StudioContext>) {
        group.get(":name", use: file)
    }

    @Sendable func file(_ request: Request, context: StudioContext) async throws -> Response {
        let name = try context.parameters.value("name")
        let parts = name.split(separator: ".")
        guard parts.count == 2, let digest = Digest(rawValue: String(parts[0])), let type = Self.types[String(parts[1])] else {
            throw Problem(status: .notFound, kind: "not-found", detail: "there is no media file \(name.prefix(80))",
                          hint: "media names are <sha256>.<ext>, as the board and shot answers give them")
        }
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        // A real person's signed consent is evidence, not media: it is never served.
        if try await studio.consentEvidence(production).contains(digest.rawValue) {
            throw Problem(status: .notFound, kind: "not-found", detail: "the media store has no \(name)")
        }
        let url = production.blobs.url(for: Asset(digest: digest, mediaType: type, byteCount: 0))
        // The name is the content's digest: the file under it never changes.
        return try await Self.serve(url, type: type, tag: "\"\(digest.rawValue)\"", name: name,
                                    headers: [.cacheControl: "private, max-age=31536000, immutable"], request: request, context: context)
    }

    /// A file as an answer: whole, or the byte range asked for (players seek), with its tag
    /// for `If-None-Match` and `If-Range`; 404 when it is not there.
    static func serve(_ url: URL, type: String, tag: String, name: String, headers extra: HTTPFields,
                      request: Request, context: StudioContext) async throws -> Response {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue else {
            throw Problem(status: .notFound, kind: "not-found", detail: "there is no \(name.prefix(80))")
        }
        var headers: HTTPFields = [.contentType: type, .eTag: tag, .acceptRanges: "bytes"]
        headers.append(contentsOf: extra)
        if request.headers[values: .ifNoneMatch].contains(where: { $0 == tag || $0 == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        // A part only when the file is still the one the client has (If-Range names its tag).
        let asked = request.headers[.ifRange].map { $0 == tag } ?? true ? request.headers[.range] : nil
        if size == 0 {
            // An empty file has no byte to name: no range of it is served, whatever was asked.
            headers[.contentLength] = "0"
            return Response(status: .ok, headers: headers)
        }
        switch ByteRange(asked, size: size) {
        case .whole:
            headers[.contentLength] = String(size)
            return Response(status: .ok, headers: headers, body: try await Self.body(url, 0...(size - 1), size: size, context))
        case .part(let range):
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            headers[.contentLength] = String(range.count)
            return Response(status: .partialContent, headers: headers, body: try await Self.body(url, range, size: size, context))
        case .unsatisfiable:
            var problem = try Problem(status: .rangeNotSatisfiable, kind: "range-not-satisfiable",
                                      detail: "\(name) has \(size) bytes; the range asked for is not in it",
                                      hint: "ask for bytes=0-\(max(0, size - 1)) or less").response(from: request, context: context)
            problem.headers[.contentRange] = "bytes */\(size)"
            return problem
        }
    }

    /// The bytes of `range`, streamed from the file in chunks (a take is never read whole
    /// into memory).
    static func body(_ url: URL, _ range: ClosedRange<Int>, size: Int, _ context: StudioContext) async throws -> ResponseBody {
        guard size > 0 else { return ResponseBody() }
        return try await FileIO().loadFile(path: url.path, range: range, context: context)
    }
}
