import Foundation
import ReelEngine
import ReelModel

/// Casts a vendor voice for a Reel ``Voice``: the same voice for the same character on
/// every line, run and machine, and different voices for different characters.
///
/// A voice the user chose for this provider (`Voice.providerVoice["openai"]`) wins. Else the
/// gender picks a list and the variant picks from it: the planner numbers each gender's
/// characters 0, 1, 2…, so two women get two voices. A voice with no gender (a speaker the
/// planner knew nothing about) is also spread by a stable hash of the speaker's name, so
/// unnamed speakers do not all share one voice. Chinese lines use the same voices: every
/// voice here is multilingual.
///
/// ```swift
/// let cast = VoiceCast(provider: "openai", female: ["nova", "shimmer"], male: ["onyx", "echo"], neutral: ["alloy"])
/// cast.voice(for: Voice(gender: .female, variant: 1), speaker: "MAYA")   // "shimmer"
/// ```
public struct VoiceCast: Sendable, Hashable {
    public var provider: ProviderID
    public var female: [String]
    public var male: [String]
    public var neutral: [String]

    public init(provider: ProviderID, female: [String], male: [String], neutral: [String]) {
        precondition(!female.isEmpty && !male.isEmpty && !neutral.isEmpty, "a voice cast needs voices of every kind")
        self.provider = provider
        self.female = female
        self.male = male
        self.neutral = neutral
    }

    /// The vendor voice for `voice`, spoken by `speaker`.
    public func voice(for voice: Voice, speaker: String) -> String {
        if let own = voice.providerVoice[provider.rawValue]?.trimmingCharacters(in: .whitespaces), !own.isEmpty {
            return own
        }
        let list: [String]
        var index = max(0, voice.variant)
        switch voice.gender {
        case .female: list = female
        case .male: list = male
        case .unknown:
            list = neutral + female + male
            index += Int(Hashing.seed("voice:" + speaker) % UInt64(list.count))
        }
        return list[index % list.count]
    }

    /// `request` as a speech endpoint hears it, for the cache key: the line, its language,
    /// `model`, the voice cast for the speaker (by its id here only, so a voice cast on
    /// another provider changes nothing), pace, and pitch when the endpoint takes one — not
    /// the speaker's name or the planner's variant.
    public func normalized(_ request: SpeechRequest, model: String, takesPitch: Bool = true) -> SpeechRequest {
        var r = request
        r.voice = Voice(gender: request.voice.gender, pitch: takesPitch ? request.voice.pitch : 0, pace: request.voice.pace,
                        providerVoice: [provider.rawValue: voice(for: request.voice, speaker: request.speaker)])
        r.speaker = ""
        r.model = model
        return r
    }
}
