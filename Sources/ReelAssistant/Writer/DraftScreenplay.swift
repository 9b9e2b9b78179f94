import Foundation
import ReelModel

/// A screenplay as the writer asks a language model for it: characters with a line of
/// description each, scenes with a place, inside or out, a time of day, a summary and
/// beats (action or a character's line). An outline is the same document without beats.
///
/// Models answer in JSON (``WriterPrompts`` describes the shape); ``DraftReader`` reads
/// what they really send and ``DraftScreenplay/script(language:credit:)`` writes the
/// screenplay Reel plans from: Fountain in English, the short-drama format in Chinese.
public struct DraftScreenplay: Hashable, Sendable, Codable {
    /// Someone in the story, with what a casting director needs to picture them.
    public struct Character: Hashable, Sendable, Codable {
        public var name: String
        /// Age, look, role: `20s, a courier in a soaked raincoat`.
        public var description: String

        public init(name: String, description: String) {
            self.name = name
            self.description = description
        }
    }

    /// One moment of a scene: what we see, or what someone says. Encoded as the writer asks
    /// for it: `{"action": …}` or `{"character": …, "line": …, "parenthetical": …}`.
    public enum Beat: Hashable, Sendable, Codable {
        case action(String)
        case line(character: String, text: String, parenthetical: String?)

        enum CodingKeys: String, CodingKey { case action, character, line, parenthetical }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let action = try c.decodeIfPresent(String.self, forKey: .action) {
                self = .action(action)
            } else {
                self = .line(character: try c.decode(String.self, forKey: .character), text: try c.decode(String.self, forKey: .line),
                             parenthetical: try c.decodeIfPresent(String.self, forKey: .parenthetical))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .action(let text):
                try c.encode(text, forKey: .action)
            case .line(let name, let text, let aside):
                try c.encode(name, forKey: .character)
                try c.encode(text, forKey: .line)
                try c.encodeIfPresent(aside, forKey: .parenthetical)
            }
        }
    }

    /// One scene: where, inside or out, when, what happens, and its beats (none in an outline).
    public struct Scene: Hashable, Sendable, Codable {
        public var place: String
        public var interior: Bool
        /// `DAY`, `NIGHT`, `DUSK`… (`日`, `夜`, `黄昏` in Chinese).
        public var time: String
        public var summary: String
        public var beats: [Beat]

        public init(place: String, interior: Bool, time: String, summary: String = "", beats: [Beat] = []) {
            self.place = place
            self.interior = interior
            self.time = time
            self.summary = summary
            self.beats = beats
        }
    }

    public var title: String
    public var logline: String
    public var characters: [Character]
    public var scenes: [Scene]

    public init(title: String, logline: String = "", characters: [Character], scenes: [Scene]) {
        self.title = title
        self.logline = logline
        self.characters = characters
        self.scenes = scenes
    }

    /// This draft with the characters it left undescribed described as in `outline`, and the
    /// outline's characters it dropped added back (a cast is decided at the outline).
    public func keepingCast(of outline: DraftScreenplay) -> DraftScreenplay {
        var copy = self
        for known in outline.characters {
            if let i = copy.characters.firstIndex(where: { $0.name.uppercased() == known.name.uppercased() }) {
                if copy.characters[i].description.isEmpty { copy.characters[i].description = known.description }
            } else {
                copy.characters.append(known)
            }
        }
        if copy.logline.isEmpty { copy.logline = outline.logline }
        return copy
    }

    /// The number of spoken lines.
    public var lineCount: Int {
        scenes.reduce(0) { count, scene in
            count + scene.beats.filter { if case .line = $0 { true } else { false } }.count
        }
    }
}
