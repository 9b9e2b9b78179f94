import Foundation

/// A scale mode: which of the twelve semitones above the tonic belong to the key.
public enum MusicScale: String, Hashable, Sendable, Codable, CaseIterable {
    case major
    case minor
    case dorian
    case phrygian
    case lydian
    case harmonicMinor = "harmonic minor"

    /// Semitones above the tonic, ascending.
    public var steps: [Int] {
        switch self {
        case .major: [0, 2, 4, 5, 7, 9, 11]
        case .minor: [0, 2, 3, 5, 7, 8, 10]
        case .dorian: [0, 2, 3, 5, 7, 9, 10]
        case .phrygian: [0, 1, 3, 5, 7, 8, 10]
        case .lydian: [0, 2, 4, 6, 7, 9, 11]
        case .harmonicMinor: [0, 2, 3, 5, 7, 8, 11]
        }
    }

    /// True when the third above the tonic is minor.
    public var isMinor: Bool { steps.contains(3) }
}

/// A chord in a key: a Roman numeral, a root above the tonic and the tones above the root.
///
/// ```swift
/// let sixth = MusicChord("♭VI", root: 8, .major)   // B♭ major in D minor
/// sixth.pitchClasses(tonic: 2)                     // [10, 2, 5]
/// ```
public struct MusicChord: Hashable, Sendable {
    /// How the chord is written in analysis, e.g. `i`, `♭VI`, `IVmaj7`.
    public var numeral: String
    /// Semitones above the key's tonic.
    public var root: Int
    /// Semitones above the root, the root (0) first.
    public var intervals: [Int]

    public init(_ numeral: String, root: Int, _ intervals: [Int]) {
        self.numeral = numeral
        self.root = root
        self.intervals = intervals
    }

    /// Pitch classes (0 = C) in chord-tone order: root, third, fifth, extensions.
    public func pitchClasses(tonic: Int) -> [Int] {
        intervals.map { (tonic + root + $0) % 12 }
    }

    /// The root's pitch class.
    public func rootClass(tonic: Int) -> Int {
        (tonic + root) % 12
    }
}

extension [Int] {
    static let major = [0, 4, 7]
    static let minor = [0, 3, 7]
    static let sus2 = [0, 2, 7]
    static let sus4 = [0, 5, 7]
    static let add9 = [0, 4, 7, 14]
    static let minorAdd9 = [0, 3, 7, 14]
    static let major7 = [0, 4, 7, 11]
    static let minor7 = [0, 3, 7, 10]
    static let dominant7 = [0, 4, 7, 10]
    /// A major seventh with a raised eleventh and no fifth: the lydian colour.
    static let major7sharp11 = [0, 4, 11, 18]
    /// A minor ninth without its fifth, so it fits four voices.
    static let minor9 = [0, 3, 10, 14]
}
