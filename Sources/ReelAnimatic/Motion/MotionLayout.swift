import Foundation
import ReelModel

/// Where the film frame sits on a panel canvas, and how big the canvas must be for a
/// camera move to have room.
///
/// Panels are drawn larger than the film (``supersample``) so that a push-in never
/// magnifies pixels; pans and tilts get a wider or taller canvas to travel over.
public struct MotionLayout: Hashable, Sendable, Codable {
    public var canvasWidth: Int
    public var canvasHeight: Int
    /// The frame region at rest, in canvas pixels: origin and size.
    public var frameX: Int
    public var frameY: Int
    public var frameWidth: Int
    public var frameHeight: Int

    /// Canvas pixels per film pixel.
    public static let supersample = 1.25
    /// How far a pan travels: the canvas is this much wider than the frame.
    public static let panExtent = 1.4
    /// How far a tilt travels.
    public static let tiltExtent = 1.35

    public init(canvasWidth: Int, canvasHeight: Int, frameX: Int, frameY: Int, frameWidth: Int, frameHeight: Int) {
        self.canvasWidth = canvasWidth
        self.canvasHeight = canvasHeight
        self.frameX = frameX
        self.frameY = frameY
        self.frameWidth = frameWidth
        self.frameHeight = frameHeight
    }

    /// The canvas for `move` in a film of `width`×`height` pixels.
    public init(move: CameraMove, width: Int, height: Int) {
        let fw = MotionLayout.even(Double(width) * MotionLayout.supersample)
        let fh = MotionLayout.even(Double(height) * MotionLayout.supersample)
        var cw = fw
        var ch = fh
        switch move {
        case .panLeft, .panRight: cw = MotionLayout.even(Double(fw) * MotionLayout.panExtent)
        case .tiltUp, .tiltDown: ch = MotionLayout.even(Double(fh) * MotionLayout.tiltExtent)
        case .static, .pushIn, .pullOut: break
        }
        self.init(canvasWidth: cw, canvasHeight: ch, frameX: (cw - fw) / 2, frameY: (ch - fh) / 2,
                  frameWidth: fw, frameHeight: fh)
    }

    static func even(_ v: Double) -> Int { Int((v / 2).rounded()) * 2 }
}
