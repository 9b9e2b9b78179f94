import Foundation
import ReelModel

extension PanelPainter {
    /// What a storefront sells: drawn as an icon on its sign, never as words.
    enum ShopSign { case cup, cutlery, glass, bag }

    /// A shop front across the street: sign, awning, a big window glowing after dark.
    func paintStorefront(_ sign: ShopSign) {
        paintSkyAndGround(c(0x6A6C72))
        let g = ground(1)
        let sw = streetHalfWidth
        var r2 = SeededRandom(seed: spec.seed, stream: "storefront")
        // Neighbours and the shop.
        let shopColor: PanelColor
        switch sign {
        case .cup: shopColor = w(0x2F6B57)
        case .cutlery: shopColor = w(0x9E3B32)
        case .glass: shopColor = w(0x2E2A3E)
        case .bag: shopColor = w(0x3B73D9)
        }
        var x = bleed.minX - g.len(2)
        while x < bleed.maxX {
            let bw = g.len(r2.double(in: 6...9))
            inkRect(x, g.y(r2.double(in: 8...12)), bw, g.baseY - g.y(12) + g.len(12), w(r2.pick([0xD9C3A0, 0xC98D6B, 0xB5A89A])),
                    weight: 0.7)
            x += bw
        }
        let half = min(sw * 1.1, 3.6)
        inkRect(g.x(-half), g.y(7), g.len(2 * half), g.len(7), w(0xE6DCC8))
        for fy in [4.2, 5.6] {
            for fx in stride(from: -half + 0.7, to: half - 0.6, by: 1.6) {
                paintLitWindow(g, x: fx + 0.45, bottom: fy, width: 0.9, height: 1.0)
            }
        }
        inkRect(g.x(-half), g.y(3.4), g.len(2 * half), g.len(3.4), shopColor)
        let window = PanelBox(x: g.x(-half + 0.3), y: g.y(2.5), w: g.len(2 * half - 1.9), h: g.len(2.0))
        let inside = light.lampsOn ? light.glow.mix(w(0xE8A25A), 0.3) : c(0x9DB4C4).mix(light.sky.middle, 0.3)
        inkRect(window.x, window.y, window.w, window.h, inside)
        if !light.lampsOn {
            svg.path(PanelPath.polygon([(window.minX + window.w * 0.1, window.minY), (window.minX + window.w * 0.25, window.minY),
                                        (window.minX + window.w * 0.05, window.maxY), (window.minX - window.w * 0.0, window.maxY)]),
                     fill: .white, opacity: 0.35)
        }
        for i in 0..<3 {
            let lx = window.minX + window.w * (0.2 + 0.3 * Double(i))
            line(lx, window.minY, lx, window.minY + window.h * 0.22, .ink, weight: 0.6)
            svg.circle(lx, window.minY + window.h * 0.25, g.len(0.1), fill: light.lampsOn ? .white : c(0xE8D8A8))
        }
        svg.rect(window.minX, window.maxY - window.h * 0.3, window.w, window.h * 0.3, fill: shopColor.darker(0.35),
                 opacity: 0.7)
        paintDoor(g, x: half - 0.8, color: shopColor.darker(0.2), width: 0.9)
        // Awning.
        let top = g.y(3.2)
        let depth = g.len(0.7)
        let stripes = 10
        for i in 0..<stripes {
            let x0 = g.x(-half - 0.1) + g.len(2 * half + 0.2) * Double(i) / Double(stripes)
            let x1 = x0 + g.len(2 * half + 0.2) / Double(stripes)
            svg.path(PanelPath.polygon([(x0, top), (x1, top), (x1, top + depth), (x0, top + depth)]),
                     fill: i % 2 == 0 ? shopColor.lighter(0.1) : c(0xF4F1EA))
            svg.path(PanelPath().move(x0, top + depth).quad((x0 + x1) / 2, top + depth * 1.35, x1, top + depth).close(),
                     fill: i % 2 == 0 ? shopColor.lighter(0.1) : c(0xF4F1EA), stroke: .ink, width: lw * 0.6)
        }
        svg.rect(g.x(-half - 0.1), top, g.len(2 * half + 0.2), depth, stroke: .ink, width: lw)
        paintShopSign(g, sign, color: shopColor)
        svg.rect(bleed.x, g.baseY, bleed.w, g.len(0.15), fill: c(0x8C877E))
        if sign == .cup || sign == .cutlery { paintCafeTable(ground(1.25), x: -windowSide * 1.6) }
        paintStreetLamp(windowSide * sw * 1.2, depth: 9, facing: -windowSide)
        hazeColor = shopColor.mix(light.sky.middle, 0.5)
    }

    private func paintLitWindow(_ p: PanelPlane, x m: Double, bottom: Double, width: Double, height: Double) {
        let lit = light.lampsOn && (Int(m * 10) + Int(bottom)) % 3 != 0
        inkRect(p.x(m - width / 2), p.y(bottom + height), p.len(width), p.len(height),
                lit ? light.glow : c(0x6E8AA6).mix(light.sky.middle, 0.35), weight: 0.7)
        line(p.x(m), p.y(bottom + height), p.x(m), p.y(bottom), c(0xF4F1EA), weight: 1.2)
    }

    private func paintShopSign(_ p: PanelPlane, _ sign: ShopSign, color: PanelColor) {
        let cx = p.x(0)
        let cy = p.y(4.1)
        let r = p.len(0.5)
        svg.circle(cx, cy, r, fill: c(0xF4F1EA), stroke: .ink, width: lw)
        if light.lampsOn { glow(cx, cy, r * 2.4, light.glow, 0.3) }
        let ic = color.darker(0.1)
        switch sign {
        case .cup:
            inkRect(cx - r * 0.4, cy - r * 0.3, r * 0.7, r * 0.6, ic, weight: 0.6, radius: r * 0.1)
            svg.circle(cx + r * 0.38, cy - r * 0.02, r * 0.16, stroke: ic, width: lw * 1.2)
        case .cutlery:
            line(cx - r * 0.25, cy - r * 0.55, cx - r * 0.25, cy + r * 0.55, ic, weight: 1.8)
            line(cx + r * 0.25, cy - r * 0.55, cx + r * 0.25, cy + r * 0.55, ic, weight: 1.8)
            svg.ellipse(cx + r * 0.25, cy - r * 0.3, r * 0.12, r * 0.28, fill: ic)
        case .glass:
            ink(PanelPath.polygon([(cx - r * 0.45, cy - r * 0.45), (cx + r * 0.45, cy - r * 0.45), (cx, cy + r * 0.1)]), ic,
                weight: 0.6)
            line(cx, cy + r * 0.1, cx, cy + r * 0.5, ic, weight: 1.4)
        case .bag:
            inkRect(cx - r * 0.4, cy - r * 0.2, r * 0.8, r * 0.65, ic, weight: 0.6)
            svg.path(PanelPath().move(cx - r * 0.2, cy - r * 0.2).quad(cx, cy - r * 0.65, cx + r * 0.2, cy - r * 0.2),
                     stroke: ic, width: lw * 1.3)
        }
    }

    func paintCafeTable(_ p: PanelPlane, x m: Double) {
        line(p.x(m), p.baseY, p.x(m), p.y(0.72), .ink, weight: 1.5)
        inkEllipse(p.x(m), p.y(0.74), p.len(0.45), p.len(0.08), c(0xF4F1EA))
        for sgn in [-1.0, 1.0] {
            let cx = m + sgn * 0.65
            line(p.x(cx - 0.15), p.baseY, p.x(cx - 0.15), p.y(0.45), .ink, weight: 1.1)
            line(p.x(cx + 0.15), p.baseY, p.x(cx + 0.15), p.y(0.45), .ink, weight: 1.1)
            inkRect(p.x(cx - 0.2), p.y(0.48), p.len(0.4), p.len(0.05), c(0x3B3F48))
            line(p.x(cx + sgn * 0.18), p.y(0.48), p.x(cx + sgn * 0.2), p.y(0.95), .ink, weight: 1.3)
        }
    }

    /// A house seen from its front lawn: gable, porch with posts and steps, lit windows.
    func paintHouse() {
        paintSkyAndGround(c(0x6FA85A))
        var r2 = SeededRandom(seed: spec.seed, stream: "house")
        paintTreeAt(-windowSide * 9, depth: 20, height: 8)
        let g = ground(0.9)
        let half = max(4.5, frame.w * 0.55 / g.scale)
        let siding = w(r2.pick([0xE8DCC2, 0xBFD0D8, 0xE6C7A0, 0xC9D3B5]))
        inkRect(g.x(-half), g.y(5.2), g.len(2 * half), g.len(5.2), siding)
        for h in stride(from: 0.6, to: 5.2, by: 0.35) {
            line(g.x(-half), g.y(h), g.x(half), g.y(h), siding.darker(0.1), weight: 0.45)
        }
        let roof = c(0x5B4A4A)
        ink(PanelPath.polygon([(g.x(-half - 0.6), g.y(5.1)), (g.x(0), g.y(8.4)), (g.x(half + 0.6), g.y(5.1))]), roof)
        svg.circle(g.x(0), g.y(6.6), g.len(0.45), fill: light.lampsOn ? light.glow : c(0x6E8AA6), stroke: .ink, width: lw)
        for fx in [-half * 0.62, half * 0.62] {
            paintLitWindow(g, x: fx, bottom: 2.9, width: 1.3, height: 1.5)
            paintLitWindow(g, x: fx, bottom: 0.9, width: 1.3, height: 1.4)
            for sgn in [-1.0, 1.0] {
                inkRect(g.x(fx + sgn * 0.85 - 0.18), g.y(4.5), g.len(0.36), g.len(1.6), c(0x3F5F7A), weight: 0.6)
            }
        }
        paintDoor(g, x: 0, color: c(0x8A3B32))
        // Porch.
        let porch = ground(1.0)
        let deck = c(0x9A6A42)
        inkRect(porch.x(-half * 0.55), porch.y(0.45), porch.len(half * 1.1), porch.len(0.45), deck)
        ink(PanelPath.polygon([(porch.x(-half * 0.6), porch.y(3.0)), (porch.x(half * 0.6), porch.y(3.0)),
                               (porch.x(half * 0.7), porch.y(2.6)), (porch.x(-half * 0.7), porch.y(2.6))]), roof)
        for fx in [-half * 0.5, half * 0.5] {
            inkRect(porch.x(fx - 0.08), porch.y(2.6), porch.len(0.16), porch.len(2.15), c(0xF4F1EA))
        }
        for (i, fy) in [0.3, 0.15].enumerated() {
            inkRect(porch.x(-0.8 - Double(i) * 0.15), porch.y(fy), porch.len(1.6 + Double(i) * 0.3), porch.len(0.15), deck.lighter(0.1))
        }
        if light.lampsOn { glow(porch.x(-0.9), porch.y(2.3), porch.len(2.4), light.glow, 0.5) }
        paintFence(ground(1.6))
        hazeColor = siding
    }

    private func paintFence(_ p: PanelPlane) {
        let white = c(0xF2EEE6)
        var x = bleed.minX
        let gap = max(p.len(1.0), frame.w * 0.3)
        while x < bleed.maxX {
            if abs(x - p.x(0)) > gap {
                ink(PanelPath.polygon([(x, p.baseY), (x, p.y(0.85)), (x + p.len(0.06), p.y(0.95)),
                                       (x + p.len(0.12), p.y(0.85)), (x + p.len(0.12), p.baseY)]), white, weight: 0.6)
            }
            x += p.len(0.24)
        }
        for h in [0.3, 0.65] {
            line(bleed.minX, p.y(h), p.x(0) - gap, p.y(h), white.darker(0.1), weight: 1.4)
            line(p.x(0) + gap, p.y(h), bleed.maxX, p.y(h), white.darker(0.1), weight: 1.4)
        }
    }
}
