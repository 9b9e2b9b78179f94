import Foundation

/// How a speaker is heard without being seen, as the script's character extension says:
/// a voice-over (`V.O.`: narration, a thought, a voice from elsewhere) or a voice off
/// screen (`O.S.`, `O.C.`: in the scene, out of the frame). Its raw value is the tag shown.
public enum OffScreenKind: String, Hashable, Sendable, Codable, CaseIterable {
    case voiceOver = "V.O."
    case offScreen = "O.S."

    /// The kind a character extension names (`V.O.`, `O.S.`, `O.C.`, `画外音`, `旁白`), or nil.
    public init?(extension ext: String) {
        switch ext.uppercased().replacingOccurrences(of: " ", with: "") {
        case "V.O.", "VO", "画外音", "旁白": self = .voiceOver
        case "O.S.", "OS", "O.C.", "OC": self = .offScreen
        default: return nil
        }
    }
}
