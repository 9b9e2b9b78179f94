import Foundation

/// A rectangle in canvas pixels, origin top-left.
public struct PanelRect: Hashable, Sendable, Codable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// A rectangle of `width` × `height` centred in a canvas of `canvasWidth` × `canvasHeight`.
    public static func centred(width: Int, height: Int, inCanvasWidth canvasWidth: Int,
                               canvasHeight: Int) -> PanelRect {
        PanelRect(x: (canvasWidth - width) / 2, y: (canvasHeight - height) / 2, width: width, height: height)
    }
}
