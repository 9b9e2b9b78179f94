import Foundation

/// A sound the action asks for: an ambience under a whole scene (rain, wind, the sea) or a
/// spot effect at the start of the shot that names it (a door slams, a phone rings).
///
/// Found in the action text and the scene heading (``SoundEffect/isAmbience`` decides how it
/// is placed), made by the project's effects generator — Reel's own synthesiser offline, a
/// sound-effect model where one is configured — and mixed under the dialogue.
public enum SoundEffect: String, Hashable, Sendable, Codable, CaseIterable {
    // Ambiences: a bed under the whole scene.
    case rain, wind, sea, traffic, fire, crickets, clock
    // Spot effects: once, where the shot starts.
    case thunder, door, knock, footsteps, phone, glass

    /// True for a bed under a whole scene; false for a spot effect at its shot.
    public var isAmbience: Bool {
        switch self {
        case .rain, .wind, .sea, .traffic, .fire, .crickets, .clock: true
        case .thunder, .door, .knock, .footsteps, .phone, .glass: false
        }
    }

    /// What a sound-effect model is asked for: a few plain English words, no music, no voices.
    public var prompt: String {
        switch self {
        case .rain: "steady rain falling outside, soft patter, no thunder"
        case .wind: "wind blowing in gusts, outdoors"
        case .sea: "ocean waves washing on a shore"
        case .traffic: "city street traffic in the distance, cars passing"
        case .fire: "a wood fire crackling"
        case .crickets: "night crickets chirping, quiet countryside"
        case .clock: "a wall clock ticking in a quiet room"
        case .thunder: "a rumble of thunder rolling in the distance"
        case .door: "a wooden door slamming shut"
        case .knock: "three knocks on a wooden door"
        case .footsteps: "footsteps walking on a hard floor"
        case .phone: "a mobile phone ringing"
        case .glass: "a glass shattering on the floor"
        }
    }

    /// How long a spot effect lasts (at most: a shorter shot cuts it); nil for an ambience,
    /// which lasts its scene.
    public var spotLength: RationalTime? {
        switch self {
        case .rain, .wind, .sea, .traffic, .fire, .crickets, .clock: nil
        case .thunder: RationalTime(value: 4, timescale: 1)
        case .door: RationalTime(value: 3, timescale: 2)
        case .knock: RationalTime(value: 2, timescale: 1)
        case .footsteps: RationalTime(value: 4, timescale: 1)
        case .phone: RationalTime(value: 4, timescale: 1)
        case .glass: RationalTime(value: 2, timescale: 1)
        }
    }

    /// The level it is mixed at, in dB under full scale, before the dialogue ducks it:
    /// ambiences sit low, spot effects are heard.
    public var gainDB: Double { isAmbience ? -12 : -4 }
}
