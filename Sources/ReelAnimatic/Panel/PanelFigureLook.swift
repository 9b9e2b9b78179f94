import Foundation
import ReelModel

/// How a character looks, derived only from its colour index and gender so that it is
/// the same in every panel of the film: costume, skin, hair, build.
struct PanelFigureLook: Hashable, Sendable {
    enum Hair: Hashable, Sendable { case short, side, crop, long, bun, bob }

    var costume: PanelColor
    var costumeShade: PanelColor
    var shirt: PanelColor
    var skin: PanelColor
    var skinShade: PanelColor
    var hair: PanelColor
    var hairLight: PanelColor
    var trousers: PanelColor
    var shoes: PanelColor
    var hairStyle: Hair
    /// Half widths in head radii.
    var shoulders: Double
    var waist: Double
    var hips: Double
    var arm: Double
    var skirt: Bool
    /// An open jacket over a lighter shirt.
    var jacket: Bool
    /// A shirt collar and a button placket.
    var collar: Bool

    /// Distinct, saturated costume hues; index 8 and up shift the hue.
    static let costumes: [UInt32] = [0xD64545, 0x3B73D9, 0xE3A21A, 0x2E9E6B, 0x8B56CC, 0xEB7434, 0x1FA3B3, 0xD4508F]
    static let skins: [UInt32] = [0xD9A07A, 0xF2C9A6, 0xA96F4B, 0xF5D3B5, 0x8A5637, 0xE8B48F]
    static let hairs: [UInt32] = [0x2B1D16, 0x6B3E22, 0x1A1A1F, 0xA8652E, 0x3D2A20, 0xC99A5C, 0x141416, 0x5A3A2A]
    static let trousers: [UInt32] = [0x2E3445, 0x4A4036, 0x3C4F6B, 0x55565C, 0x2D2A2E, 0x6B5A45]

    static func make(_ figure: PanelFigure, dim: Double) -> PanelFigureLook {
        let i = max(0, figure.colorIndex)
        var costume = PanelColor(costumes[i % costumes.count])
        if i >= costumes.count { costume = costume.hueShifted(Double(i / costumes.count) * 23).lighter(0.08) }
        let skin = PanelColor(skins[i % skins.count])
        let hair = PanelColor(hairs[(i * 3) % hairs.count])
        let variant = (i / 2) % 3
        let style: Hair
        switch figure.gender {
        case .female: style = [.long, .bun, .bob][variant]
        case .male: style = [.short, .side, .crop][variant]
        case .unknown: style = [.bob, .short, .long][variant]
        }
        var look = PanelFigureLook(
            costume: costume, costumeShade: costume.mix(PanelColor(0x241C3A), 0.32), shirt: PanelColor(0xF3EFE6),
            skin: skin, skinShade: skin.mix(PanelColor(0x7A3B3B), 0.28), hair: hair, hairLight: hair.lighter(0.32),
            trousers: PanelColor(trousers[i % trousers.count]), shoes: PanelColor(0x221E24), hairStyle: style,
            shoulders: 1.78, waist: 1.42, hips: 1.48, arm: 0.58, skirt: false, jacket: i % 3 == 1, collar: i % 3 == 2)
        switch figure.gender {
        case .female:
            look.shoulders = 1.6; look.waist = 1.22; look.hips = 1.55; look.arm = 0.52; look.skirt = i % 2 == 0
        case .male:
            look.shoulders = 1.95; look.waist = 1.58; look.hips = 1.52; look.arm = 0.62
        case .unknown:
            break
        }
        // What the description says wins over the colour slot.
        if let appearance = figure.appearance {
            if let rgb = appearance.costume {
                look.costume = PanelColor(rgb)
                look.costumeShade = look.costume.mix(PanelColor(0x241C3A), 0.32)
            }
            if let rgb = appearance.hairColor {
                look.hair = PanelColor(rgb)
                look.hairLight = look.hair.lighter(0.32)
            }
            switch appearance.hair {
            case .short?: look.hairStyle = figure.gender == .female ? .crop : .short
            case .long?: look.hairStyle = .long
            case .bun?: look.hairStyle = .bun
            case .bob?: look.hairStyle = .bob
            case nil: break
            }
        }
        if dim > 0 { look.dim(dim) }
        return look
    }

    /// Pushes every colour back: listeners while someone speaks, silhouettes in the foreground.
    mutating func dim(_ amount: Double) {
        let shadow = PanelColor(0x1B1830)
        func d(_ c: PanelColor) -> PanelColor { c.saturated(1 - 0.5 * amount).mix(shadow, 0.62 * amount) }
        costume = d(costume); costumeShade = d(costumeShade); shirt = d(shirt); skin = d(skin)
        skinShade = d(skinShade); hair = d(hair); hairLight = d(hairLight); trousers = d(trousers)
    }
}
