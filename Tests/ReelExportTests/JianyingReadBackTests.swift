import Foundation
import ReelExport
import ReelModel
import ReelTesting
import Testing

/// Opens the Jianying draft with `pyJianYingDraft` (`pip install pyJianYingDraft==0.3.1`),
/// the open tool whose structure the writer follows: its template loader must accept the
/// draft and see the picture, sound and subtitle tracks with the segments in place.
/// (The library's Jianying-app automation is Windows-only; loading drafts works anywhere.)
@Suite(.disabled(if: !PythonOracle.hasPython, "python3 is not installed"),
       .disabled(if: PythonOracle.hasPython && !JianyingOracle.hasPackage,
                 "pyJianYingDraft is not installed (scripts/bootstrap --test, or pip install pyJianYingDraft==0.3.1)"))
struct JianyingReadBackTests {
    struct Track: Codable, Equatable {
        var type: String
        var name: String
        var segments: [[Int64]]
    }

    struct Summary: Codable, Equatable {
        var width: Int
        var height: Int
        var duration: Int64
        var tracks: [Track]
        var texts: [String]
    }

    @Test(arguments: [FrameRate.fps24, .fps29_97])
    func pyJianYingDraftLoadsIt(_ rate: FrameRate) throws {
        let timeline = ExportFixtures.timeline(rate: rate, language: "zh", text: ["你回来了。", "我从来没有离开过。"])
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        for (name, text) in JianyingDraftWriter.draft(timeline, folder: dir.file("最后一单").path) {
            _ = try dir.write("最后一单/\(name)", text)
        }
        let theirs = try PythonOracle.json(Summary.self, script: JianyingOracle.script, arguments: [dir.url.path, "最后一单"])
        let us = { (t: RationalTime) in JianyingDraftWriter.microseconds(rate.frames(in: t), rate) }
        #expect(theirs.width == 720 && theirs.height == 1280)
        #expect(theirs.duration == us(timeline.duration))
        #expect(theirs.tracks.map(\.type) == ["video", "audio", "audio", "audio", "audio", "text", "text"])
        #expect(theirs.tracks[0].segments == [[0, us(rate.time(frames: 48))],
                                              [us(rate.time(frames: 48)), us(rate.time(frames: 78)) - us(rate.time(frames: 48))]])
        #expect(theirs.texts.contains("你回来了。"))
        #expect(theirs.texts.contains { $0.hasPrefix("S02-01: no take yet") })
    }
}

enum JianyingOracle {
    static let hasPackage = PythonOracle.has("pyJianYingDraft")

    /// Loads the draft as a template and prints its tracks, segments and texts as JSON.
    static let script = """
        import json, sys
        import pyJianYingDraft as jy
        script = jy.DraftFolder(sys.argv[1]).load_template(sys.argv[2])
        tracks = []
        for t in script.list_imported_tracks():
            segs = [[s.target_timerange.start, s.target_timerange.duration] for s in t.segments]
            tracks.append({'type': t.track_type.name, 'name': t.name, 'segments': segs})
        texts = [json.loads(m['content'])['text'] for m in script.imported_materials.get('texts', [])]
        print(json.dumps({'width': script.width, 'height': script.height, 'duration': script.duration,
                          'tracks': tracks, 'texts': texts}, ensure_ascii=False))
        """
}
