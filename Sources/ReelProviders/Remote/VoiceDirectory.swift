import Foundation
import ReelMedia
import ReelModel

/// Every voice Reel can cast, by speech provider: espeak-ng's offline ones first, then each
/// remote provider's that speaks (``ProviderEntry/voices``). Known without keys, so
/// `reel voices` lists them on any machine.
public enum VoiceDirectory {
    /// One speech provider's voices.
    public struct Shelf: Sendable, Hashable {
        public var provider: ProviderID
        public var name: String
        public var isLocal: Bool
        public var voices: [VoiceOption]
        /// True when ids beyond ``voices`` are taken (the account's own or cloned voices).
        public var takesOtherVoices: Bool

        /// The voice `text` names: an id or a name, any case (`nova`, `Nova`, `female-shaonv`,
        /// `少女`); for a provider that takes other voices, any id that could be one (letters,
        /// digits, `-`, `_`, at most 100) and is not a typo of a listed one (`femal-shaonv`).
        /// Nil when it names none.
        public func voice(_ text: String) -> VoiceOption? {
            let wanted = text.trimmingCharacters(in: .whitespaces)
            let lower = wanted.lowercased()
            if let known = voices.first(where: { $0.id.lowercased() == lower })
                ?? voices.first(where: { $0.name.lowercased() == lower || $0.name.split(separator: " ").first.map(String.init) == wanted }) {
                return known
            }
            guard takesOtherVoices, (1...100).contains(wanted.count), Spelling.nearest(to: wanted, among: voices.map(\.id)) == nil,
                  wanted.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") })
            else { return nil }
            return VoiceOption(provider: provider, id: wanted, name: wanted, gender: .unknown, note: "an account's own voice")
        }
    }

    public static var shelves: [Shelf] {
        [Shelf(provider: "espeak", name: "espeak-ng", isLocal: true, voices: EspeakSpeech.voices, takesOtherVoices: false)]
            + ProviderDirectory.all.filter { $0.speech != nil }.map {
                Shelf(provider: $0.id, name: $0.name, isLocal: false, voices: $0.voices, takesOtherVoices: $0.takesOtherVoices)
            }
    }

    public static func shelf(_ provider: ProviderID) -> Shelf? { shelves.first { $0.provider == provider } }
}
