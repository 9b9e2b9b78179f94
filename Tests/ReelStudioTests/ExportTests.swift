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
