import Foundation
import ReelEngine
import ReelExport
import ReelModel
import ReelTesting
import Testing

@testable import ReelStudio

/// `reel export` on real projects: the timeline shows the takes the render used, exactly
/// as long; shots without a take become markers, never a crash; bundles can be moved.
@Suite(.serialized) struct ExportTests {
    static let script = """
        Title: Two Rooms

        INT. KITCHEN - NIGHT

        A kettle hisses on the stove.

        MAYA
        You came back.

        EXT. ROOFTOP - DAWN

        BEN walks to the edge.

        BEN
        It's quieter up here.

        """

    static func studio(_ dir: TemporaryDirectory) -> Studio {
        Studio(environment: ProcessInfo.processInfo.environment.merging(["REEL_HOME": dir.file("home").path,
                                                                         "REEL_CHROMIUM": "/nonexistent"]) { $1 })
    }

    static let format = VideoFormat(aspect: .vertical, size: .p480, frameRate: .fps25)

    @Test func aScriptWithNoTakesExportsMarkersNotACrash() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let script = try dir.write("two-rooms.fountain", Self.script)
        let production = try Production.open(script: script, format: Self.format, environment: Self.studio(dir).environment,
                                             lockFor: "export")
        defer { production.close() }
        let result = try await Self.studio(dir).export(production, ExportRequest(format: .otio, output: dir.file("out/film.otio")))
        let board = try await Self.studio(dir).plan(production, save: false)
        #expect(result.missing == board.shots.map(\.id.rawValue))
        let picture = try #require(result.timeline.tracks(.video).first)
        #expect(picture.placedClips.isEmpty)
        #expect(picture.markers.count == board.shots.count)
        #expect(result.timeline.frames(picture.duration) == Self.format.frameRate.frames(in: board.duration))
        #expect(!result.timeline.tracks(.audio).flatMap(\.placedClips).isEmpty, "voices and music are still there")
        let otio = try String(contentsOf: dir.file("out/film.otio"), encoding: .utf8)
        #expect(otio.contains("no take yet"))
    }

    /// A draft for a Windows machine: paths in its own separator, under its drafts folder,
    /// whatever the folder's trailing separator; a drafts folder that is no whole path refused.
    @Test(arguments: [("D:\\剪映\\草稿\\", "D:\\剪映\\草稿", "\\"), ("C:/Users/ana/Drafts", "C:/Users/ana/Drafts", "/"),
                      ("C:\\", "C:\\", "\\"), ("/Users/ana/Movies/JianyingPro", "/Users/ana/Movies/JianyingPro", "/")])
    func aJianyingDraftIsWrittenForTheMachineThatOpensIt(given: String, root: String, separator: String) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let script = try dir.write("two-rooms.fountain", Self.script)
        _ = try await Self.studio(dir).make(MakeRequest(script: script, output: dir.file("cut.mp4"), format: Self.format))
        let production = try Production.open(script: script, format: Self.format, environment: Self.studio(dir).environment,
                                             lockFor: "export")
        defer { production.close() }
        let result = try await Self.studio(dir).export(production, ExportRequest(format: .jianying, output: dir.file("out/双人房-jianying"),
                                                                                  draftsFolder: given))
        let meta = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: result.output.appendingPathComponent("draft_meta_info.json")))
        let home = (root.hasSuffix(separator) ? root : root + separator) + "双人房-jianying"
        #expect(meta["draft_root_path"]?.stringValue == root && meta["draft_fold_path"]?.stringValue == home)
        let content = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: result.output.appendingPathComponent("draft_content.json")))
        let paths = (content["materials"]?["videos"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
        #expect(!paths.isEmpty && paths.allSatisfy { $0.hasPrefix(home + separator + "materials" + separator) }, "\(paths)")
        #expect(paths.allSatisfy { !$0.contains(separator + separator) && !$0.contains(separator == "/" ? "\\" : "/") }, "\(paths)")
        let refused = await #expect(throws: ReelError.self) {
            try await Self.studio(dir).export(production, ExportRequest(format: .jianying, output: dir.file("x"), draftsFolder: "Drafts"))
        }
        #expect(refused?.message.hasPrefix("the drafts folder must be a whole path") == true)
    }

    @Test func theTimelineCutsTheTakesTheRenderUsed() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let script = try dir.write("two-rooms.fountain", Self.script)
        let studio = Self.studio(dir)
        let film = try await studio.make(MakeRequest(script: script, output: dir.file("out/film.mp4"), format: Self.format))
        let production = try Production.open(script: script, format: Self.format, environment: studio.environment, lockFor: "export")
        defer { production.close() }
        let result = try await studio.export(production, ExportRequest(format: .fcpxml, output: dir.file("out/film.fcpxml"), bundle: true))
        let picture = try #require(result.timeline.tracks(.video).first)
        let takes = Dictionary(uniqueKeysWithValues: picture.placedClips.map { ($0.clip.name, $0.clip.metadata["take"]?.stringValue) })
        #expect(takes == Dictionary(uniqueKeysWithValues: film.sources.map { ($0.key.rawValue, Optional($0.value)) }))
        #expect(result.timeline.frames(result.timeline.duration) == film.frames)
        #expect(result.missing.isEmpty)
        // The bundle: every media file next to the export, named with its extension.
        let xml = try String(contentsOf: dir.file("out/film.fcpxml"), encoding: .utf8)
        for file in result.files.dropFirst() {
            #expect(FileManager.default.fileExists(atPath: file.path))
            #expect(xml.contains("src=\"media/\(file.lastPathComponent)\""))
            #expect(["mp4", "wav", "m4a"].contains(file.pathExtension))
        }
        let media = result.timeline.mediaReferences
        #expect(result.files.count == 1 + media.count)
        #expect(media.filter { $0.kind == .video }.count == picture.placedClips.count)
        // Subtitles: the export says what the render's sidecar says.
        _ = try await studio.export(production, ExportRequest(format: .srt, output: dir.file("out/export.srt")))
        #expect(try Data(contentsOf: dir.file("out/export.srt")) == Data(contentsOf: film.subtitles))
    }
}
