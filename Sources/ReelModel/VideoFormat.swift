import Foundation

/// The picture a film is made in: aspect, size class and frame rate.
///
/// Short dramas are vertical, so the default is 9:16 at 720p and 24 fps.
public struct VideoFormat: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The frame's shape, written width:height (`9:16`).
    public enum Aspect: String, Sendable, Codable, CaseIterable {
        case vertical = "9:16"
        case landscape = "16:9"
        case square = "1:1"
    }

    /// The resolution class, named by the frame's short side (`720p`); the long side follows
    /// from the aspect.
    public enum Size: String, Sendable, Codable, CaseIterable {
        case p480 = "480p"
        case p720 = "720p"
        case p1080 = "1080p"

        /// The length of the short side in pixels.
        public var shortSide: Int {
            switch self {
            case .p480: 480
            case .p720: 720
            case .p1080: 1080
            }
        }
    }

    public var aspect: Aspect
    public var size: Size
    public var frameRate: FrameRate

    public init(aspect: Aspect = .vertical, size: Size = .p720, frameRate: FrameRate = .fps24) {
        self.aspect = aspect
        self.size = size
        self.frameRate = frameRate
    }

    public static let `default` = VideoFormat()

    /// Frame width in pixels (always even).
    public var width: Int {
        switch aspect {
        case .vertical, .square: size.shortSide
        case .landscape: VideoFormat.even(size.shortSide * 16, 9)
        }
    }

    /// Frame height in pixels (always even).
    public var height: Int {
        switch aspect {
        case .landscape, .square: size.shortSide
        case .vertical: VideoFormat.even(size.shortSide * 16, 9)
        }
    }

    /// `n / d` rounded to the nearest even number: 4:2:0 video needs even sides.
    static func even(_ n: Int, _ d: Int) -> Int { Int((Double(n) / Double(d) / 2).rounded()) * 2 }

    /// `720x1280@24`.
    public var description: String { "\(width)x\(height)@\(frameRate)" }
}
