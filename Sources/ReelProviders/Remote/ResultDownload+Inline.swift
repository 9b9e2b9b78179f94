import Foundation
import ReelEngine
import ReelMedia
import ReelModel

extension ResultDownload {
    /// Stores audio a provider sent as its answer's body (speech), measured like a download
    /// when there is a probe: an answer that is an error page rather than audio is never
    /// stored as a line.
    public func audio(_ response: HTTPResponse, mediaType: String, into blobs: any BlobStore, cost: Money?,
                      details: JSONValue? = nil) async throws -> NodeOutput {
        let sent = response.header("content-type")?.lowercased() ?? ""
        if sent.hasPrefix("application/json") || sent.hasPrefix("text/") {
            throw JobFailure(.transient, "\(provider) answered \(sent.split(separator: ";").first ?? "") instead of audio")
        }
        return try await audio(response.body, mediaType: mediaType, into: blobs, cost: cost, details: details)
    }

    /// Stores audio a provider sent inline (the body, or decoded from its JSON), measured when
    /// there is a probe.
    public func audio(_ data: Data, mediaType: String, into blobs: any BlobStore, cost: Money?,
                      details: JSONValue? = nil) async throws -> NodeOutput {
        guard let probe else { return try Self.store(data, mediaType: mediaType, into: blobs, cost: cost, details: details) }
        guard !data.isEmpty else { throw JobFailure(.transient, "\(provider) sent empty audio; nothing was kept") }
        let scratch = blobs.scratchURL(extension: Asset.fileExtension(for: mediaType))
        defer { try? FileManager.default.removeItem(at: scratch) }
        try data.write(to: scratch)
        let media: MediaInfo
        do {
            media = try await probe.probe(scratch)
        } catch {
            throw JobFailure(.failed, "\(provider)'s answer is not readable audio")
        }
        guard media.audioCodec != nil else { throw JobFailure(.failed, "\(provider)'s answer has no audio stream") }
        let asset = try blobs.importFile(at: scratch, mediaType: mediaType, media: media, move: true)
        return NodeOutput(asset: asset, cost: cost, details: details)
    }
}
