import Foundation

/// A rectangle in canvas pixels with fractional coordinates, used for layout.
struct PanelBox: Hashable, Sendable {
    var x: Double
    var y: Double
    var w: Double
    var h: Double

    init(x: Double, y: Double, w: Double, h: Double) {
        self.x = x
        self.y = y
        self.w = w
        self.h = h
    }

    init(_ rect: PanelRect) {
        self.init(x: Double(rect.x), y: Double(rect.y), w: Double(rect.width), h: Double(rect.height))
    }

    var minX: Double { x }
    var minY: Double { y }
    var maxX: Double { x + w }
    var maxY: Double { y + h }
    var midX: Double { x + w / 2 }
    var midY: Double { y + h / 2 }

    /// A point given in fractions of the box: `at(0.5, 0.5)` is the centre.
    func at(_ fx: Double, _ fy: Double) -> (Double, Double) { (x + w * fx, y + h * fy) }

    /// The y of a fraction of the height.
    func yAt(_ f: Double) -> Double { y + h * f }

    /// The x of a fraction of the width.
    func xAt(_ f: Double) -> Double { x + w * f }

    func contains(_ other: PanelBox, tolerance: Double = 0.5) -> Bool {
        other.minX >= minX - tolerance && other.maxX <= maxX + tolerance
            && other.minY >= minY - tolerance && other.maxY <= maxY + tolerance
    }

    func intersects(_ other: PanelBox) -> Bool {
        other.minX < maxX && other.maxX > minX && other.minY < maxY && other.maxY > minY
    }

    func insetBy(_ d: Double) -> PanelBox {
        PanelBox(x: x + d, y: y + d, w: max(0, w - 2 * d), h: max(0, h - 2 * d))
    }
}
