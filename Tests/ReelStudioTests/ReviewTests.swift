import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

@testable import ReelStudio

/// `reel review`: every finished take of a shot side by side, with frames from its own file,
/// the quality check's verdict and the pick.
@Suite struct ReviewTests {
    @Test func thePageShowsEveryTakeWithItsFramesAndVerdict() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let script = try dir.write("two-rooms.fountain", ProjectWorkflowTests.script)
        let project = try Project.create(at: dir.file("film"), script: script,
                                         format: VideoFormat(aspect: .vertical, size: .p480, frameRate: .fps24))
        let studio = Studio()
        let production = try Production.open(project, lockFor: "test")
        defer { production.close() }
        _ = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 2))
        _ = try await studio.pick(production, shot: "S01-02", number: 2)

        let out = dir.file("review")
        let result = try await studio.review(production, shots: ["S01-0*"], directory: out)
        #expect(result.sheet.rows.map(\.shot.id) == ["S01-01", "S01-02", "S01-03"])
        let cards = try #require(result.sheet.rows.first { $0.shot.id == "S01-02" }?.cards)
        #expect(cards.map(\.take.number) == [2, 1])
        #expect(result.sheet.rows.first?.cards.isEmpty == true)
        for card in cards {
            #expect(card.frames.count == 3)
            #expect(card.verdict != nil, "every finished take is checked")
            #expect(card.take.verdict != nil && card.verdict == card.take.verdict, "checked when made; the page shows that verdict")
            for frame in card.frames {
                let data = try Data(contentsOf: out.appendingPathComponent(frame))
                #expect(data.prefix(3) == Data([0xFF, 0xD8, 0xFF]), "\(frame) is a JPEG")
            }
            let video = try #require(card.video.flatMap(URL.init(string:)))
            #expect(video.isFileURL && FileManager.default.fileExists(atPath: video.path))
        }
        // Frames come from each take's own file: two takes, two different middles.
        let middles = try cards.map { try Data(contentsOf: out.appendingPathComponent($0.frames[1])) }
        #expect(middles[0] != middles[1])

        // The contact sheet: a row per finished take (two here), each three 180×320 frames under a 30 px label.
        let contact = try #require(result.contactSheet)
        let png = try Data(contentsOf: contact)
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "a PNG")
        let size = png.subdata(in: 16..<24).map { UInt32($0) }
        #expect((size[0] << 24 | size[1] << 16 | size[2] << 8 | size[3]) == 540)
        #expect((size[4] << 24 | size[5] << 16 | size[6] << 8 | size[7]) == 2 * (320 + 30))

        let html = try String(contentsOf: result.html, encoding: .utf8)
        #expect(html.contains("id=\"S01-02#2\"") && html.contains("★ #2"))
        #expect(html.contains("▶ play the takes together"))
        #expect(html.contains("reel generate --shots S01-01"), "a shot without takes says how to make some")
        #expect(!html.contains("http://") && !html.contains("https://"), "nothing is fetched from the network")
    }

    @Test func anUnknownShotIsRefusedBeforeAnythingIsWritten() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let script = try dir.write("two-rooms.fountain", ProjectWorkflowTests.script)
        let project = try Project.create(at: dir.file("film"), script: script, format: .default)
        let production = try Production.open(project, lockFor: nil)
        defer { production.close() }
        let error = await #expect(throws: ReelError.self) {
            try await Studio().review(production, shots: ["S09-*"], directory: dir.file("review"))
        }
        #expect(error?.message == "no shot matches S09-*")
        #expect(!FileManager.default.fileExists(atPath: dir.file("review").path))
    }
}
