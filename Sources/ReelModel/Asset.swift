import Foundation

/// A file in the content-addressed store, with what Reel knows about it.
///
/// Assets are immutable: the digest is the SHA-256 of the bytes, and the same bytes are
/// stored once however many takes or films use them.
public struct Asset: Hashable, Sendable, Codable {
    public var digest: Digest
    /// `video/mp4`, `image/png`, `audio/wav`, `text/srt`…
    public var mediaType: String
    public var byteCount: Int64
    /// Media facts measured when the asset was stored (duration, frames, size, codec).
    public var media: MediaInfo?

    public init(digest: Digest, mediaType: String, byteCount: Int64, media: MediaInfo? = nil) {
        self.digest = digest
        self.mediaType = mediaType
        self.byteCount = byteCount
        self.media = media
    }

    /// The file extension that goes with the media type.
    public var fileExtension: String { Asset.fileExtension(for: mediaType) }

    public static func fileExtension(for mediaType: String) -> String {
        switch mediaType {
        case "video/mp4": "mp4"
        case "video/quicktime": "mov"
        case "video/webm": "webm"
        case "image/png": "png"
        case "image/jpeg": "jpg"
        case "image/webp": "webp"
        case "image/svg+xml": "svg"
        case "audio/wav": "wav"
        case "audio/mpeg": "mp3"
        case "audio/mp4": "m4a"
        case "text/srt": "srt"
        case "text/vtt": "vtt"
        case "application/json": "json"
        case "application/pdf": "pdf"
        default: "bin"
        }
    }
}

/// Facts about a media file: what ffprobe says, in exact units.
public struct MediaInfo: Hashable, Sendable, Codable {
    public var duration: RationalTime?
    public var width: Int?
    public var height: Int?
    public var frameRate: FrameRate?
    public var frameCount: Int64?
    public var videoCodec: String?
    public var pixelFormat: String?
    public var audioCodec: String?
    public var sampleRate: Int?
    public var channels: Int?
    /// Mean volume of the sound in dBFS, when it was measured.
    public var meanVolumeDB: Double?

    public init(duration: RationalTime? = nil, width: Int? = nil, height: Int? = nil, frameRate: FrameRate? = nil,
                frameCount: Int64? = nil, videoCodec: String? = nil, pixelFormat: String? = nil,
                audioCodec: String? = nil, sampleRate: Int? = nil, channels: Int? = nil, meanVolumeDB: Double? = nil) {
        self.duration = duration
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.frameCount = frameCount
        self.videoCodec = videoCodec
        self.pixelFormat = pixelFormat
        self.audioCodec = audioCodec
        self.sampleRate = sampleRate
        self.channels = channels
        self.meanVolumeDB = meanVolumeDB
    }

    public var hasVideo: Bool { videoCodec != nil }
    public var hasAudio: Bool { audioCodec != nil }
}
