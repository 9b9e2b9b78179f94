import Foundation
import ReelModel

/// The outcome of a clip's check: pass, or fail with every problem found. The same JSON
/// (`reel.clip-check`, version 1) for every surface that shows it.
public struct ClipVerdict: Hashable, Sendable, Codable {
    public var schema = "reel.clip-check"
    public var version = 1
    /// The file checked.
    public var file: String
    public var passed: Bool { problems.isEmpty }
    /// Every problem, in time order.
    public var problems: [ClipProblem]
    /// What the probe found: size, rate, exact frame count and length, streams.
    public var media: MediaInfo
    /// The sound's integrated loudness and true peak, when the clip has sound.
    public var loudness: LoudnessMeasurement?
    /// What the clip looks like over time (measured in the same pass); kept with a take's
    /// verdict to tell repeated takes, not part of this JSON.
    public var signature: VideoSignature?

    public init(file: String, problems: [ClipProblem], media: MediaInfo, loudness: LoudnessMeasurement?,
                signature: VideoSignature? = nil) {
        self.signature = signature
        self.file = file
        self.problems = problems
        self.media = media
        self.loudness = loudness
    }

    enum CodingKeys: String, CodingKey { case schema, version, file, passed, problems, media, loudness }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        version = try c.decode(Int.self, forKey: .version)
        file = try c.decode(String.self, forKey: .file)
        problems = try c.decode([ClipProblem].self, forKey: .problems)
        media = try c.decode(MediaInfo.self, forKey: .media)
        loudness = try c.decodeIfPresent(LoudnessMeasurement.self, forKey: .loudness)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(version, forKey: .version)
        try c.encode(file, forKey: .file)
        try c.encode(passed, forKey: .passed)
        try c.encode(problems, forKey: .problems)
        try c.encode(media, forKey: .media)
        try c.encodeIfPresent(loudness, forKey: .loudness)
    }
}
