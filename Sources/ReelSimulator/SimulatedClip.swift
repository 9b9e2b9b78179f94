import Foundation
import ReelModel

/// What a simulated clip looks like; equal specs make byte-identical files.
public struct SimulatedClip: Hashable, Sendable, Codable {
    public var width: Int
    public var height: Int
    public var frameRate: FrameRate
    public var frames: Int64
    public var seed: UInt64
    /// Drawn in the middle of the picture, over a second line with the seed and model.
    public var label: String
    public var model: String
    /// The still the clip is drawn from, when the request sent one (image-to-video).
    public var firstFrame: Data?
    /// How the clip is broken, when the simulated provider was told to break it.
    public var defect: ClipDefect?
    /// True when the clip has a soundtrack (the request asked for `audio`); nil for none, so
    /// clips without keep their names.
    public var sound: Bool?

    public init(width: Int, height: Int, frameRate: FrameRate, frames: Int64, seed: UInt64, label: String, model: String,
                firstFrame: Data? = nil) {
        self.firstFrame = firstFrame
        self.width = width
        self.height = height
        self.frameRate = frameRate
        self.frames = frames
        self.seed = seed
        self.label = label
        self.model = model
    }

    /// The clip for a request.
    public init(_ request: SimulatedGenerationRequest) {
        self.init(width: request.width, height: request.height, frameRate: request.frameRate, frames: request.frames,
                  seed: request.seed, label: request.label ?? "", model: request.model, firstFrame: request.firstFrame)
        sound = request.audio ? true : nil
    }

    /// The same size, rate and length with nothing that varies per take: what cheap mode renders.
    public var flat: SimulatedClip {
        var flat = SimulatedClip(width: width, height: height, frameRate: frameRate, frames: frames, seed: 0, label: "", model: "")
        flat.defect = defect
        flat.sound = sound
        return flat
    }

    /// The frames the file has: a short clip has 60% of them.
    public var framesMade: Int64 { defect == .short ? max(1, frames * 6 / 10) : frames }

    /// The text drawn on the picture.
    public var text: String { "\(label.isEmpty ? "sim" : label)\nseed \(seed) · \(model)" }
}
