import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// `reel voices` and `reel cast voice` as a user types them, on a project made by `reel init`
/// from the Chinese example.
@Suite struct VoiceCommandTests {
    @Test func aVoiceIsListedCastWithANegativePaceAndSampled() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let project = try await ReelBinary.initialized(dir, example: "last-delivery.zh.fountain")
        func reel(_ arguments: String...) async throws -> ProcessResult { try await project.run(arguments) }
        let listed = try await reel("voices", "--lang", "zh", "--json")
        #expect(listed.status == 0, "\(listed.stderrText)")
        let shelves = try #require(try JSONDecoder().decode(JSONValue.self, from: listed.stdout).arrayValue)
        #expect(shelves.first?["provider"] == "espeak" && shelves.first?["speaksThisProject"] == .bool(true))
        #expect(shelves.contains { $0["provider"] == "minimax" && ($0["voices"]?.arrayValue?.count ?? 0) >= 10 })

        // A negative number is a value, as a person types it.
        let cast = try await reel("cast", "voice", "林晓", "--voice", "espeak:f4", "--pace", "-3", "--pitch", "-2", "--sample", "--json")
        #expect(cast.status == 0, "\(cast.stderrText)")
        let member = try JSONDecoder().decode(JSONValue.self, from: cast.stdout)
        #expect(member["voice"]?["pace"] == .int(-3) && member["voice"]?["pitch"] == .int(-2))
        #expect(member["voice"]?["heard"]?.stringValue == "cmn-latn-pinyin+f4")
        let sample = try #require(member["voice"]?["sample"]?.stringValue)
        #expect(try Data(contentsOf: URL(fileURLWithPath: sample)).prefix(4) == Data("RIFF".utf8))

        let shown = try await reel("cast")
        #expect(shown.stdoutText.contains("voice espeak cmn-latn-pinyin+f4  (female, pitch -2, pace -3; cast)"), "\(shown.stdoutText)")
        let refused = try await reel("cast", "voice", "林晓", "--voice", "minimax:femal-shaonv")
        #expect(refused.status == 66)
        #expect(refused.stderrText.contains("did you mean minimax:female-shaonv?"), "\(refused.stderrText)")
    }
}
