import Foundation
import ReelModel
import ReelSnapshot
import Testing
@testable import ReelAnimatic

@Suite("Sound effects: length, level, fades, determinism", .offThePool)
struct EffectSynthTests {
    static let rate = 48_000

    static func render(_ effect: SoundEffect, seconds: Double, seed: UInt64 = 1, sampleRate: Int = rate) -> [Int16] {
        EffectSynth.render(effect, frames: Int(seconds * Double(sampleRate)), seed: seed, sampleRate: sampleRate)
    }

    @Test("every effect at 0.5 s, 3 s and 20 s is exactly as long as asked, heard at its level, never near full scale, and faded at both ends",
          arguments: SoundEffect.allCases)
    func shape(effect: SoundEffect) {
        for seconds in [0.5, 3, 20] {
            let frames = Int(seconds * Double(Self.rate))
            let pcm = EffectSynth.render(effect, frames: frames, seed: 1, sampleRate: Self.rate)
            #expect(pcm.count == 2 * frames, "\(effect) at \(seconds) s")
            let audio = MusicAnalysis(pcm, sampleRate: Self.rate)
            let target = effect.isAmbience ? -10.0 : -3.0
            #expect(abs(audio.peakDB - target) < 0.5, "\(effect) at \(seconds) s peaks at \(audio.peakDB) dBFS")
            #expect(audio.peakDB < -2, "\(effect) at \(seconds) s peaks at \(audio.peakDB) dBFS")
            #expect(audio.rmsDB() > -60, "\(effect) at \(seconds) s: RMS \(audio.rmsDB()) dBFS")
            #expect(pcm.prefix(2) == [0, 0] && pcm.suffix(2) == [0, 0], "\(effect) at \(seconds) s")
            let millisecond = Self.rate / 1000
            let head = (audio.left.prefix(millisecond) + audio.right.prefix(millisecond)).map(abs).max() ?? 1
            let tail = (audio.left.suffix(millisecond) + audio.right.suffix(millisecond)).map(abs).max() ?? 1
            #expect(head < 0.01 && tail < 0.01, "\(effect) at \(seconds) s: first ms \(head), last ms \(tail)")
        }
    }

    @Test("the same effect, length, seed and rate render identical samples", arguments: SoundEffect.allCases)
    func determinism(effect: SoundEffect) {
        let first = Self.render(effect, seconds: 3, seed: 42)
        #expect(Self.render(effect, seconds: 3, seed: 42) == first)
    }

    @Test("another seed renders another ambience", arguments: SoundEffect.allCases.filter(\.isAmbience))
    func seeds(effect: SoundEffect) {
        #expect(Self.render(effect, seconds: 3, seed: 1) != Self.render(effect, seconds: 3, seed: 2))
    }

    @Test("an ambience keeps going: no second between the fades drops out",
          arguments: SoundEffect.allCases.filter(\.isAmbience))
    func seamlessAmbience(effect: SoundEffect) {
        let audio = MusicAnalysis(Self.render(effect, seconds: 20, seed: 1), sampleRate: Self.rate)
        let levels = stride(from: Self.rate / 10, to: audio.frames - Self.rate - Self.rate / 10, by: Self.rate).map {
            audio.rmsDB($0..<($0 + Self.rate))
        }
        #expect(levels.min()! > -60, "\(effect): a second at \(levels.min()!) dBFS")
    }

    @Test("a spot effect is heard near the start and then dies away", arguments: SoundEffect.allCases.filter { !$0.isAmbience && $0 != .phone })
    func spotDecays(effect: SoundEffect) {
        let audio = MusicAnalysis(Self.render(effect, seconds: 20), sampleRate: Self.rate)
        let start = audio.rmsDB(audio.seconds(0, 1)), end = audio.rmsDB(audio.seconds(15, 19))
        #expect(start > -40, "\(effect): first second at \(start) dBFS")
        #expect(end < start - 40, "\(effect): 15-19 s at \(end) dBFS against \(start) dBFS")
    }

    @Test("odd rates and tiny lengths keep the exact length and never trap", arguments: SoundEffect.allCases)
    func edges(effect: SoundEffect) {
        for rate in [8_000, 192_000] {
            let pcm = Self.render(effect, seconds: 0.5, sampleRate: rate)
            #expect(pcm.count == rate)
            #expect(MusicAnalysis(pcm, sampleRate: rate).rmsDB() > -60, "\(effect) at \(rate) Hz")
        }
        for frames in [0, 1, 2, 10] {
            #expect(EffectSynth.render(effect, frames: frames, seed: 1, sampleRate: Self.rate).count == 2 * frames)
        }
    }

    /// The digest of every effect at 3 s. Caches key effects by ``EffectSynth/version``; when
    /// a change alters the sound this fails: bump the version, then record the new digest.
    @Test("the sound of each EffectSynth.version is pinned")
    func pinnedSound() {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325   // FNV-1a
        for effect in SoundEffect.allCases {
            for sample in Self.render(effect, seconds: 3, seed: 1) {
                hash = (hash ^ UInt64(UInt16(bitPattern: sample))) &* 0x0000_0100_0000_01B3
            }
        }
        #expect(EffectSynth.version == 1)
        #expect(hash == 0xAD96_E2F9_668F_97D6, "digest \(String(hash, radix: 16)): if the change is meant, bump EffectSynth.version")
    }
}
