import Foundation
import ReelAnimatic
import ReelMedia
import ReelModel

/// A printable storyboard sheet: every shot's panel with its id, size, move, duration,
/// action and dialogue, scene by scene.
///
/// Panels are drawn on the canvas the camera travels over; the sheet marks the frame
/// where the shot starts (solid) and ends (dashed) with an arrow between, as storyboard
/// artists mark pans and push-ins.
public struct BoardSheet: Sendable {
    public var storyboard: Storyboard
    /// The panel image of each shot, relative to the sheet.
    public var panels: [ShotID: String]

    public init(storyboard: Storyboard, panels: [ShotID: String]) {
        self.storyboard = storyboard
        self.panels = panels
    }

    public func html() -> String {
        let b = storyboard
        let columns = b.format.aspect == .landscape ? 2 : (b.format.aspect == .square ? 3 : 4)
        let cast = b.subjects.filter { $0.kind == .character }
        var out = """
        <!doctype html>
        <html lang="\(b.language == .chinese ? "zh-Hans" : "en")">
        <head>
        <meta charset="utf-8">
        <meta name="generator" content="Reel">
        <title>\(esc(b.title)) — storyboard</title>
        <style>
        :root { --ink: #1d1d1f; --muted: #6b6b70; --line: #d9d9de; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans CJK SC", "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); margin: 24px; }
        header h1 { margin: 0 0 4px; font-size: 22px; }
        header p { margin: 0; color: var(--muted); font-size: 13px; }
        .cast { margin: 10px 0 0; font-size: 13px; }
        .cast span { display: inline-block; margin-right: 14px; }
        .cast i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; vertical-align: -1px; }
        h2 { font-size: 15px; margin: 26px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
        h2 small { font-weight: normal; color: var(--muted); margin-left: 8px; }
        .grid { display: grid; grid-template-columns: repeat(\(columns), minmax(0, 1fr)); gap: 16px; }
        .shot { break-inside: avoid; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; font-size: 12px; }
        .frame { position: relative; background: #111; }
        .frame img { display: block; width: 100%; height: auto; }
        .frame svg { position: absolute; inset: 0; width: 100%; height: 100%; }
        .meta { padding: 8px 10px 10px; }
        .id { font-weight: 700; font-size: 13px; }
        .tags { color: var(--muted); margin: 2px 0 6px; }
        .action { margin: 0 0 6px; }
        .line { margin: 2px 0; }
        .line b { font-weight: 600; }
        .note { color: #8a5a00; margin-top: 4px; }
        @media print { body { margin: 10mm; } h2 { break-after: avoid; } .grid { gap: 10px; } }
        </style>
        </head>
        <body>
        <header>
        <h1>\(esc(b.title))</h1>
        <p>\(b.shots.count) shots · \(String(format: "%.1f", b.duration.seconds)) s · \(b.format.aspect.rawValue) · \(b.format.width)×\(b.format.height) · \(b.format.frameRate) fps</p>

        """
        if !cast.isEmpty {
            out += "<p class=\"cast\">" + cast.enumerated().map { i, s in
                "<span><i style=\"background:\(BoardSheet.swatch(i))\"></i>\(esc(s.name))</span>"
            }.joined() + "</p>\n"
        }
        out += "</header>\n"
        for scene in b.scenes {
            let shots = b.shots.filter { $0.scene == scene.id }
            guard !shots.isEmpty else { continue }
            out += "<h2>\(esc(scene.heading.isEmpty ? "Scene \(scene.id)" : scene.heading))<small>scene \(esc(scene.id.rawValue)) · \(scene.mood.rawValue)</small></h2>\n<div class=\"grid\">\n"
            for shot in shots { out += card(shot) }
            out += "</div>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    func card(_ shot: Shot) -> String {
        let b = storyboard
        let layout = MotionLayout(move: shot.move, width: b.format.width, height: b.format.height)
        var out = "<section class=\"shot\" id=\"\(esc(shot.id.rawValue))\">\n<div class=\"frame\">"
        if let panel = panels[shot.id] {
            out += "<img src=\"\(esc(panel))\" alt=\"\(esc(shot.id.rawValue)) panel\" loading=\"lazy\">"
            out += BoardSheet.moveOverlay(shot.move, layout: layout)
        }
        out += "</div>\n<div class=\"meta\">\n<div class=\"id\">\(esc(shot.id.rawValue))</div>\n"
        var tags = [shot.size.rawValue + " · " + shot.size.name, shot.move.name]
        if shot.angle != .eyeLevel { tags.append(shot.angle.rawValue) }
        tags.append(String(format: "%.1f s", shot.duration.seconds))
        if shot.transitionIn != .cut { tags.append(shot.transitionIn.rawValue) }
        if shot.transitionOut != .cut { tags.append(shot.transitionOut.rawValue) }
        out += "<div class=\"tags\">\(esc(tags.joined(separator: " · ")))</div>\n"
        if !shot.action.isEmpty { out += "<p class=\"action\">\(esc(shot.action))</p>\n" }
        for cue in shot.dialogue {
            let name = b.subject(cue.speaker)?.name ?? cue.speaker.rawValue
            let paren = cue.parenthetical.map { " <i>(\(esc($0)))</i>" } ?? ""
            out += "<p class=\"line\"><b>\(esc(name))</b>\(cue.offScreen ? " (\((cue.offScreenKind ?? .voiceOver).rawValue))" : "")\(paren): \(esc(cue.text))</p>\n"
        }
        for note in shot.notes { out += "<p class=\"note\">✎ \(esc(note))</p>\n" }
        out += "</div>\n</section>\n"
        return out
    }

    /// Start frame (solid), end frame (dashed) and an arrow, in the panel's coordinates.
    static func moveOverlay(_ move: CameraMove, layout l: MotionLayout) -> String {
        let w = Double(l.canvasWidth), h = Double(l.canvasHeight)
        let fw = Double(l.frameWidth), fh = Double(l.frameHeight)
        var start = (x: Double(l.frameX), y: Double(l.frameY), w: fw, h: fh)
        var end = start
        let zoom = 1 / 1.15
        switch move {
        case .static: return ""
        case .panRight: start.x = 0; end.x = w - fw
        case .panLeft: start.x = w - fw; end.x = 0
        case .tiltDown: start.y = 0; end.y = h - fh
        case .tiltUp: start.y = h - fh; end.y = 0
        case .pushIn: end = (start.x + fw * (1 - zoom) / 2, start.y + fh * (1 - zoom) * 0.4, fw * zoom, fh * zoom)
        case .pullOut: start = (end.x + fw * (1 - zoom) / 2, end.y + fh * (1 - zoom) * 0.4, fw * zoom, fh * zoom)
        }
        let stroke = max(3, w / 160)
        func rect(_ r: (x: Double, y: Double, w: Double, h: Double), dashed: Bool) -> String {
            "<rect x=\"\(Int(r.x + stroke))\" y=\"\(Int(r.y + stroke))\" width=\"\(Int(r.w - 2 * stroke))\" height=\"\(Int(r.h - 2 * stroke))\" fill=\"none\" stroke=\"#ffd60a\" stroke-width=\"\(Int(stroke))\"\(dashed ? " stroke-dasharray=\"\(Int(stroke * 4)) \(Int(stroke * 3))\"" : "")/>"
        }
        let c1 = (start.x + start.w / 2, start.y + start.h / 2), c2 = (end.x + end.w / 2, end.y + end.h / 2)
        var arrow = ""
        if abs(c1.0 - c2.0) + abs(c1.1 - c2.1) > 1 {
            arrow = "<line x1=\"\(Int(c1.0))\" y1=\"\(Int(c1.1))\" x2=\"\(Int(c2.0))\" y2=\"\(Int(c2.1))\" stroke=\"#ffd60a\" stroke-width=\"\(Int(stroke * 1.5))\" marker-end=\"url(#a)\"/>"
        } else {
            arrow = "<text x=\"\(Int(end.x + end.w - stroke * 12))\" y=\"\(Int(end.y + stroke * 10))\" fill=\"#ffd60a\" font-size=\"\(Int(stroke * 8))\" font-family=\"sans-serif\">\(move == .pushIn ? "IN" : "OUT")</text>"
        }
        return "<svg viewBox=\"0 0 \(Int(w)) \(Int(h))\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
            + "<defs><marker id=\"a\" viewBox=\"0 0 10 10\" refX=\"8\" refY=\"5\" markerWidth=\"4\" markerHeight=\"4\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#ffd60a\"/></marker></defs>"
            + rect(start, dashed: false) + rect(end, dashed: true) + arrow + "</svg>"
    }

    /// The costume colour of cast member `i`, close to the panels' palette.
    static func swatch(_ i: Int) -> String {
        let palette = ["#c0392b", "#2e86c1", "#27ae60", "#8e44ad", "#d68910", "#16a085", "#b03a8a", "#5d6d7e"]
        return palette[i % palette.count]
    }
}

/// HTML-escapes text.
func esc(_ s: String) -> String { Markup.escape(s) }
