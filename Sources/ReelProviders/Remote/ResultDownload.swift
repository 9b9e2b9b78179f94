import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// Brings a finished remote job's file into the content-addressed store: downloaded at once
/// (result links expire), checked for length, probed, and only then stored.
///
/// Every remote adapter's `fetch` ends here, so a truncated file is never stored as done, an
/// expired link makes the take again (under a new idempotency key), and a file that is not
/// the media asked for fails clearly.
///
/// ```swift
/// let download = ResultDownload(provider: "Kling", transport: transport, probe: probe)
/// return try await download.video(HTTPRequest(url: url, timeout: 300), into: context.blobs, cost: locator.cost)
/// ```
public struct ResultDownload: Sendable {
    /// The provider's name as users know it, for messages.
    public let provider: String
    public let transport: any HTTPTransport
    /// Measures each downloaded file; nil stores it unmeasured.
    public let probe: MediaProbe?

    public init(provider: String, transport: any HTTPTransport, probe: MediaProbe?) {
        self.provider = provider
        self.transport = transport
        self.probe = probe
    }

    /// Downloads a video and stores it.
    /// - Parameters:
    ///   - request: the GET of the result (some providers want their key on it; never logged).
    ///   - expiredStatuses: answers that mean the link is dead (signed links say 403, 404 or 410).
    public func video(_ request: HTTPRequest, into blobs: any BlobStore, cost: Money?, details: JSONValue? = nil,
                      expiredStatuses: Set<Int> = [403, 404, 410]) async throws -> NodeOutput {
        try await file(request, into: blobs, mediaType: "video/mp4", cost: cost, details: details,
                       expiredStatuses: expiredStatuses) { info in
            guard info.hasVideo else { throw JobFailure(.failed, "\(provider)'s result has no video stream") }
        }
    }

    /// Downloads any file, checks it, and stores it.
    /// - Parameter mediaType: what it is; nil takes the server's `Content-Type`.
    public func file(_ request: HTTPRequest, into blobs: any BlobStore, mediaType: String?, cost: Money?,
                     details: JSONValue?, expiredStatuses: Set<Int>,
                     check: (MediaInfo) throws -> Void) async throws -> NodeOutput {
        let scratch = blobs.scratchURL(extension: "part")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let download = try await transport.download(request, to: scratch)
        if expiredStatuses.contains(download.status) {
            throw JobFailure(.expired, "\(provider)'s result link no longer works (HTTP \(download.status)); the take will be made again")
        }
        try HTTPStatusPolicy(provider: provider).check(download.response, doing: "download the result")
        try Self.checkSize(scratch, reported: download.byteCount)
        let type = mediaType ?? Self.mediaType(download.header("content-type"))
        var media: MediaInfo?
        if let probe, type.hasPrefix("video/") || type.hasPrefix("audio/") {
            do {
                media = try await probe.probe(scratch)
            } catch {
                throw JobFailure(.failed, "\(provider)'s result is not a readable \(type.hasPrefix("video/") ? "video" : "audio") file")
            }
            try check(media!)
        }
        let asset = try blobs.importFile(at: scratch, mediaType: type, media: media, move: true)
        return NodeOutput(asset: asset, cost: cost, details: details)
    }

    /// Stores bytes a provider sent inline (base64 images, speech bodies).
    public static func store(_ data: Data, mediaType: String, into blobs: any BlobStore, cost: Money?,
                             details: JSONValue? = nil) throws -> NodeOutput {
        guard !data.isEmpty else { throw JobFailure(.transient, "the provider sent an empty file; nothing was kept") }
        let scratch = blobs.scratchURL(extension: Asset.fileExtension(for: mediaType))
        defer { try? FileManager.default.removeItem(at: scratch) }
        try data.write(to: scratch)
        let asset = try blobs.importFile(at: scratch, mediaType: mediaType, media: nil, move: true)
        return NodeOutput(asset: asset, cost: cost, details: details)
    }

    /// The file on disk holds what the download reported, and something at all.
    public static func checkSize(_ file: URL, reported: Int64) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value
        guard let size, size == reported, size > 0 else {
            throw JobFailure(.transient, "the downloaded result is \(size ?? 0) bytes but \(reported) arrived; nothing was kept")
        }
    }

    /// `video/mp4` from `video/mp4; charset=…`; an unknown or generic type as MP4 video.
    static func mediaType(_ header: String?) -> String {
        let type = header?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type.isEmpty || type == "application/octet-stream" || type == "binary/octet-stream" ? "video/mp4" : type
    }
}
