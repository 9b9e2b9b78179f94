import Foundation
import ReelModel

/// One storyboard panel described in data: where, when, who, how close and from where.
///
/// `PanelRenderer.svg(_:)` turns it into a flat vector drawing. The canvas may be larger
/// than the film frame so that a camera move (push in, pan, tilt) has room to travel;
/// the panel is composed for `frame`, the region the camera sees at rest.
///
/// ```swift
/// let spec = PanelSpec(width: 720, height: 1280, location: "KITCHEN", timeOfDay: .night,
///                      size: .closeUp, figures: [PanelFigure(name: "MAYA", speaking: true)])
/// let svg = PanelRenderer.svg(spec)
/// ```
public struct PanelSpec: Hashable, Sendable, Codable {
    /// Canvas width in pixels.
    public var width: Int
    /// Canvas height in pixels.
    public var height: Int
    /// The film frame at rest, inside the canvas. Everything is composed for this region.
    public var frame: PanelRect
    /// Inside or outside.
    public var setting: Setting
    /// Drives the sky, the window and which lights are on.
    public var timeOfDay: TimeOfDay
    /// The scene heading's place, in English or Chinese: `KITCHEN`, `咖啡馆`.
    public var location: String
    /// The colour grade and vignette.
    public var mood: Mood
    /// How much of the frame the figures fill.
    public var size: ShotSize
    /// Where the camera looks from.
    public var angle: CameraAngle
    /// What the shot is for: establishing shots show the place, inserts a detail.
    public var purpose: ShotPurpose
    /// Characters in the shot, most important first; may be empty.
    public var figures: [PanelFigure]
    /// The action line, drawn in a band at the top of the frame (at most three lines).
    public var caption: String?
    /// A small technical label in the top-left corner: `S03-07 · MCU · push in · 3.5s`.
    public var slug: String?
    /// Variation between takes: placement, set dressing and small palette shifts.
    public var seed: UInt64
    /// When true, the caption, the slug and the vignette are left out of the panel and drawn
    /// by ``PanelRenderer/overlaySVG(_:)`` on a transparent layer the size of the frame,
    /// which stays put on screen while a camera move travels over the panel.
    public var separateOverlay: Bool
    /// What of the place the heading or action names beyond the set itself (a lighthouse;
    /// the sea where the heading names no place), drawn outdoors.
    public var landmarks: [PanelLandmark]

    /// - Parameters:
    ///   - frame: the film frame; nil means the whole canvas.
    public init(width: Int, height: Int, frame: PanelRect? = nil, setting: Setting = .interior,
                timeOfDay: TimeOfDay = .day, location: String = "", mood: Mood = .calm,
                size: ShotSize = .medium, angle: CameraAngle = .eyeLevel, purpose: ShotPurpose = .action,
                figures: [PanelFigure] = [], caption: String? = nil, slug: String? = nil, seed: UInt64 = 0,
                separateOverlay: Bool = false, landmarks: [PanelLandmark] = []) {
        self.width = width
        self.height = height
        self.frame = frame ?? PanelRect(x: 0, y: 0, width: width, height: height)
        self.setting = setting
        self.timeOfDay = timeOfDay
        self.location = location
        self.mood = mood
        self.size = size
        self.angle = angle
        self.purpose = purpose
        self.figures = figures
        self.caption = caption
        self.slug = slug
        self.seed = seed
        self.separateOverlay = separateOverlay
        self.landmarks = landmarks
    }
}
