import Foundation
import ReelEngine

/// An ``HTTPTransport`` that scrubs an adapter's secrets from everything coming back: the
/// headers and body of every answer, the start of a failed download's body, and the
/// message of every failure the transport throws.
///
/// It is the one place all of a provider's text enters Reel, so a provider that echoes a
/// key ("Invalid credentials (received sk-…)", in a JSON error, a business error inside a
/// 200, a header) cannot carry it into a ``JobFailure``, a journaled handle, a run event
/// or `reel providers test`. Every adapter built through a ``ProviderEntry`` talks through
/// one (see ``AdapterSupport/scrubbing(for:)``).
///
/// Bodies of successful media answers (audio, video, images) are left as they are: they
/// are files, not text.
public struct ScrubbingTransport: HTTPTransport {
    /// The transport that carries the bytes.
    public let base: any HTTPTransport
    public let secrets: SecretScrubber

    public init(base: any HTTPTransport, secrets: SecretScrubber) {
        // Never two layers: the newest scrubber knows the adapter's whole set.
        self.base = (base as? ScrubbingTransport)?.base ?? base
        self.secrets = secrets
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await base.send(request)
        } catch {
            throw secrets.scrub(error)
        }
        let body = Self.isMedia(response.headers, status: response.status) ? response.body : secrets.scrub(response.body)
        return HTTPResponse(status: response.status, headers: response.headers.mapValues { secrets.scrub($0) }, body: body)
    }

    public func download(_ request: HTTPRequest, to file: URL) async throws -> HTTPDownload {
        let download: HTTPDownload
        do {
            download = try await base.download(request, to: file)
        } catch {
            throw secrets.scrub(error)
        }
        return HTTPDownload(status: download.status, headers: download.headers.mapValues { secrets.scrub($0) },
                            byteCount: download.byteCount, errorBody: download.errorBody.map { secrets.scrub($0) })
    }

    /// A 2xx answer whose body is a media file.
    static func isMedia(_ headers: [String: String], status: Int) -> Bool {
        guard (200..<300).contains(status), let type = headers["content-type"]?.lowercased() else { return false }
        return ["audio/", "video/", "image/", "application/octet-stream"].contains { type.hasPrefix($0) }
    }
}
