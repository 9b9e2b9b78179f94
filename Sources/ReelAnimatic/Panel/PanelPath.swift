import Foundation

/// SVG path data, built by chaining: `PanelPath().move(0, 0).line(10, 0).close()`.
struct PanelPath: Sendable {
    private(set) var data = ""

    func move(_ x: Double, _ y: Double) -> PanelPath { adding("M", [x, y]) }
    func line(_ x: Double, _ y: Double) -> PanelPath { adding("L", [x, y]) }
    func quad(_ cx: Double, _ cy: Double, _ x: Double, _ y: Double) -> PanelPath { adding("Q", [cx, cy, x, y]) }
    func cubic(_ c1x: Double, _ c1y: Double, _ c2x: Double, _ c2y: Double, _ x: Double, _ y: Double) -> PanelPath {
        adding("C", [c1x, c1y, c2x, c2y, x, y])
    }
    /// An elliptical arc to (x, y) with radii (rx, ry).
    func arc(_ rx: Double, _ ry: Double, large: Bool = false, sweep: Bool = true, _ x: Double, _ y: Double) -> PanelPath {
        var p = self
        p.data += "A\(SVGWriter.num(rx)) \(SVGWriter.num(ry)) 0 \(large ? 1 : 0) \(sweep ? 1 : 0) "
            + "\(SVGWriter.num(x)) \(SVGWriter.num(y))"
        return p
    }
    func close() -> PanelPath {
        var p = self
        p.data += "Z"
        return p
    }

    func move(_ p: (Double, Double)) -> PanelPath { move(p.0, p.1) }
    func line(_ p: (Double, Double)) -> PanelPath { line(p.0, p.1) }
    func quad(_ c: (Double, Double), _ p: (Double, Double)) -> PanelPath { quad(c.0, c.1, p.0, p.1) }

    /// A closed polygon through `points`.
    static func polygon(_ points: [(Double, Double)]) -> PanelPath {
        guard let first = points.first else { return PanelPath() }
        var p = PanelPath().move(first.0, first.1)
        for q in points.dropFirst() { p = p.line(q.0, q.1) }
        return p.close()
    }

    /// An open polyline through `points`.
    static func polyline(_ points: [(Double, Double)]) -> PanelPath {
        guard let first = points.first else { return PanelPath() }
        var p = PanelPath().move(first.0, first.1)
        for q in points.dropFirst() { p = p.line(q.0, q.1) }
        return p
    }

    /// A rectangle with rounded corners of radius `r`.
    static func roundedRect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ r: Double) -> PanelPath {
        let r = max(0, min(r, w / 2, h / 2))
        return PanelPath().move(x + r, y).line(x + w - r, y).quad(x + w, y, x + w, y + r)
            .line(x + w, y + h - r).quad(x + w, y + h, x + w - r, y + h)
            .line(x + r, y + h).quad(x, y + h, x, y + h - r)
            .line(x, y + r).quad(x, y, x + r, y).close()
    }

    private func adding(_ command: String, _ values: [Double]) -> PanelPath {
        var p = self
        p.data += command + values.map(SVGWriter.num).joined(separator: " ")
        return p
    }
}
