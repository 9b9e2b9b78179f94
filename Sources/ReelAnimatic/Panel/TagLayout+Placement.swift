import Foundation
import ReelModel

extension TagLayout {
    /// Name tags for every figure: near the head when there is room, on the chest or at the
    /// bottom of the frame otherwise; voices heard off screen as `(V.O.) NAME` or `(O.S.) NAME`
    /// (as the script tags them) at bottom left.
    /// Tags never leave the frame, never cover the caption and never overlap each other.
    static func make(_ spec: PanelSpec, layout: PanelLayout) -> [TagLayout] {
        var placer = Placer(layout: layout)
        var tags: [TagLayout] = []
        let lead = PanelLayout.primary(spec)
        let drawn = layout.figures.filter { $0.figure >= 0 }
            .sorted { ($0.figure == lead ? 0 : 1, $0.figure) < ($1.figure == lead ? 0 : 1, $1.figure) }
        for p in drawn {
            let figure = spec.figures[p.figure]
            tags.append(placer.place(figure.name, figure: p.figure, speaking: figure.speaking,
                                     candidates: placer.candidates(for: p, size: layout.size)))
        }
        let drawnSet = Set(drawn.map(\.figure))
        for (i, figure) in spec.figures.enumerated() where !figure.offScreen && !drawnSet.contains(i) {
            tags.append(placer.place(figure.name, figure: i, speaking: figure.speaking, candidates: []))
        }
        for (i, figure) in spec.figures.enumerated() where figure.offScreen {
            tags.append(placer.placeVoiceOver(figure.name, kind: figure.offScreenKind ?? .voiceOver, figure: i,
                                              speaking: figure.speaking))
        }
        return tags
    }

    /// Finds free room for tags, one after another.
    private struct Placer {
        let layout: PanelLayout
        let size: Double
        let height: Double
        let margin: Double
        let top: Double
        let bottom: Double
        var taken: [PanelBox] = []

        init(layout: PanelLayout) {
            self.layout = layout
            let u = layout.unit
            size = max(11, u * 2.9)
            height = size * 1.7
            margin = max(6, u * 1.6)
            var top = layout.frame.minY + margin
            if let band = layout.caption?.band { top = max(top, band.maxY + u) }
            if let plate = layout.slug?.plate { top = max(top, plate.maxY + u) }
            self.top = top
            bottom = layout.frame.maxY - margin
        }

        /// Preferred centres for a figure's tag, best first, with an optional pointer tip.
        func candidates(for p: PanelLayout.Placement, size: ShotSize) -> [(Double, Double, (Double, Double)?)] {
            let r = p.radius
            let gap = layout.unit * 1.2
            func at(_ x: Double, _ y: Double, _ tip: (Double, Double)? = nil) -> (Double, Double, (Double, Double)?) {
                let (rx, ry) = layout.rolled(x, y)
                return (rx, ry, tip.map { layout.rolled($0.0, $0.1) })
            }
            switch p.view {
            case .top:
                return [at(p.x, p.y + 2.3 * r + height / 2), at(p.x, p.y - 2.3 * r - height / 2)]
            case .back:
                return [at(p.x, p.y + 2.4 * r)]
            case .front:
                if size == .extremeCloseUp { return [] }
                let side = p.facing >= 0 ? -1.0 : 1.0
                let tip = (p.x, p.headTop - gap * 0.3)
                let above = at(p.x, p.headTop - gap - height / 2, tip)
                let beside = at(p.x + side * (1.35 * r + layout.unit * 9), p.y - 0.2 * r)
                let chest = at(p.x, p.y + 3.1 * r)
                if size >= .medium { return [above, beside, chest] }
                // Small figures: above the head, then staggered up and sideways, pointing down to it.
                let lift = height + layout.unit
                var out = [above]
                for level in 0..<3 {
                    let y = p.headTop - gap * 2 - height / 2 - Double(level) * lift
                    for dx in [-1.0, 1.0] {
                        out.append(at(p.x + dx * layout.unit * 8, y, tip))
                    }
                    out.append(at(p.x, y - lift, tip))
                }
                return out + [chest]
            }
        }

        mutating func place(_ name: String, figure: Int, speaking: Bool,
                            candidates: [(Double, Double, (Double, Double)?)]) -> TagLayout {
            let text = PanelText.fitted(name, size: size, maxWidth: layout.frame.w * 0.42, bold: true)
            let w = PanelText.width(text, size: size, bold: true) + size * 1.3
            for (cx, cy, tip) in candidates {
                let box = clamped(cx - w / 2, cy - height / 2, w)
                if fits(box) {
                    taken.append(box)
                    var tag = TagLayout(figure: figure, text: text, box: box, fontSize: size, speaking: speaking,
                                        voiceOver: false)
                    if let tip, tip.1 > box.maxY { tag.pointer = tip }
                    return tag
                }
            }
            let preferred = candidates.first?.0 ?? layout.frame.midX
            let box = bottomRow(preferredX: preferred, width: w)
            taken.append(box)
            return TagLayout(figure: figure, text: text, box: box, fontSize: size, speaking: speaking, voiceOver: false)
        }

        mutating func placeVoiceOver(_ name: String, kind: OffScreenKind, figure: Int, speaking: Bool) -> TagLayout {
            let text = PanelText.fitted("(\(kind.rawValue)) " + name, size: size, maxWidth: layout.frame.w * 0.6, bold: true)
            let w = PanelText.width(text, size: size, bold: true) + size * 1.3
            let box = bottomRow(preferredX: layout.frame.minX + margin + w / 2, width: w)
            taken.append(box)
            return TagLayout(figure: figure, text: text, box: box, fontSize: size, speaking: speaking, voiceOver: true)
        }

        /// A free spot on the bottom rows, as near `preferredX` as possible.
        private func bottomRow(preferredX: Double, width w: Double) -> PanelBox {
            let step = height + layout.unit
            var y = bottom - height
            while y >= top {
                let start = clamped(preferredX - w / 2, y, w)
                if fits(start) { return start }
                var x = layout.frame.minX + margin
                while x + w <= layout.frame.maxX - margin {
                    let box = PanelBox(x: x, y: y, w: w, h: height)
                    if fits(box) { return box }
                    x += layout.unit * 2
                }
                y -= step
            }
            return clamped(preferredX - w / 2, bottom - height, w)
        }

        private func clamped(_ x: Double, _ y: Double, _ w: Double) -> PanelBox {
            let f = layout.frame
            let width = min(w, f.w - 2 * margin)
            let cx = min(f.maxX - margin - width, max(f.minX + margin, x))
            return PanelBox(x: cx, y: y, w: width, h: height)
        }

        private func fits(_ box: PanelBox) -> Bool {
            box.minY >= top && box.maxY <= bottom && !taken.contains { $0.insetBy(-layout.unit * 0.6).intersects(box) }
        }
    }
}
