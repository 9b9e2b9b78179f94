import Foundation

/// How much of the frame a subject fills, from extreme wide to extreme close-up.
public enum ShotSize: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case extremeWide = "EWS"
    case wide = "WS"
    case full = "FS"
    case medium = "MS"
    case mediumCloseUp = "MCU"
    case closeUp = "CU"
    case extremeCloseUp = "ECU"

    /// Ordered from widest to closest.
    public static func < (a: ShotSize, b: ShotSize) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var name: String {
        switch self {
        case .extremeWide: "extreme wide shot"
        case .wide: "wide shot"
        case .full: "full shot"
        case .medium: "medium shot"
        case .mediumCloseUp: "medium close-up"
        case .closeUp: "close-up"
        case .extremeCloseUp: "extreme close-up"
        }
    }

    /// One step closer, stopping at ECU.
    public var closer: ShotSize {
        let all = ShotSize.allCases
        return all[min(all.count - 1, all.firstIndex(of: self)! + 1)]
    }

    /// One step wider, stopping at EWS.
    public var wider: ShotSize {
        let all = ShotSize.allCases
        return all[max(0, all.firstIndex(of: self)! - 1)]
    }
}

/// How the camera moves during the shot.
public enum CameraMove: String, Hashable, Sendable, Codable, CaseIterable {
    case `static` = "static"
    case pushIn = "push-in"
    case pullOut = "pull-out"
    case panLeft = "pan-left"
    case panRight = "pan-right"
    case tiltUp = "tilt-up"
    case tiltDown = "tilt-down"

    public var name: String {
        switch self {
        case .static: "static"
        case .pushIn: "push in"
        case .pullOut: "pull out"
        case .panLeft: "pan left"
        case .panRight: "pan right"
        case .tiltUp: "tilt up"
        case .tiltDown: "tilt down"
        }
    }
}

/// Where the camera looks from.
public enum CameraAngle: String, Hashable, Sendable, Codable, CaseIterable {
    case eyeLevel = "eye-level"
    case high = "high"
    case low = "low"
    case overhead = "overhead"
    case overShoulder = "over-shoulder"
    case dutch = "dutch"
}

/// What a shot is for in the cut.
public enum ShotPurpose: String, Hashable, Sendable, Codable, CaseIterable {
    /// Opens a scene on a new place: where we are.
    case establishing
    /// Shows something happening.
    case action
    /// On a speaker.
    case dialogue
    /// A listener's reaction or an off-screen voice heard over the scene.
    case reaction
    /// A detail: an object, a hand, a screen.
    case insert
}

/// How a generator is asked to make the shot.
public enum GenerationMode: String, Hashable, Sendable, Codable, CaseIterable {
    /// From the prompt alone.
    case text
    /// From a keyframe image (the panel or a generated still).
    case imageToVideo = "image"
    /// Subjects locked by reference images.
    case references
    /// Interpolated between a first and a last frame.
    case firstLastFrame = "first-last"
}

/// How a shot begins or ends in the cut.
public enum ShotTransition: String, Hashable, Sendable, Codable, CaseIterable {
    case cut
    case fadeIn = "fade-in"
    case fadeOut = "fade-out"
    case dissolve
}

/// The feeling of a scene; drives the music cue and the panel's light.
public enum Mood: String, Hashable, Sendable, Codable, CaseIterable {
    case calm
    case warm
    case joyful
    case romantic
    case sad
    case tense
    case mysterious
    case action
}

/// Inside or outside, as the scene heading says.
public enum Setting: String, Hashable, Sendable, Codable, CaseIterable {
    case interior = "INT"
    case exterior = "EXT"
    case interiorExterior = "INT/EXT"
}

/// The time of day from the scene heading.
public enum TimeOfDay: String, Hashable, Sendable, Codable, CaseIterable {
    case day
    case night
    case dawn
    case dusk
    case unspecified
}
