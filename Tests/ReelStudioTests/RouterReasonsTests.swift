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

    /// `audio: native` prefers, never requires: a shot with lines goes to the cheapest model
    /// that makes sound, and to a silent one (with the reason) when none that can make it does.
    @Test func aShotThatWantsItsOwnSoundPrefersAModelThatMakesIt() {
        let price = { (micros: Int64) in Price(amount: Money(micros: micros), per: .second) }
        let catalog = ModelCatalog([
            ModelCapabilities(id: "quiet", provider: "a", durationRange: 1...10, price: price(10_000)),
            ModelCapabilities(id: "loud", provider: "b", durationRange: 1...10, nativeAudio: true, price: price(50_000)),
            ModelCapabilities(id: "refs", provider: "a", modes: [.references], durationRange: 1...10, maxReferences: 2,
                              price: price(20_000)),
        ])
        let router = Router(catalog: catalog, configured: ["a", "b"], policy: RoutingPolicy())
        func needs(_ mode: GenerationMode, sound: Bool) -> ShotNeeds {
            ShotNeeds(shot: "S01-01", scene: "1", mode: mode, seconds: 4, aspect: .vertical, size: .p720,
                      references: mode == .references ? 1 : 0, wantsNativeAudio: sound)
        }
        #expect(router.route(needs(.text, sound: false)).model?.id == "quiet", "the cheapest, without the wish")
        let sounding = router.route(needs(.text, sound: true))
        #expect(sounding.model?.id == "loud")
        #expect(sounding.reasons.first == "b/loud: the cheapest of 1 that can make it with its own sound (audio: native)")
        let silent = router.route(needs(.references, sound: true))
        #expect(silent.model?.id == "refs", "no model that makes sound can make it: it still goes")
        #expect(silent.reasons.first?.hasSuffix("none of them makes its own sound, so Reel's voices speak its lines") == true)
    }
}
