import Foundation
import ReelModel
import ReelProviders
import ReelTesting
import Testing

@testable import ReelStudio

/// `providers explain` says what an unconfigured provider lacks, in the words `reel
/// providers` uses: a key for a hosted API, a server address for ComfyUI.
@Suite struct RouterReasonsTests {
    @Test func anUnconfiguredProviderSaysWhatItLacks() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let setup = try ProviderSetupTests().load(dir)
        let needs = ShotNeeds(shot: "S01-01", scene: "1", mode: .text, seconds: 5, aspect: .vertical, size: .p720,
                              references: 0)
        let reasons = setup.router.route(needs).reasons.joined(separator: "\n")
        #expect(reasons.contains("comfyui is not configured (needs no key, only its server's address: set REEL_COMFYUI_BASE_URL"),
                "\(reasons)")
        #expect(reasons.contains("kling is not configured (set KLING_ACCESS_KEY and KLING_SECRET_KEY)"), "\(reasons)")
        #expect(!reasons.contains("no credentials"))
    }
}
