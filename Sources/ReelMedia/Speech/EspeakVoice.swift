import Foundation
import ReelModel

/// A line for the built-in speech synthesiser.
public struct SpeechLine: Hashable, Sendable, Codable {
    public var text: String
    public var language: Language
    public var voice: Voice

    public init(text: String, language: Language, voice: Voice) {
        self.text = text
        self.language = language
        self.voice = voice
    }
}

/// Maps provider-neutral voices onto espeak-ng voices, so each character sounds like
/// themselves and unlike the others.
///
/// Chinese uses `cmn-latn-pinyin`: in espeak-ng 1.51 plain `cmn` reads Han characters
/// through English letter names, while the pinyin voice speaks them with tones.
public enum EspeakVoice {
    static let femaleVariants = ["f2", "f4", "f1", "f3", "f5"]
    static let maleVariants = ["m3", "m1", "m7", "m2", "m4", "m6"]
    static let englishAccents = ["en-us", "en-gb-x-rp", "en-us", "en-gb"]

    /// The variants a user may cast (`reel voices --provider espeak`): espeak-ng's numbered
    /// female and male voices and a few named ones, all installed with espeak-ng.
    public static let variants: [(id: String, name: String, gender: Voice.Gender, note: String)] =
        (1...5).map { ("f\($0)", "female \($0)", Voice.Gender.female, "") }
        + (1...8).map { ("m\($0)", "male \($0)", Voice.Gender.male, "") }
        + [("grandma", "Grandma", .female, "older"), ("grandpa", "Grandpa", .male, "older"),
           ("whisperf", "Whisper (female)", .female, "whispered"), ("whisper", "Whisper (male)", .male, "whispered")]

    /// Words per minute that land near the planner's speaking rates.
    static func baseSpeed(_ language: Language) -> Int {
        switch language {
        case .english: 145
        case .chinese: 190
        }
    }

    /// The espeak-ng voice name: `en-gb-x-rp+f4`, `cmn-latn-pinyin+m3`. A variant the user
    /// cast (`Voice.providerVoice["espeak"]`, one of ``variants``) replaces the planner's.
    public static func name(for voice: Voice, language: Language) -> String {
        let variants = voice.gender == .female ? femaleVariants : maleVariants
        let index = max(0, voice.variant)
        let chosen = voice.providerVoice["espeak"].flatMap { id in Self.variants.first { $0.id == id }?.id }
        let variant = chosen ?? variants[index % variants.count]
        switch language {
        case .chinese:
            return "cmn-latn-pinyin+\(variant)"
        case .english:
            let accent = englishAccents[(index / variants.count + index) % englishAccents.count]
            return "\(accent)+\(variant)"
        }
    }

    /// Arguments for espeak-ng that read the text from stdin and write a WAV to `output`.
    public static func arguments(for line: SpeechLine, output: URL) -> [String] {
        let pitch = min(99, max(0, 50 + line.voice.pitch * 4))
        let speed = min(320, max(90, baseSpeed(line.language) + line.voice.pace * 6))
        return ["-v", name(for: line.voice, language: line.language), "-s", "\(speed)", "-p", "\(pitch)",
                "-g", "2", "-w", output.path, "--stdin"]
    }

    /// The text as espeak-ng should get it: markup gone, one line.
    public static func input(for line: SpeechLine) -> Data {
        Data((ScriptText.plain(line.text) + "\n").utf8)
    }
}
