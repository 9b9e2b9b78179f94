import Foundation
import ReelModel

/// The light of a time of day: the sky's colours and how every colour of the set is
/// toned (darker and bluer at night, warmer at dusk), before the mood grade.
struct PanelLight: Hashable, Sendable {
    var time: TimeOfDay
    var exterior: Bool

    var isNight: Bool { time == .night }
    /// Practical lights (lamps, street lights, lit windows) are on.
    var lampsOn: Bool { time == .night || time == .dusk }

    /// Sky colours from the zenith down to the horizon.
    var sky: (top: PanelColor, middle: PanelColor, horizon: PanelColor) {
        switch time {
        case .day: (PanelColor(0x4F97E0), PanelColor(0x94C9F2), PanelColor(0xDDF0FA))
        case .dawn: (PanelColor(0x5562A6), PanelColor(0xE496AE), PanelColor(0xFFD39B))
        case .dusk: (PanelColor(0x2A2462), PanelColor(0xA8508A), PanelColor(0xFF9852))
        case .night: (PanelColor(0x060B22), PanelColor(0x111E4A), PanelColor(0x233766))
        case .unspecified: (PanelColor(0x7FA9CF), PanelColor(0xB2CDE2), PanelColor(0xE2ECF2))
        }
    }

    /// The colour of the sun or moon disc.
    var disc: PanelColor {
        switch time {
        case .day, .unspecified: PanelColor(0xFFF6D8)
        case .dawn: PanelColor(0xFFE3B0)
        case .dusk: PanelColor(0xFFB25C)
        case .night: PanelColor(0xF4F1DE)
        }
    }

    /// Warm light from a lamp or a lit window.
    var glow: PanelColor { PanelColor(0xFFD27A) }

    /// A set colour as this light shows it.
    func tone(_ c: PanelColor) -> PanelColor {
        switch time {
        case .day: c
        case .unspecified: c.saturated(0.9)
        case .dawn: c.mix(PanelColor(0xFFB8A0), 0.1).scaled(0.97)
        case .dusk: c.mix(PanelColor(0xE0805A), 0.16).scaled(0.86)
        case .night:
            exterior ? c.mix(PanelColor(0x1A2650), 0.45).scaled(0.52) : c.mix(PanelColor(0x2A3158), 0.3).scaled(0.62)
        }
    }

    func tone(_ hex: UInt32) -> PanelColor { tone(PanelColor(hex)) }
}
