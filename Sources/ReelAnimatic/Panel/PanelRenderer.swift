import Foundation
import ReelModel

/// Draws storyboard panels: a `PanelSpec` becomes a flat vector SVG — the place, the
/// light of the hour, the characters at the shot's size and angle, a caption and name tags.
///
/// The output is deterministic: the same spec gives byte-identical SVG. It uses only
/// shapes, gradients and opacity (no filters), so librsvg rasterises it quickly:
/// `ffmpeg -i panel.svg panel.png`.
public enum PanelRenderer {
    /// Goes up whenever the same spec would draw a different panel; part of cache keys.
    public static let version = 1

    /// The panel as an SVG document.
    public static func svg(_ spec: PanelSpec) -> String {
        let layout = PanelLayout.make(spec)
        let painter = PanelPainter(spec: spec, layout: layout)
        painter.paint()
        return painter.svg.document(width: Int(layout.canvas.w), height: Int(layout.canvas.h))
    }

    /// The screen layer of a panel drawn with ``PanelSpec/separateOverlay``: a transparent
    /// SVG the size of the frame with the vignette, the caption band and the slug.
    public static func overlaySVG(_ spec: PanelSpec) -> String {
        let layout = PanelLayout.make(spec)
        let painter = PanelPainter(spec: spec, layout: layout)
        painter.paintOverlay()
        return painter.svg.document(width: spec.frame.width, height: spec.frame.height)
    }
}
