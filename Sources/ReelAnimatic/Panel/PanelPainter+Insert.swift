import Foundation
import ReelModel

extension PanelPainter {
    /// What an insert shows, chosen by place.
    enum InsertObject { case phone, mug, letter, glass, pills, notebook }

    /// An insert: a close detail on a table — an object, and a hand in the character's
    /// sleeve when someone is in the shot. The background is soft and out of focus.
    func paintInsert() {
        let wall = w(0xCDBFAE)
        svg.rect(bleed.x, bleed.y, bleed.w, bleed.h, fill: wall.mix(PanelColor(0x2A2540), light.isNight ? 0.45 : 0.1))
        var r2 = SeededRandom(seed: spec.seed, stream: "insert")
        // Out-of-focus lights behind.
        for _ in 0..<(light.lampsOn ? 7 : 3) {
            let x = frame.xAt(r2.unit())
            let y = frame.yAt(r2.double(in: 0.08...0.4))
            svg.circle(x, y, min(frame.w, frame.h) * r2.double(in: 0.03...0.07), fill: light.lampsOn ? light.glow : .white,
                       opacity: light.lampsOn ? 0.3 : 0.12)
        }
        let top = frame.yAt(0.48)
        let wood = c(0x8A6042)
        svg.rect(bleed.x, top, bleed.w, bleed.maxY - top, fill: wood)
        for i in 1..<8 {
            let y = top + (frame.maxY - top) * pow(Double(i) / 8, 1.4)
            line(bleed.minX, y, bleed.maxX, y, wood.darker(0.18), weight: 0.6)
        }
        line(bleed.minX, top, bleed.maxX, top, .ink, weight: 1.2)
        let size = min(frame.w, frame.h) * 0.34
        let cx = frame.midX + (layout.figures.isEmpty && spec.figures.isEmpty ? 0 : -frame.w * 0.08)
        let cy = frame.yAt(0.68)
        switch insertObject {
        case .phone: paintPhone(cx, cy, size)
        case .mug: paintMug(cx, cy, size)
        case .letter: paintLetter(cx, cy, size)
        case .glass: paintGlass(cx, cy + size * 0.5, size * 1.1)
        case .pills: paintPills(cx, cy, size)
        case .notebook: paintNotebook(cx, cy, size)
        }
        if let lead = PanelLayout.primary(spec) {
            let look = PanelFigureLook.make(spec.figures[lead], dim: 0)
            paintHand(toward: (cx + size * 0.55, cy), size: size, look: look)
        }
        hazeColor = wall
    }

    /// What the caption names, else what the place suggests.
    var insertObject: InsertObject {
        let caption = (spec.caption ?? "").lowercased()
        let named: [(InsertObject, [String])] = [
            (.phone, ["phone", "text message", "screen", "手机", "电话", "短信"]),
            (.letter, ["letter", "envelope", "note", "photo", "key", "信", "照片", "钥匙", "纸条"]),
            (.glass, ["glass", "drink", "whisky", "whiskey", "wine", "beer", "酒"]),
            (.mug, ["mug", "cup", "coffee", "tea", "杯", "咖啡", "茶"]),
            (.pills, ["pill", "medicine", "bottle", "药"]),
            (.notebook, ["notebook", "book", "diary", "page", "本子", "日记", "书"]),
        ]
        for (object, words) in named where words.contains(where: { caption.contains($0) }) { return object }
        return switch layout.location.place {
        case .kitchen, .home, .cafe, .restaurant: .mug
        case .bar: .glass
        case .hospital, .lab: .pills
        case .classroom: .notebook
        case .office, .bedroom, .car, .train: .phone
        default: spec.seed % 2 == 0 ? .letter : .phone
        }
    }

    private func paintPhone(_ x: Double, _ y: Double, _ size: Double) {
        let w2 = size * 0.42
        let h2 = size * 0.75
        let skew = size * 0.18
        let outline = PanelPath.polygon([(x - w2 + skew, y - h2 * 0.5), (x + w2 + skew, y - h2 * 0.5), (x + w2, y + h2 * 0.5),
                                         (x - w2, y + h2 * 0.5)])
        svg.path(outline.data.isEmpty ? outline : outline, fill: c(0x1C1E24), stroke: .ink, width: lw * 1.4)
        let inset = size * 0.05
        let screen = PanelPath.polygon([(x - w2 + skew + inset, y - h2 * 0.5 + inset), (x + w2 + skew - inset, y - h2 * 0.5 + inset),
                                        (x + w2 - inset, y + h2 * 0.5 - inset), (x - w2 + inset, y + h2 * 0.5 - inset)])
        svg.path(screen, fill: PanelColor(0x4A90C8).mix(.white, 0.15))
        glow(x + skew * 0.5, y, size * 0.9, PanelColor(0x7FC4FF), 0.25)
        for i in 0..<3 {
            let yy = y - h2 * 0.25 + Double(i) * size * 0.12
            let sk = skew * (0.5 - (yy - y) / h2)
            svg.rect(x - w2 * 0.7 + sk, yy, w2 * 1.3, size * 0.07, fill: .white, opacity: 0.85, radius: size * 0.02)
        }
        for sgn in [-1.0, 1.0] {
            let bx = x + sgn * (w2 + size * 0.12) + skew * 0.5
            svg.path(PanelPath().move(bx, y - size * 0.15).quad(bx + sgn * size * 0.07, y, bx, y + size * 0.15),
                     stroke: .ink, width: lw * 1.3)
        }
    }

    private func paintMug(_ x: Double, _ y: Double, _ size: Double) {
        let body = w(0xD9583B)
        let w2 = size * 0.42
        let h = size * 0.85
        svg.ellipse(x + size * 0.1, y + size * 0.42, w2 * 1.3, size * 0.12, fill: .black, opacity: 0.2)
        svg.path(PanelPath().move(x + w2 * 0.9, y - h * 0.35).cubic(x + w2 * 1.7, y - h * 0.35, x + w2 * 1.7, y + h * 0.25,
                                                                     x + w2 * 0.9, y + h * 0.2),
                 stroke: .ink, width: size * 0.1 + 2 * lw)
        svg.path(PanelPath().move(x + w2 * 0.9, y - h * 0.35).cubic(x + w2 * 1.7, y - h * 0.35, x + w2 * 1.7, y + h * 0.25,
                                                                     x + w2 * 0.9, y + h * 0.2),
                 stroke: body, width: size * 0.1)
        ink(PanelPath().move(x - w2, y - h * 0.5).line(x - w2, y + h * 0.4).quad(x, y + h * 0.55, x + w2, y + h * 0.4)
            .line(x + w2, y - h * 0.5).close(), body)
        svg.rect(x - w2 * 0.75, y - h * 0.35, w2 * 0.22, h * 0.65, fill: .white, opacity: 0.25)
        inkEllipse(x, y - h * 0.5, w2, size * 0.1, c(0x5A3420))
        for dx in [-0.15, 0.15] {
            svg.path(PanelPath().move(x + dx * size, y - h * 0.65).quad(x + dx * size + size * 0.1, y - h * 0.85,
                                                                        x + dx * size, y - h * 1.05)
                .quad(x + dx * size - size * 0.1, y - h * 1.2, x + dx * size, y - h * 1.35),
                     stroke: PanelColor(0xFFFFFF), width: lw * 1.2, opacity: 0.6)
        }
    }

    private func paintLetter(_ x: Double, _ y: Double, _ size: Double) {
        let paper = c(0xF4EEDD)
        let a = (x - size * 0.6, y - size * 0.25)
        let b = (x + size * 0.5, y - size * 0.38)
        let cc = (x + size * 0.65, y + size * 0.3)
        let d = (x - size * 0.45, y + size * 0.42)
        ink(PanelPath.polygon([a, b, cc, d]), paper)
        svg.stroke(PanelPath.polyline([a, ((a.0 + cc.0) / 2, (a.1 + cc.1) / 2 + size * 0.05), b]), .ink, width: lw)
        svg.circle((a.0 + cc.0) / 2, (a.1 + cc.1) / 2 + size * 0.05, size * 0.06, fill: c(0xB5332B), stroke: .ink, width: lw * 0.6)
        svg.circle(x + size * 0.55, y + size * 0.6, size * 0.07, stroke: c(0xC9A14A), width: size * 0.03)
        line(x + size * 0.6, y + size * 0.65, x + size * 0.9, y + size * 0.8, c(0xC9A14A), weight: 3)
    }

    private func paintPills(_ x: Double, _ y: Double, _ size: Double) {
        inkRect(x - size * 0.22, y - size * 0.55, size * 0.44, size * 0.85, c(0xE8892E).mix(.white, 0.1), radius: size * 0.05)
        inkRect(x - size * 0.25, y - size * 0.72, size * 0.5, size * 0.2, .white, radius: size * 0.04)
        svg.rect(x - size * 0.22, y - size * 0.3, size * 0.44, size * 0.3, fill: .white, opacity: 0.9)
        for (dx, dy) in [(0.5, 0.2), (0.62, 0.28), (0.45, 0.34)] {
            inkEllipse(x + size * dx, y + size * dy, size * 0.06, size * 0.035, .white, weight: 0.6)
        }
    }

    private func paintNotebook(_ x: Double, _ y: Double, _ size: Double) {
        for sgn in [-1.0, 1.0] {
            ink(PanelPath.polygon([(x, y - size * 0.35), (x + sgn * size * 0.62, y - size * 0.4), (x + sgn * size * 0.7, y + size * 0.35),
                                   (x, y + size * 0.38)]), c(0xF7F4EE))
            for i in 1..<6 {
                let t = Double(i) / 6
                line(x + sgn * size * 0.06, y - size * 0.35 + t * size * 0.7, x + sgn * size * 0.6, y - size * 0.38 + t * size * 0.72,
                     c(0x9AB8D8), weight: 0.6)
            }
        }
        tube(PanelPath().move(x + size * 0.2, y + size * 0.55).line(x + size * 0.9, y + size * 0.2), c(0xE3A21A), width: size * 0.06)
    }

    /// A hand entering from the right in a sleeve of the character's colour.
    private func paintHand(toward tip: (Double, Double), size: Double, look: PanelFigureLook) {
        let start = (bleed.maxX + size * 0.2, tip.1 + size * 0.6)
        let wrist = (tip.0 + size * 0.45, tip.1 + size * 0.12)
        tube(PanelPath().move(start).line(wrist), look.costume, width: size * 0.42)
        inkEllipse(wrist.0 - size * 0.12, wrist.1 - size * 0.02, size * 0.22, size * 0.17, look.skin)
        for i in 0..<4 {
            let fy = wrist.1 - size * 0.12 + Double(i) * size * 0.07
            tube(PanelPath().move(wrist.0 - size * 0.2, fy).line(wrist.0 - size * 0.38 + Double(i) * size * 0.03, fy - size * 0.03),
                 look.skin, width: size * 0.06)
        }
        tube(PanelPath().move(wrist.0 - size * 0.08, wrist.1 + size * 0.12).line(wrist.0 - size * 0.28, wrist.1 + size * 0.16),
             look.skin, width: size * 0.07)
        svg.rect(wrist.0 + size * 0.05, wrist.1 - size * 0.2, size * 0.08, size * 0.42, fill: look.costume.darker(0.2))
    }
}
