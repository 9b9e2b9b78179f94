import Foundation
import ReelExport
import ReelModel
import ReelTesting
import Testing

/// Reads the OTIO export back with the `opentimelineio` library (the reference
/// implementation, `pip install opentimelineio==0.18.1`): the same tracks, clips, source
/// ranges in frames, media paths, markers and metadata, at every rate.
@Suite(.disabled(if: !PythonOracle.hasPython, "python3 is not installed"),
       .disabled(if: PythonOracle.hasPython && !OTIOOracle.hasPackage,
                 "opentimelineio is not installed (scripts/bootstrap --test, or pip install opentimelineio==0.18.1)"))
struct OTIORoundTripTests {
    struct Item: Codable, Equatable {
        var kind: String
        var name: String
        var start: Int64
        var duration: Int64
        var url: String?
        var shot: String?
    }

    struct Summary: Codable, Equatable {
        var rate: Double
        var tracks: [String]
        var items: [[Item]]
        var markers: [String]
        var duration: Int64
    }

    @Test(arguments: ExportFixtures.rates)
    func opentimelineioReadsItBack(_ rate: FrameRate) throws {
        let timeline = ExportFixtures.timeline(rate: rate)
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("two-rooms.otio", OTIOWriter.otio(timeline))
        let theirs = try PythonOracle.json(Summary.self, script: OTIOOracle.script, arguments: [file.path])
        #expect(theirs == Self.summary(timeline))
        #expect(abs(theirs.rate - rate.framesPerSecond) < 1e-9)
    }

    @Test func aOneFrameMoveIsReadBack() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("moved.otio", OTIOWriter.otio(ExportFixtures.timeline(rate: .fps29_97, shift: 1)))
        let theirs = try PythonOracle.json(Summary.self, script: OTIOOracle.script, arguments: [file.path])
        #expect(theirs.items[0][1].start == 1)
        #expect(theirs.items[0][1].duration == 30)
    }

    /// What the library should see, computed from the timeline Reel wrote.
    static func summary(_ t: Timeline) -> Summary {
        let items = t.tracks.map { track in
            track.items.map { item -> Item in
                switch item {
                case .gap(let d): Item(kind: "Gap", name: "", start: 0, duration: t.frames(d))
                case .clip(let c):
                    Item(kind: "Clip", name: c.name, start: t.frames(c.sourceRange.start), duration: t.frames(c.sourceRange.duration),
                         url: c.media?.path, shot: c.metadata["shot"]?.stringValue)
                }
            }
        }
        let kinds = ["video": "Video", "audio": "Audio", "subtitle": "Subtitle"]
        return Summary(rate: t.rate.framesPerSecond, tracks: t.tracks.map { "\(kinds[$0.kind.rawValue]!):\($0.name)" },
                       items: items, markers: t.tracks.flatMap { tr in tr.markers.map { "\($0.name)@\(t.frames($0.range.start))" } },
                       duration: t.frames(t.duration))
    }
}

enum OTIOOracle {
    static let hasPackage = PythonOracle.has("opentimelineio")

    /// Prints tracks, items (source ranges in frames), media URLs, markers and metadata as JSON.
    static let script = """
        import json, sys
        import opentimelineio as otio
        tl = otio.adapters.read_from_file(sys.argv[1])
        tracks, items, markers, rate = [], [], [], None
        for track in tl.tracks:
            tracks.append(f"{track.kind}:{track.name}")
            row = []
            for child in track:
                r = child.source_range
                rate = rate or r.duration.rate
                item = {'kind': 'Gap' if isinstance(child, otio.schema.Gap) else 'Clip', 'name': child.name,
                        'start': round(r.start_time.to_frames()), 'duration': round(r.duration.to_frames())}
                if isinstance(child, otio.schema.Clip):
                    ref = child.media_reference
                    item['url'] = getattr(ref, 'target_url', None)
                    item['shot'] = child.metadata.get('reel', {}).get('shot')
                row.append(item)
            items.append(row)
            for m in track.markers:
                markers.append(f"{m.name}@{round(m.marked_range.start_time.to_frames())}")
        print(json.dumps({'rate': rate, 'tracks': tracks, 'items': items, 'markers': markers,
                          'duration': round(tl.duration().to_frames())}))
        """
}
