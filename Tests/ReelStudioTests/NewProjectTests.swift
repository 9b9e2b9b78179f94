import Foundation
import ReelModel
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// `reel new --template`: a project from a template, offline — script, reel.yaml and a planned
/// storyboard — and nothing at all when a blank is bad.
struct NewProjectTests {
    @Test func aTemplateBecomesAPlannedProjectInEitherLanguage() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let studio = Studio(environment: ["REEL_CONFIG_DIR": dir.file("config").path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""])
        let zh = try await studio.newProject(NewProjectRequest(template: "reversal", values: ["hero": "欧阳娜娜娜"], language: .chinese,
                                                              parent: dir.url, format: VideoFormat(size: .p480)))
        #expect(zh.directory == dir.file("实习生的逆袭").path, "named after the title")
        #expect(zh.script == "script.txt" && zh.examples == ["title", "rival", "place", "twist"])
        #expect(zh.scenes == 3 && zh.shots > 3)
        let production = try Production.open(try Project.find(URL(fileURLWithPath: zh.directory)), lockFor: nil)
        defer { production.close() }
        let board = try #require(try await production.repository.loadStoryboard())
        #expect(board.shots.count == zh.shots, "the storyboard is saved")
        #expect(board.subjects.map(\.name).contains("欧阳娜娜娜"), "the blank's value is in the cast")
        let text = try String(contentsOf: URL(fileURLWithPath: zh.directory).appendingPathComponent("script.txt"), encoding: .utf8)
        #expect(text.hasPrefix("剧名：实习生的逆袭"))

        let en = try await studio.newProject(NewProjectRequest(template: "trailer", values: ["title": "Night Shift"], parent: dir.url))
        #expect(en.directory == dir.file("Night-Shift").path && en.script == "script.fountain")
        #expect(en.files.allSatisfy { FileManager.default.fileExists(atPath: URL(fileURLWithPath: en.directory).appendingPathComponent($0).path) })
    }

    @Test func aBadBlankOrTemplateWritesNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let studio = Studio(environment: ["REEL_CONFIG_DIR": dir.file("config").path])
        for (request, message) in [
            (NewProjectRequest(template: "reversal", values: ["hero": ""], parent: dir.url), "the blank hero is set to nothing"),
            (NewProjectRequest(template: "reversal", values: ["sidekick": "x"], parent: dir.url), "the reversal template has no blank called sidekick"),
            (NewProjectRequest(template: "western", parent: dir.url), "there is no template called western"),
        ] {
            let error = await #expect(throws: ReelError.self) { try await studio.newProject(request) }
            #expect(error?.message == message && error?.code == (message.hasPrefix("there is no template") ? .notFound : .usage))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty, "nothing written")
    }
}
