import Foundation
import ReelModel

/// A character in a panel.
public struct PanelFigure: Hashable, Sendable, Codable {
    /// Drawn on a small tag near the figure: `MAYA`, `林晓`.
    public var name: String
    /// Stable per character across the film: picks the costume colour, skin tone and hair.
    public var colorIndex: Int
    /// A hint for hair and silhouette only.
    public var gender: Voice.Gender
    /// The speaker: mouth open, turned toward the listeners, the others dimmed a little.
    public var speaking: Bool
    /// Heard, not seen: no body, only a small `(V.O.) NAME` or `(O.S.) NAME` label.
    public var offScreen: Bool
    /// Which label: voice-over or off screen; nil when seen.
    public var offScreenKind: OffScreenKind?
    /// What the character's description says to draw (costume and hair); nil for the
    /// character's own colours. Left out of the panel's JSON when nil, so panels of
    /// characters nobody described keep their cache keys.
    public var appearance: PanelAppearance?
    /// What the shot's action has them hold (an umbrella, a suitcase); nil for nothing.
    public var prop: PanelProp?

    public init(name: String, colorIndex: Int = 0, gender: Voice.Gender = .unknown, speaking: Bool = false,
                offScreen: Bool = false, offScreenKind: OffScreenKind? = nil, appearance: PanelAppearance? = nil,
                prop: PanelProp? = nil) {
        self.appearance = appearance
        self.prop = prop
        self.name = name
        self.colorIndex = colorIndex
        self.gender = gender
        self.speaking = speaking
        self.offScreen = offScreen || offScreenKind != nil
        self.offScreenKind = self.offScreen ? offScreenKind ?? .voiceOver : nil
    }
}
