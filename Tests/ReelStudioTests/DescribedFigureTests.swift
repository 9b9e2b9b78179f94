import Foundation
import ReelAnimatic
import ReelMedia
import ReelModel
import ReelProviders
import Testing

@testable import ReelStudio

/// The animatic draws a described character as described, through the panel job's own
/// request: the normalized request (the job's cache key) keeps what a panel draws of a
/// description — so a new costume is a new panel — and nothing else of it.
@Suite struct DescribedFigureTests {
    static func request(_ description: String) -> ImageRequest {
        let figure = ShotBrief.Figure(name: "MAYA", colorIndex: 0, gender: .female, speaking: true, offScreen: false,
                                      description: description)
        return ImageRequest(prompt: "p", brief: ShotBrief(shot: "S01-01", setting: .interior, timeOfDay: .night, location: "KITCHEN",
                                                           mood: .calm, size: .medium, move: .static, angle: .eyeLevel, purpose: .dialogue,
                                                           figures: [figure], action: "", language: .english),
                            width: 720, height: 1280, seed: 1)
    }

    @Test func theJobsRequestKeepsWhatThePanelDrawsOfADescription() throws {
        let panel = AnimaticPanel(toolchain: .discover())
        let coat = panel.normalize(Self.request("short black hair, a navy raincoat, tired eyes"))
        let appearance = try #require(PanelAppearance.read("short black hair, a navy raincoat"))
        #expect(AnimaticPanel.spec(for: coat).figures.first?.appearance == appearance, "drawn from the job's own request")
        #expect(panel.normalize(Self.request("short black hair, a navy raincoat, a kind smile")) == coat,
                "words a panel does not draw do not make another panel")
        #expect(panel.normalize(Self.request("short black hair, a green raincoat")) != coat, "another coat is another panel")
        #expect(panel.normalize(Self.request("thirty, tired")).brief.figures.first?.description == "",
                "a description that names nothing drawn keeps the panel of an undescribed character")
    }
}
