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

    static let types = ["png": "image/png", "jpg": "image/jpeg", "webp": "image/webp", "mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm",
                        "wav": "audio/wav", "m4a": "audio/mp4", "mp3": "audio/mpeg"]

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get(":name", use: file)
    }

    @Sendable func file(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let name = try context.parameters.value("name")
        let parts = name.split(separator: ".")
        guard parts.count == 2, let digest = Digest(rawValue: String(parts[0])), let type = Self.types[String(parts[1])] else {
            throw Problem(status: .notFound, kind: "not-found", detail: "there is no media file \(name.prefix(80))",
                          hint: "media names are <sha256>.<ext>, as the board and shot answers give them")
        }
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        let url = production.blobs.url(for: Asset(digest: digest, mediaType: type, byteCount: 0))
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Problem(status: .notFound, kind: "not-found", detail: "the media store has no \(name)")
        }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "private, max-age=31536000, immutable"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
