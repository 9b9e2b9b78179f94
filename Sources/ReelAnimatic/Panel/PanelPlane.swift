import Foundation

/// A vertical plane of the set facing the camera, at one depth: lengths in metres become
/// pixels at that depth, and heights are measured up from the floor or ground line.
struct PanelPlane: Hashable, Sendable {
    /// Pixels per metre at this depth.
    var scale: Double
    /// The y of the floor at this depth.
    var baseY: Double
    /// The x of 0 m (the vanishing point's x).
    var originX: Double

    /// Screen x of a point `m` metres right of the centre line.
    func x(_ m: Double) -> Double { originX + m * scale }
    /// Screen y of a point `m` metres above the floor.
    func y(_ m: Double) -> Double { baseY - m * scale }
    /// A length in metres, in pixels.
    func len(_ m: Double) -> Double { m * scale }
    /// The metre offset of screen x.
    func metres(atX px: Double) -> Double { (px - originX) / scale }
}
