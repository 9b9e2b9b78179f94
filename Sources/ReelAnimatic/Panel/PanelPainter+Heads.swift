import Foundation
import ReelModel

extension PanelPainter {
    /// Hair that falls behind the neck and shoulders, drawn before the body.
    func paintBackHair(_ b: Body, look: PanelFigureLook, weight: Double) {
        let f = b.p.facing
        func h(_ v: Double) -> Double { b.x(v - f * 0.06) }
        switch look.hairStyle {
        case .long:
            ink(PanelPath().move(h(-1.05), b.y(-0.3)).cubic(h(-1.22), b.y(-1.5), h(1.22), b.y(-1.5), h(1.05), b.y(-0.3))
                .line(h(1.32), b.y(2.5)).quad(h(0), b.y(2.85), h(-1.32), b.y(2.5)).close(), look.hair.darker(0.12),
                weight: weight)
        case .bob:
            ink(PanelPath().move(h(-1.05), b.y(-0.3)).cubic(h(-1.2), b.y(-1.45), h(1.2), b.y(-1.45), h(1.05), b.y(-0.3))
                .line(h(1.14), b.y(1.05)).line(h(-1.14), b.y(1.05)).close(), look.hair.darker(0.12), weight: weight)
        case .bun:
            inkEllipse(h(-f * 0.35), b.y(-1.2), b.r * 0.5, b.r * 0.42, look.hair, weight: weight)
        case .short, .side, .crop:
            break
        }
    }

    /// The head: ears, face, cel shadow, features and the hair on top.
    func paintHead(_ b: Body, figure: PanelFigure, look: PanelFigureLook, weight: Double) {
        let f = b.p.facing
        let r = b.r
        let jaw = f * 0.16
        let detailed = r >= 34
        // Ears: the far one hides as the head turns.
        for sgn in [-1.0, 1.0] where abs(f) < 0.45 || sgn != (f > 0 ? 1 : -1) {
            let ex = sgn * (0.9 - abs(f) * 0.08)
            inkEllipse(b.x(ex), b.y(0.12), r * 0.17, r * 0.27, look.skin, weight: weight)
        }
        let face = PanelPath().move(b.x(-0.92), b.y(-0.15))
            .cubic(b.x(-0.95), b.y(-1.22), b.x(0.95), b.y(-1.22), b.x(0.92), b.y(-0.15))
            .cubic(b.x(0.92), b.y(0.62), b.x(0.42 + jaw), b.y(1.08), b.x(jaw), b.y(1.1))
            .cubic(b.x(-0.42 + jaw), b.y(1.08), b.x(-0.92), b.y(0.62), b.x(-0.92), b.y(-0.15)).close()
        svg.path(face, fill: look.skin)
        svg.path(PanelPath().move(b.x(0.5), b.y(-0.92)).cubic(b.x(1.0), b.y(-0.5), b.x(1.0), b.y(0.6), b.x(0.3 + jaw),
                                                                b.y(1.08))
            .cubic(b.x(0.72), b.y(0.45), b.x(0.8), b.y(-0.4), b.x(0.5), b.y(-0.92)).close(),
            fill: look.skinShade, opacity: 0.55)
        svg.path(face, stroke: .ink, width: lw * weight)
        if r >= layout.unit * 0.9 { paintFace(b, figure: figure, look: look, detailed: detailed, weight: weight) }
        paintHairCap(b, look: look, weight: weight)
        paintRimLight(b)
    }

    /// After dark a practical light (or the moon outside) rims the side of the head away
    /// from the camera's side of the turn: the quickest way to say "night" in a close shot.
    private func paintRimLight(_ b: Body) {
        guard light.lampsOn, b.r >= layout.unit * 3, b.p.dim < 0.4 else { return }
        let side = b.p.facing > 0 ? -1.0 : 1.0
        let color = layout.location.exterior && light.isNight ? PanelColor(0xA8C4FF) : light.glow
        // Along the cheek and jaw, just inside the outline, so it always sits on the face.
        let jaw = b.p.facing * 0.16
        svg.stroke(PanelPath().move(b.x(side * 0.88), b.y(-0.35))
            .cubic(b.x(side * 0.9), b.y(0.55), b.x(side * 0.42 + jaw), b.y(1.0), b.x(side * 0.1 + jaw), b.y(1.04)),
                   color, width: max(lw * 1.3, b.r * 0.04), opacity: 0.75)
    }

    private func paintFace(_ b: Body, figure: PanelFigure, look: PanelFigureLook, detailed: Bool, weight: Double) {
        let f = b.p.facing
        let r = b.r
        let lift = b.featureShift
        func fy(_ v: Double) -> Double { b.y(v + lift) }
        let ex = f * 0.38
        let spread = 0.34 * (1 - 0.2 * abs(f))
        let dark = PanelColor(0x2A1A14)
        for sgn in [-1.0, 1.0] {
            let cx = ex + sgn * spread
            let narrow = sgn * f > 0 ? 1 - 0.3 * abs(f) : 1
            if detailed {
                let rx = 0.17 * narrow
                svg.ellipse(b.x(cx), fy(0.1), r * rx, r * 0.1, fill: PanelColor(0xFBF8F2))
                svg.circle(b.x(cx + f * 0.07), fy(0.1), r * 0.085, fill: look.hair.mix(PanelColor(0x3A2418), 0.5))
                svg.circle(b.x(cx + f * 0.07), fy(0.1), r * 0.042, fill: dark)
                svg.circle(b.x(cx + f * 0.07 - 0.03), fy(0.07), r * 0.022, fill: .white)
                svg.stroke(PanelPath().move(b.x(cx - rx - 0.02), fy(0.12)).quad(b.x(cx), fy(-0.06), b.x(cx + rx + 0.02),
                                                                                  fy(0.09)),
                           .ink, width: max(lw * 1.2, r * 0.035))
            } else {
                svg.ellipse(b.x(cx + f * 0.03), fy(0.1), r * 0.085 * narrow, r * 0.12, fill: dark)
            }
            // Brows tilt with the mood.
            let inner = -sgn
            var tilt = 0.0
            switch spec.mood {
            case .sad: tilt = 0.07
            case .tense, .action: tilt = -0.07
            case .mysterious: tilt = -0.03
            default: tilt = 0
            }
            let bx0 = cx - 0.17 * narrow
            let bx1 = cx + 0.17 * narrow
            let yIn = -0.2 - tilt
            let yOut = -0.2 + tilt * 0.3
            let y0 = inner < 0 ? yIn : yOut
            let y1 = inner < 0 ? yOut : yIn
            svg.stroke(PanelPath().move(b.x(bx0), fy(y0)).quad(b.x(cx), fy(min(y0, y1) - 0.07), b.x(bx1), fy(y1)),
                       look.hair.darker(0.2), width: max(lw * 0.9, r * 0.065))
        }
        let nx = f * 0.52
        let nsgn = f >= 0 ? 1.0 : -1.0
        svg.stroke(PanelPath().move(b.x(nx + 0.02 * nsgn), fy(0.3)).quad(b.x(nx + 0.09 * nsgn), fy(0.44),
                                                                           b.x(nx - 0.04 * nsgn), fy(0.47)),
                   look.skinShade.darker(0.15), width: max(lw * 0.7, r * 0.035))
        let mx = f * 0.36
        let my = 0.7
        if figure.speaking {
            let mouth = PanelPath().move(b.x(mx - 0.17), fy(my)).quad(b.x(mx), fy(my - 0.06), b.x(mx + 0.17), fy(my))
                .quad(b.x(mx + 0.11), fy(my + 0.27), b.x(mx), fy(my + 0.27))
                .quad(b.x(mx - 0.11), fy(my + 0.27), b.x(mx - 0.17), fy(my)).close()
            svg.path(mouth, fill: PanelColor(0x5A1E2A), stroke: .ink, width: lw * 0.8 * weight)
            if detailed {
                svg.ellipse(b.x(mx), fy(my + 0.19), r * 0.075, r * 0.045, fill: PanelColor(0xD9646E))
                svg.path(PanelPath().move(b.x(mx - 0.12), fy(my + 0.01)).quad(b.x(mx), fy(my - 0.03), b.x(mx + 0.12),
                                                                                 fy(my + 0.01))
                    .line(b.x(mx + 0.1), fy(my + 0.06)).line(b.x(mx - 0.1), fy(my + 0.06)).close(), fill: .white)
            }
        } else {
            var smile = 0.04
            switch spec.mood {
            case .joyful: smile = 0.1
            case .warm, .romantic: smile = 0.07
            case .sad: smile = -0.06
            case .tense, .mysterious, .action: smile = -0.005
            case .calm: smile = 0.04
            }
            svg.stroke(PanelPath().move(b.x(mx - 0.16), fy(my + 0.06)).quad(b.x(mx), fy(my + 0.06 + 2 * smile),
                                                                              b.x(mx + 0.16), fy(my + 0.06)),
                       look.skinShade.darker(0.35), width: max(lw * 0.8, r * 0.05))
        }
        if detailed {
            for sgn in [-1.0, 1.0] {
                svg.circle(b.x(ex + sgn * 0.52), fy(0.46), r * 0.14, fill: PanelColor(0xFF7A7A), opacity: 0.2)
            }
        }
    }

    private func paintHairCap(_ b: Body, look: PanelFigureLook, weight: Double) {
        let f = b.p.facing
        func h(_ v: Double) -> Double { b.x(v - f * 0.05) }
        let y = b.y
        let cap: PanelPath
        switch look.hairStyle {
        case .short:
            cap = PanelPath().move(h(-0.98), y(-0.05)).cubic(h(-1.1), y(-1.15), h(-0.5), y(-1.45), h(0.05), y(-1.38))
                .cubic(h(0.72), y(-1.34), h(1.12), y(-0.95), h(0.98), y(-0.05)).line(h(0.9), y(-0.38))
                .quad(h(0.6), y(-0.78), h(0.1), y(-0.68)).quad(h(-0.45), y(-0.8), h(-0.86), y(-0.32)).close()
        case .side:
            cap = PanelPath().move(h(-0.97), y(0.0)).cubic(h(-1.15), y(-1.3), h(-0.3), y(-1.62), h(0.25), y(-1.45))
                .cubic(h(0.85), y(-1.35), h(1.12), y(-0.9), h(0.97), y(-0.05)).line(h(0.88), y(-0.3))
                .quad(h(0.55), y(-0.5), h(-0.1), y(-0.62)).quad(h(-0.6), y(-0.62), h(-0.9), y(-0.2)).close()
        case .crop:
            cap = PanelPath().move(h(-0.95), y(-0.22)).cubic(h(-1.0), y(-1.2), h(1.0), y(-1.2), h(0.95), y(-0.22))
                .quad(h(0.5), y(-0.74), h(0), y(-0.76)).quad(h(-0.5), y(-0.74), h(-0.95), y(-0.22)).close()
        case .long:
            cap = PanelPath().move(h(-1.02), y(0.6)).cubic(h(-1.16), y(-1.22), h(-0.4), y(-1.48), h(0.1), y(-1.4))
                .cubic(h(0.86), y(-1.32), h(1.16), y(-0.7), h(1.02), y(0.6)).line(h(0.87), y(0.5))
                .cubic(h(0.86), y(-0.2), h(0.6), y(-0.62), h(0.15), y(-0.74)).quad(h(-0.3), y(-0.42), h(-0.6), y(-0.58))
                .cubic(h(-0.85), y(-0.35), h(-0.88), y(0.1), h(-0.88), y(0.5)).close()
        case .bob:
            cap = PanelPath().move(h(-1.1), y(0.98)).cubic(h(-1.22), y(-1.25), h(1.22), y(-1.25), h(1.1), y(0.98))
                .line(h(0.86), y(0.95)).line(h(0.86), y(-0.36)).quad(h(0), y(-0.42), h(-0.86), y(-0.36))
                .line(h(-0.86), y(0.95)).close()
        case .bun:
            cap = PanelPath().move(h(-0.97), y(0.0)).cubic(h(-1.06), y(-1.28), h(1.06), y(-1.28), h(0.97), y(0.0))
                .quad(h(0.7), y(-0.62), h(0.1), y(-0.7)).quad(h(-0.6), y(-0.64), h(-0.97), y(0.0)).close()
        }
        ink(cap, look.hair, weight: weight)
        if b.r >= layout.unit * 2 {
            svg.stroke(PanelPath().move(h(0.1), y(-1.22)).quad(h(0.55), y(-1.16), h(0.78), y(-0.88)),
                       look.hairLight, width: max(lw, b.r * 0.05), opacity: 0.45)
        }
    }
}
