import Foundation
import ReelModel

/// The colour treatment of a mood, applied to every colour the panel draws (text and
/// tags excepted), plus the strength and colour of its vignette.
struct PanelGrade: Hashable, Sendable {
    var saturation = 1.0
    var exposure = 1.0
    var contrast = 1.0
    var tint = PanelColor.white
    var tintAmount = 0.0
    var vignette = 0.3
    var vignetteColor = PanelColor(0x0B0A14)

    static let identity = PanelGrade(vignette: 0)

    static func forMood(_ mood: Mood) -> PanelGrade {
        switch mood {
        case .calm:
            PanelGrade(saturation: 0.95, tint: PanelColor(0xD9E6F2), tintAmount: 0.05, vignette: 0.28)
        case .warm:
            PanelGrade(saturation: 1.05, tint: PanelColor(0xFFB35C), tintAmount: 0.13, vignette: 0.34,
                       vignetteColor: PanelColor(0x2A1406))
        case .joyful:
            PanelGrade(saturation: 1.28, exposure: 1.07, contrast: 1.04, tint: PanelColor(0xFFE9A8),
                       tintAmount: 0.05, vignette: 0.14)
        case .romantic:
            PanelGrade(saturation: 0.92, exposure: 1.04, contrast: 0.92, tint: PanelColor(0xFFB0A0),
                       tintAmount: 0.17, vignette: 0.3, vignetteColor: PanelColor(0x3A1424))
        case .sad:
            PanelGrade(saturation: 0.42, exposure: 0.9, contrast: 0.94, tint: PanelColor(0x6F8199),
                       tintAmount: 0.2, vignette: 0.42, vignetteColor: PanelColor(0x0E1420))
        case .tense:
            PanelGrade(saturation: 0.7, exposure: 0.82, contrast: 1.14, tint: PanelColor(0x2F6A86),
                       tintAmount: 0.15, vignette: 0.55, vignetteColor: PanelColor(0x03080D))
        case .mysterious:
            PanelGrade(saturation: 0.8, exposure: 0.68, contrast: 1.05, tint: PanelColor(0x352A66),
                       tintAmount: 0.22, vignette: 0.82, vignetteColor: PanelColor(0x05030C))
        case .action:
            PanelGrade(saturation: 1.22, exposure: 1.0, contrast: 1.3, tint: PanelColor(0xFF8A3D),
                       tintAmount: 0.05, vignette: 0.48)
        }
    }

    func apply(_ c: PanelColor) -> PanelColor {
        var out = c.mix(tint, tintAmount).saturated(saturation).scaled(exposure)
        if contrast != 1 {
            func k(_ v: Double) -> Double { min(1, max(0, (v - 0.5) * contrast + 0.5)) }
            out = PanelColor(r: k(out.r), g: k(out.g), b: k(out.b))
        }
        return out
    }
}
