import Foundation
import ReelModel

extension ShotBrief {
    /// The brief as a remote model's cache key needs it: only the shot id. Remote models
    /// see the prompt, not the brief, so a change of blocking, caption or colours that the
    /// prompt does not carry makes no new (paid) take.
    public var promptOnly: ShotBrief {
        ShotBrief(shot: shot, setting: .interior, timeOfDay: .unspecified, location: "", mood: .calm, size: .medium,
                  move: .static, angle: .eyeLevel, purpose: .action, figures: [], action: "", language: .english)
    }
}
