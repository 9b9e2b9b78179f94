import Foundation

/// A piece of media on a track: which part of the file (the source range) and the file.
///
/// The source range is in the media's own time from its first frame: a take longer than
/// its shot is trimmed (`start` 0, `duration` the shot's), a shorter one plays whole and
/// is followed by a hold (see ``Clip/heldFrames``). A subtitle is a clip with `text` and
/// no media. `media` is nil when the file does not exist yet.
public struct Clip: Hashable, Sendable, Codable {
    public var name: String
    public var sourceRange: TimeRange
    public var media: MediaReference?
    /// The words, for subtitle clips.
    public var text: String?
    /// Frames the render holds the last picture for after this clip (a take shorter
    /// than its shot); 0 when none.
    public var heldFrames: Int64
    /// What Reel knows about the clip (shot id, take id, prompt, provider, model); the
    /// exports write it under a `reel` key.
    public var metadata: [String: JSONValue]

    public init(name: String, sourceRange: TimeRange, media: MediaReference?, text: String? = nil, heldFrames: Int64 = 0,
                metadata: [String: JSONValue] = [:]) {
        self.name = name
        self.sourceRange = sourceRange
        self.media = media
        self.text = text
        self.heldFrames = heldFrames
        self.metadata = metadata
    }

    /// The shot the clip belongs to, when it is a shot's picture or line.
    public var shot: String? { metadata["shot"]?.stringValue }
}

/// A media file a clip plays: where it is (as the export writes it) and how long it is.
public struct MediaReference: Hashable, Sendable, Codable {
    /// Whether the file has a picture (and perhaps sound, see ``hasAudio``) or is sound alone.
    public enum Kind: String, Hashable, Sendable, Codable {
        case video
        case audio
    }

    /// The path as the export writes it: relative to the export, or absolute.
    public var path: String
    /// A file name for the media, with its extension (`S01-02-t1.mp4`): the name it gets
    /// when it is copied next to an export.
    public var name: String
    public var kind: Kind
    /// The whole file: from 0 for its full length.
    public var availableRange: TimeRange?
    /// `video/mp4`, `audio/wav`…
    public var mediaType: String
    /// The file's SHA-256, so a moved file can be found again.
    public var digest: String?
    /// Picture size, for video.
    public var width: Int?
    public var height: Int?
    public var hasAudio: Bool

    public init(path: String, name: String, kind: Kind, availableRange: TimeRange?, mediaType: String, digest: String? = nil,
                width: Int? = nil, height: Int? = nil, hasAudio: Bool = false) {
        self.path = path
        self.name = name
        self.kind = kind
        self.availableRange = availableRange
        self.mediaType = mediaType
        self.digest = digest
        self.width = width
        self.height = height
        self.hasAudio = hasAudio
    }

    /// The last path component: `S01-02-t1.mp4`.
    public var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }
}
