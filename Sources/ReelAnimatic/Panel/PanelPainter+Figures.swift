import Foundation
import ReelModel

extension PanelPainter {
    /// Body coordinates: (x, y) in head radii from the head centre. Below the neck the
    /// body is stretched and keystoned by the camera angle: from a low camera the feet are
    /// nearer and wider, from a high one the head is.
    struct Body {
        let p: PanelLayout.Placement
        var r: Double { p.radius }
        /// +1 when the figure turns to screen right, -1 to screen left.
        var side: Double { p.facing >= 0 ? 1 : -1 }
        /// Features move up the face from below, down it from above.
        var featureShift: Double { (1 - p.stretch) * 1.2 }

        func x(_ v: Double) -> Double { p.x + v * r }
        func y(_ v: Double) -> Double {
            v <= 1.3 ? p.y + v * r : p.y + (1.3 + (v - 1.3) * p.stretch) * r
        }
        /// A body point, keystoned.
        func pt(_ vx: Double, _ vy: Double) -> (Double, Double) {
            let widen = max(0.5, 1 + (p.stretch - 1) * 6 * max(0, vy - 1.3) / 10)
            return (p.x + vx * r * widen, y(vy))
        }
    }

    func paintFigure(_ p: PanelLayout.Placement) {
        let figure = p.figure >= 0 ? spec.figures[p.figure] : PanelFigure(name: "", colorIndex: 6, gender: .male)
        let look = PanelFigureLook.make(figure, dim: p.dim)
        switch p.view {
        case .front: paintFrontFigure(p, figure: figure, look: look)
        case .back: paintBackFigure(p, look: look)
        case .top: paintTopFigure(p, figure: figure, look: look)
        }
    }

    private func paintFrontFigure(_ p: PanelLayout.Placement, figure: PanelFigure, look: PanelFigureLook) {
        let b = Body(p: p)
        let weight = p.radius < layout.unit * 1.5 ? 0.55 : (p.radius < layout.unit * 4 ? 0.8 : 1)
        let riding = figure.prop == .bike && !p.seated
        paintBackHair(b, look: look, weight: weight)
        if !p.seated { paintLegs(b, look: look, weight: weight) }
        if riding { paintBike(b, look: look, weight: weight) }
        paintNeck(b, look: look, weight: weight)
        paintTorso(b, look: look, weight: weight)
        if figure.prop == .suitcase, !p.seated { paintSuitcase(b, look: look, weight: weight) }
        paintArms(b, look: look, gesture: figure.speaking, reach: riding ? PanelPainter.handlebar : nil, weight: weight)
        paintHead(b, figure: figure, look: look, weight: weight)
        if figure.prop == .umbrella { paintUmbrella(b, look: look, weight: weight, colorIndex: figure.colorIndex) }
    }

    private func paintLegs(_ b: Body, look: PanelFigureLook, weight: Double) {
        let turn = b.p.facing * 0.25
        if look.skirt {
            let legs = look.trousers.mix(look.skin, 0.15)
            for sgn in [-1.0, 1.0] {
                tube(PanelPath().move(b.pt(sgn * 0.62, 9.0)).line(b.pt(sgn * 0.66, 13.5)), legs, width: b.r * 0.62)
            }
            ink(PanelPath.polygon([b.pt(-look.waist, 5.0), b.pt(look.waist, 5.0), b.pt(look.hips + 0.55, 10.0),
                                   b.pt(-look.hips - 0.55, 10.0)]), look.costumeShade, weight: weight)
        } else {
            for sgn in [-1.0, 1.0] {
                tube(PanelPath().move(b.pt(sgn * 0.7, 6.2)).line(b.pt(sgn * 0.78, 10.1)).line(b.pt(sgn * 0.72, 13.55)),
                     look.trousers, width: b.r * 1.0)
            }
            svg.stroke(PanelPath().move(b.pt(0, 7.0)).line(b.pt(0.02, 9.0)), look.trousers.darker(0.4),
                       width: lw * 0.6 * weight)
        }
        for sgn in [-1.0, 1.0] {
            let (sx, sy) = b.pt(sgn * 0.78 + turn, 13.95)
            inkEllipse(sx, sy, b.r * 0.62 * (b.pt(1, 13.95).0 - b.pt(0, 13.95).0) / b.r, b.r * 0.32, look.shoes,
                       weight: weight)
        }
    }

    private func paintNeck(_ b: Body, look: PanelFigureLook, weight: Double) {
        let nw = 0.36
        ink(PanelPath.polygon([(b.x(-nw), b.y(0.6)), (b.x(nw), b.y(0.6)), b.pt(nw + 0.04, 1.95), b.pt(-nw - 0.04, 1.95)]),
            look.skin, weight: weight)
        svg.path(PanelPath().move(b.x(-nw), b.y(0.85)).quad(b.x(0), b.y(1.45), b.x(nw), b.y(0.85))
            .line(b.x(nw), b.y(1.2)).quad(b.x(0), b.y(1.7), b.x(-nw), b.y(1.2)).close(), fill: look.skinShade,
            opacity: 0.8)
    }

    private func paintTorso(_ b: Body, look: PanelFigureLook, weight: Double) {
        let sh = look.shoulders
        let wa = look.waist
        let hi = look.hips
        let dip = b.p.facing * 0.12
        let outline = PanelPath().move(b.pt(-0.5, 1.72)).quad(b.pt(-sh + 0.15, 1.78), b.pt(-sh, 2.6))
            .line(b.pt(-wa - 0.05, 5.0)).line(b.pt(-hi, 6.5)).line(b.pt(hi, 6.5)).line(b.pt(wa + 0.05, 5.0))
            .line(b.pt(sh, 2.6)).quad(b.pt(sh - 0.15, 1.78), b.pt(0.5, 1.72))
            .quad(b.pt(dip, 2.45), b.pt(-0.5, 1.72)).close()
        svg.path(outline, fill: look.costume)
        // One cel shadow on the side away from the light (upper left).
        svg.path(PanelPath().move(b.pt(sh * 0.5, 1.85)).quad(b.pt(sh - 0.1, 1.9), b.pt(sh, 2.6))
            .line(b.pt(wa + 0.05, 5.0)).line(b.pt(hi, 6.5)).line(b.pt(hi * 0.45, 6.5))
            .quad(b.pt(wa * 0.5, 4.0), b.pt(sh * 0.5, 1.85)).close(), fill: look.costumeShade, opacity: 0.7)
        if look.jacket {
            svg.path(PanelPath.polygon([b.pt(-0.5 + dip, 1.8), b.pt(0.5 + dip, 1.8), b.pt(dip * 0.5, 4.6)]),
                     fill: look.shirt)
            for sgn in [-1.0, 1.0] {
                svg.stroke(PanelPath().move(b.pt(sgn * 0.5 + dip, 1.8)).line(b.pt(dip * 0.5 + sgn * 0.05, 4.6))
                    .line(b.pt(sgn * 0.12, 6.5)), .ink, width: lw * 0.7 * weight)
            }
        } else if look.collar {
            svg.stroke(PanelPath().move(b.pt(dip * 0.5, 2.3)).line(b.pt(dip * 0.5, 6.4)), look.costumeShade.darker(0.2),
                       width: lw * 0.8 * weight)
            for k in stride(from: 3.0, through: 5.8, by: 0.9) {
                svg.circle(b.pt(dip * 0.5 + 0.12, k).0, b.pt(0, k).1, b.r * 0.05, fill: look.shirt)
            }
            for sgn in [-1.0, 1.0] {
                ink(PanelPath.polygon([b.pt(sgn * 0.52, 1.7), b.pt(dip * 0.5, 2.35), b.pt(sgn * 0.62 + dip * 0.3, 2.55)]),
                    look.shirt, weight: 0.7 * weight)
            }
        } else {
            svg.stroke(PanelPath().move(b.pt(-0.5, 1.72)).quad(b.pt(dip, 2.45), b.pt(0.5, 1.72)), look.costumeShade,
                       width: lw * 1.6 * weight)
        }
        svg.stroke(PanelPath().move(b.pt(-wa, 5.05)).line(b.pt(wa, 5.05)), look.costumeShade.darker(0.3),
                   width: lw * 0.8 * weight)
        svg.path(outline, stroke: .ink, width: lw * weight)
    }

    /// - Parameter reach: where the hand on the facing side holds something (body coordinates):
    ///   a rider's handlebar; it wins over the speaking gesture.
    private func paintArms(_ b: Body, look: PanelFigureLook, gesture: Bool, reach: (x: Double, y: Double)? = nil,
                           weight: Double) {
        let sh = look.shoulders
        let aw = look.arm * b.r
        for sgn in [-1.0, 1.0] {
            let shoulder = b.pt(sgn * (sh - 0.28), 2.55)
            let elbow: (Double, Double)
            let hand: (Double, Double)
            if let reach, sgn == b.side {
                elbow = b.pt(sgn * (sh + 0.55), 4.2)
                hand = b.pt(sgn * reach.x, reach.y)
            } else if gesture && sgn == b.side {
                elbow = b.pt(sgn * (sh + 0.3), 4.7)
                hand = b.pt(sgn * (sh - 0.35), 3.75)
            } else {
                elbow = b.pt(sgn * (sh + 0.12), 4.5)
                hand = b.pt(sgn * (sh + 0.02), 6.25)
            }
            tube(PanelPath().move(shoulder).line(elbow).line(hand),
                 sgn == b.side ? look.costume : look.costume.mix(look.costumeShade, 0.5), width: aw)
            svg.ellipse(hand.0, hand.1 + aw * 0.3, aw * 0.5, aw * 0.56, fill: look.skin, stroke: .ink, width: lw * weight)
        }
    }

    /// The back of a head and shoulders, large and dark: the listener in the foreground of
    /// an over-the-shoulder shot, with a rim of light on the side toward the speaker.
    private func paintBackFigure(_ p: PanelLayout.Placement, look: PanelFigureLook) {
        let b = Body(p: p)
        let sh = look.shoulders * 1.08
        let toward = p.facing >= 0 ? 1.0 : -1.0
        let coat = look.costume.darker(0.3)
        let body = PanelPath().move(b.x(-0.5), b.y(1.3)).quad(b.x(-sh + 0.1), b.y(1.55), b.x(-sh - 0.15), b.y(2.8))
            .line(b.x(-sh - 0.3), b.y(9)).line(b.x(sh + 0.3), b.y(9)).line(b.x(sh + 0.15), b.y(2.8))
            .quad(b.x(sh - 0.1), b.y(1.55), b.x(0.5), b.y(1.3)).close()
        ink(body, coat)
        svg.path(PanelPath().move(b.x(-0.55), b.y(1.45)).quad(b.x(0), b.y(1.75), b.x(0.55), b.y(1.45))
            .line(b.x(0.5), b.y(1.25)).quad(b.x(0), b.y(1.5), b.x(-0.5), b.y(1.25)).close(), fill: coat.darker(0.3))
        ink(PanelPath.polygon([(b.x(-0.4), b.y(0.5)), (b.x(0.4), b.y(0.5)), (b.x(0.45), b.y(1.4)),
                               (b.x(-0.45), b.y(1.4))]), look.skinShade)
        for sgn in [-1.0, 1.0] {
            inkEllipse(b.x(sgn * 0.92), b.y(0.12), b.r * 0.16, b.r * 0.27, look.skinShade)
        }
        let hair = look.hair.darker(0.15)
        let head = PanelPath().move(b.x(-0.98), b.y(0.2)).cubic(b.x(-1.05), b.y(-1.45), b.x(1.05), b.y(-1.45),
                                                                 b.x(0.98), b.y(0.2))
            .cubic(b.x(0.95), b.y(0.75), b.x(0.6), b.y(0.95), b.x(0.35), b.y(0.92))
            .quad(b.x(0), b.y(1.02), b.x(-0.35), b.y(0.92))
            .cubic(b.x(-0.6), b.y(0.95), b.x(-0.95), b.y(0.75), b.x(-0.98), b.y(0.2)).close()
        ink(head, hair)
        if look.hairStyle == .long || look.hairStyle == .bob {
            ink(PanelPath().move(b.x(-0.95), b.y(0.3)).quad(b.x(-1.1), b.y(1.6), b.x(-0.7), b.y(2.3))
                .line(b.x(0.7), b.y(2.3)).quad(b.x(1.1), b.y(1.6), b.x(0.95), b.y(0.3)).close(), hair)
        }
        for k in [-0.45, 0.0, 0.45] {
            svg.stroke(PanelPath().move(b.x(k * 0.6), b.y(-0.95)).quad(b.x(k), b.y(-0.2), b.x(k * 1.25), b.y(0.7)),
                       hair.lighter(0.12), width: lw * 0.8)
        }
        let rim = light.lampsOn && !layout.location.exterior ? light.glow : light.sky.horizon.lighter(0.3)
        svg.stroke(PanelPath().move(b.x(toward * 0.2), b.y(-1.08)).quad(b.x(toward * 1.0), b.y(-0.85),
                                                                         b.x(toward * 0.98), b.y(0.3)),
                   rim, width: lw * 2, opacity: 0.75)
        svg.stroke(PanelPath().move(b.x(toward * 0.6), b.y(1.35)).quad(b.x(toward * (sh - 0.1)), b.y(1.6),
                                                                        b.x(toward * (sh + 0.15)), b.y(2.9)),
                   rim, width: lw * 2, opacity: 0.75)
    }
}
