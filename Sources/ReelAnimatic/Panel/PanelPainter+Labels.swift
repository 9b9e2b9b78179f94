import Foundation
import ReelModel

extension PanelPainter {
    /// Name tags, the caption band and the slug: ungraded, always on top, inside the frame.
    func paintLabels() {
        paintTags()
        paintScreenText()
    }

    /// Name tags, which belong to the figures and move with them.
    func paintTags() {
        for tag in layout.tags { paintTag(tag) }
    }

    /// The caption band and the slug, which belong to the screen.
    func paintScreenText() {
        if let caption = layout.caption {
            let band = caption.band
            let id = svg.linearGradient(0, band.minY, 0, band.maxY,
                                        [(0, PanelColor(0x0B0A12), 0.78), (1, PanelColor(0x0B0A12), 0.6)])
            svg.rect(band.x, band.y, band.w, band.h, gradient: id)
            for (line, base) in zip(caption.lines, caption.baselines) {
                svg.text(line, x: caption.x, y: base, size: caption.fontSize, color: PanelColor(0xFAF7F0), weight: 500)
            }
        }
        if let slug = layout.slug {
            if let plate = slug.plate {
                svg.rect(plate.x, plate.y, plate.w, plate.h, fill: PanelColor(0x0B0A12), opacity: 0.6,
                         radius: plate.h / 2)
            }
            svg.text(slug.text, x: slug.x, y: slug.baseline, size: slug.fontSize, color: PanelColor(0xFFD27A),
                     weight: 700, opacity: 0.92)
        }
    }

    private func paintTag(_ tag: TagLayout) {
        let box = tag.box
        let figure = spec.figures[tag.figure]
        let look = PanelFigureLook.make(figure, dim: 0)
        let solid = look.costume.mix(.black, 0.18)
        let dark = PanelColor(0x15131F)
        let radius = box.h / 2
        if let (tx, ty) = tag.pointer {
            let half = box.h * 0.28
            let bx = min(box.maxX - radius, max(box.minX + radius, tx))
            if ty - box.maxY > box.h * 0.6 {
                // A leader line down to a small figure.
                svg.stroke(PanelPath().move(bx, box.maxY).line(tx, ty), tag.speaking ? solid : dark,
                           width: max(1.5, tag.fontSize * 0.12), opacity: 0.9)
            } else {
                svg.path(PanelPath.polygon([(bx - half, box.maxY - 1), (bx + half, box.maxY - 1), (tx, ty)]),
                         fill: tag.speaking ? solid : dark, opacity: tag.speaking ? 1 : 0.82)
            }
        }
        if tag.voiceOver {
            svg.rect(box.x, box.y, box.w, box.h, fill: dark, opacity: 0.72, radius: radius)
            svg.path(PanelPath.roundedRect(box.x, box.y, box.w, box.h, radius), stroke: look.costume,
                     width: max(1.5, tag.fontSize * 0.1))
        } else if tag.speaking {
            svg.rect(box.x, box.y, box.w, box.h, fill: solid, stroke: PanelColor(0xFFFFFF),
                     width: max(1.5, tag.fontSize * 0.1), radius: radius)
        } else {
            svg.rect(box.x, box.y, box.w, box.h, fill: dark, opacity: 0.82, radius: radius)
            svg.path(PanelPath.roundedRect(box.x, box.y, box.w, box.h, radius), stroke: look.costume,
                     width: max(1.5, tag.fontSize * 0.12))
        }
        svg.text(tag.text, x: box.midX, y: box.midY + tag.fontSize * 0.36, size: tag.fontSize,
                 color: PanelColor(0xFFFFFF), weight: 700, anchor: "middle")
    }
}
