import Foundation
import ReelModel
import Testing

/// The signature a take's check keeps, and how a shot's takes are compared with it.
@Suite struct VideoSignatureTests {
    /// `count` raw 8×8 yuv444p frames: a grey ramp from `low` to `high`, colour `u`, `v`.
    static func frames(_ count: Int, low: Int = 40, high: Int = 200, u: UInt8 = 128, v: UInt8 = 128) -> Data {
        var data = Data()
        for _ in 0..<count {
            data += (0..<64).map { UInt8(low + (high - low) * ($0 % 8) / 7) }
            data += [UInt8](repeating: u, count: 64) + [UInt8](repeating: v, count: 64)
        }
        return data
    }

    @Test func keepsSixteenEvenlySpreadMomentsAndLeavesPlainOnesOut() throws {
        let long = VideoSignature(frames: Self.frames(40))
        #expect(long.moments.count == VideoSignature.samples)
        #expect(long.moments.allSatisfy { $0?.count == 96 })
        let plain = VideoSignature(frames: Self.frames(6, low: 16, high: 20))
        #expect(plain.moments.count == 6 && plain.moments.allSatisfy { $0 == nil }, "black or flat: nothing to compare")
        #expect(plain.difference(to: plain) == nil && !plain.repeats(plain))
        // Written as text and read back the same; garbage is refused.
        #expect(VideoSignature(long.description) == long)
        #expect(VideoSignature(plain.description) == plain)
        #expect(VideoSignature("not.a.signature") == nil)
        let json = try JSONEncoder().encode(long)
        #expect(try JSONDecoder().decode(VideoSignature.self, from: json) == long)
    }

    @Test func nearlyTheSamePictureRepeatsAndAnotherColourDoesNot() {
        let a = VideoSignature(frames: Self.frames(10))
        #expect(a.repeats(VideoSignature(frames: Self.frames(10, low: 42, high: 202))), "two levels brighter")
        #expect(a.repeats(VideoSignature(frames: Self.frames(20))), "twice the frames: compared at the same share of the length")
        #expect(!a.repeats(VideoSignature(frames: Self.frames(10, u: 90, v: 170))), "the same layout in another colour")
        #expect(!a.repeats(VideoSignature(frames: Self.frames(10, low: 200, high: 40))), "the ramp the other way")
        #expect(!a.repeats(VideoSignature(frames: Self.frames(3))), "too few moments to say")
    }

    @Test func theLaterTakeOfAShotFailsAsARepeatOfTheFirstItMatches() {
        func take(_ shot: ShotID, _ number: Int, _ data: Data?, kind: TakeKind = .video, succeeded: Bool = true,
                  provider: ProviderID = "sim", notes: [Int64] = [], fingerprint: String = "f", model: String = "sim-1") -> Take {
            var t = Take(shot: shot, number: number, provider: provider, model: model, seed: 1, fingerprint: fingerprint,
                         node: NodeID("take:\(shot)#\(number)"), createdAt: Date(timeIntervalSince1970: 0), kind: kind, notes: notes)
            if succeeded {
                t.state = .succeeded(NodeOutput(asset: Asset(digest: Digest(rawValue: String(repeating: "a", count: 64))!,
                                                             mediaType: "video/mp4", byteCount: 1)))
            }
            t.verdict = TakeVerdict(problems: [], signature: data.map(VideoSignature.init(frames:)))
            return t
        }
        let same = Self.frames(12), other = Self.frames(12, u: 60, v: 200)
        let takes = [take("S01", 1, same), take("S01", 2, other), take("S01", 3, same), take("S01", 4, same),
                     take("S02", 1, same), take("S01", 5, same, succeeded: false), take("S01", 6, nil),
                     take("S02", 2, same, kind: .keyframe), take("S03", 1, same, provider: "animatic"),
                     take("S03", 2, same, provider: "animatic"), take("S01", 7, same, notes: [3]),
                     take("S01", 8, same, fingerprint: "edited"), take("S01", 9, same, model: "sim-2")]
        let marked = Take.markingDuplicates(takes)
        #expect(marked.map(\.id) == takes.map(\.id), "in the order given")
        let failed = marked.filter { $0.verdict?.passed == false }.map(\.id.rawValue)
        // Another shot, an unfinished take, an unsigned one, a keyframe and the animatic's are left
        // alone, and so are takes of another request: with a note, after an edit, on another model.
        #expect(failed == ["S01#3", "S01#4"])
        #expect(marked[3].verdict?.problems.first?.summary == "it nearly repeats take 1 (their frames differ by 0.0%)")
        #expect(marked[3].verdict?.problems.first?.kind == .duplicate)
        // The signature is kept in the check's details, never in the verdict's own JSON.
        let verdict = TakeVerdict(problems: [], signature: VideoSignature(frames: same))
        let shown = try! JSONDecoder().decode([String: JSONValue].self, from: JSONEncoder().encode(verdict))
        #expect(Set(shown.keys) == ["passed", "problems"])
        #expect(try! verdict.detailsEncoding.decode(TakeVerdict.self) == verdict)
    }
}
