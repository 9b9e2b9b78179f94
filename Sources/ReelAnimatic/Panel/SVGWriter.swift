import Foundation
import ReelModel

/// Accumulates SVG elements. Every colour of the drawing passes through the mood grade
/// on its way out, so the whole picture is graded without filters; labels opt out.
final class SVGWriter {
    /// The font stack of every label: Noto Sans CJK covers Latin and Chinese.
    static let fontFamily = "Noto Sans CJK SC, DejaVu Sans, sans-serif"

    var grade: PanelGrade
    private var defs = ""
    private var body = ""
    private var gradients = 0

    init(grade: PanelGrade) {
        self.grade = grade
    }

    /// A graded colour as `#rrggbb`.
    func paint(_ color: PanelColor) -> String {
        grade.apply(color).hex
    }

    // MARK: Shapes

    func path(_ p: PanelPath, fill: PanelColor? = nil, gradient: String? = nil, stroke: PanelColor? = nil,
              width: Double = 0, opacity: Double = 1) {
        guard !p.data.isEmpty else { return }
        body += "<path d=\"\(p.data)\"" + style(fill, gradient, stroke, width, opacity) + "/>"
    }

    func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: PanelColor? = nil, gradient: String? = nil,
              stroke: PanelColor? = nil, width: Double = 0, opacity: Double = 1, radius: Double = 0) {
        guard w > 0, h > 0 else { return }
        var s = "<rect x=\"\(Self.num(x))\" y=\"\(Self.num(y))\" width=\"\(Self.num(w))\" height=\"\(Self.num(h))\""
        if radius > 0 { s += " rx=\"\(Self.num(radius))\"" }
        body += s + style(fill, gradient, stroke, width, opacity) + "/>"
    }

    func circle(_ cx: Double, _ cy: Double, _ r: Double, fill: PanelColor? = nil, gradient: String? = nil,
                stroke: PanelColor? = nil, width: Double = 0, opacity: Double = 1) {
        guard r > 0 else { return }
        body += "<circle cx=\"\(Self.num(cx))\" cy=\"\(Self.num(cy))\" r=\"\(Self.num(r))\""
            + style(fill, gradient, stroke, width, opacity) + "/>"
    }

    func ellipse(_ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double, fill: PanelColor? = nil,
                 gradient: String? = nil, stroke: PanelColor? = nil, width: Double = 0, opacity: Double = 1) {
        guard rx > 0, ry > 0 else { return }
        body += "<ellipse cx=\"\(Self.num(cx))\" cy=\"\(Self.num(cy))\" rx=\"\(Self.num(rx))\" ry=\"\(Self.num(ry))\""
            + style(fill, gradient, stroke, width, opacity) + "/>"
    }

    /// A stroked open path (no fill), e.g. a limb or a crease.
    func stroke(_ p: PanelPath, _ color: PanelColor, width: Double, opacity: Double = 1) {
        path(p, stroke: color, width: width, opacity: opacity)
    }

    func text(_ content: String, x: Double, y: Double, size: Double, color: PanelColor, weight: Int = 400,
              anchor: String = "start", opacity: Double = 1, spacing: Double = 0) {
        var s = "<text x=\"\(Self.num(x))\" y=\"\(Self.num(y))\" font-size=\"\(Self.num(size))\""
        if weight != 400 { s += " font-weight=\"\(weight)\"" }
        if anchor != "start" { s += " text-anchor=\"\(anchor)\"" }
        if spacing != 0 { s += " letter-spacing=\"\(Self.num(spacing))\"" }
        s += " fill=\"\(paint(color))\""
        if opacity < 1 { s += " fill-opacity=\"\(Self.num2(opacity))\"" }
        body += s + ">" + Self.escape(content) + "</text>"
    }

    // MARK: Groups

    func beginGroup(transform: String? = nil, opacity: Double = 1) {
        var s = "<g"
        if let transform { s += " transform=\"\(transform)\"" }
        if opacity < 1 { s += " opacity=\"\(Self.num2(opacity))\"" }
        body += s + ">"
    }

    func endGroup() {
        body += "</g>"
    }

    /// Starts a group clipped to a rectangle.
    func beginClip(_ x: Double, _ y: Double, _ w: Double, _ h: Double) {
        gradients += 1
        let id = "c\(gradients)"
        defs += "<clipPath id=\"\(id)\"><rect x=\"\(Self.num(x))\" y=\"\(Self.num(y))\" width=\"\(Self.num(w))\""
            + " height=\"\(Self.num(h))\"/></clipPath>"
        body += "<g clip-path=\"url(#\(id))\">"
    }

    // MARK: Gradients

    /// A linear gradient in user space; returns its id.
    func linearGradient(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
                        _ stops: [(Double, PanelColor, Double)]) -> String {
        gradients += 1
        let id = "g\(gradients)"
        defs += "<linearGradient id=\"\(id)\" gradientUnits=\"userSpaceOnUse\" x1=\"\(Self.num(x1))\""
            + " y1=\"\(Self.num(y1))\" x2=\"\(Self.num(x2))\" y2=\"\(Self.num(y2))\">" + stopList(stops)
            + "</linearGradient>"
        return id
    }

    /// A radial gradient in user space; returns its id.
    func radialGradient(_ cx: Double, _ cy: Double, _ r: Double, _ stops: [(Double, PanelColor, Double)]) -> String {
        gradients += 1
        let id = "g\(gradients)"
        defs += "<radialGradient id=\"\(id)\" gradientUnits=\"userSpaceOnUse\" cx=\"\(Self.num(cx))\""
            + " cy=\"\(Self.num(cy))\" r=\"\(Self.num(r))\">" + stopList(stops) + "</radialGradient>"
        return id
    }

    // MARK: Document

    func document(width: Int, height: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\""
            + " viewBox=\"0 0 \(width) \(height)\" font-family=\"\(Self.fontFamily)\""
            + " stroke-linejoin=\"round\" stroke-linecap=\"round\">"
            + (defs.isEmpty ? "" : "<defs>\(defs)</defs>") + body + "</svg>\n"
    }

    // MARK: Formatting

    /// One decimal, no trailing `.0`, never `-0`: stable and compact.
    static func num(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let t = Int((v * 10).rounded())
        if t % 10 == 0 { return String(t / 10) }
        let a = abs(t)
        return (t < 0 ? "-" : "") + "\(a / 10).\(a % 10)"
    }

    /// Two decimals for opacities.
    static func num2(_ v: Double) -> String {
        let t = Int((min(1, max(0, v)) * 100).rounded())
        if t == 100 { return "1" }
        return t < 10 ? "0.0\(t)" : "0.\(t)"
    }

    /// Escapes text for XML content and attributes; drops characters XML 1.0 forbids.
    static func escape(_ text: String) -> String { Markup.escape(text) }

    private func style(_ fill: PanelColor?, _ gradient: String?, _ stroke: PanelColor?, _ width: Double,
                       _ opacity: Double) -> String {
        var s = ""
        if let gradient {
            s += " fill=\"url(#\(gradient))\""
        } else if let fill {
            s += " fill=\"\(paint(fill))\""
        } else {
            s += " fill=\"none\""
        }
        if let stroke, width > 0 {
            s += " stroke=\"\(paint(stroke))\" stroke-width=\"\(Self.num(width))\""
        }
        if opacity < 1 {
            // Per-paint opacity: librsvg composites a whole-element `opacity` off-screen.
            s += " fill-opacity=\"\(Self.num2(opacity))\""
            if stroke != nil { s += " stroke-opacity=\"\(Self.num2(opacity))\"" }
        }
        return s
    }

    private func stopList(_ stops: [(Double, PanelColor, Double)]) -> String {
        stops.map { offset, color, opacity in
            "<stop offset=\"\(Self.num2(offset))\" stop-color=\"\(paint(color))\""
                + (opacity < 1 ? " stop-opacity=\"\(Self.num2(opacity))\"" : "") + "/>"
        }.joined()
    }
}
