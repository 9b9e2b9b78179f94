import Foundation
import ReelModel
import Testing
@testable import ReelAnimatic
@testable import ReelMedia

@Suite("WAV")
struct WAVTests {
    /// Little-endian bytes of a 32-bit value.
    private static func u32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    private static func u16(_ v: UInt16) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }

    /// A `fmt ` chunk body.
    private static func fmt(tag: UInt16 = 1, channels: UInt16 = 2, rate: UInt32 = 48_000, bits: UInt16 = 16) -> [UInt8] {
        u16(tag) + u16(channels) + u32(rate) + u32(rate * UInt32(channels) * UInt32(bits / 8))
            + u16(channels * bits / 8) + u16(bits)
    }

    private static func chunk(_ id: String, _ body: [UInt8], size: UInt32? = nil) -> [UInt8] {
        Array(id.utf8) + u32(size ?? UInt32(body.count)) + body + (body.count % 2 == 1 ? [0] : [])
    }

    private static func riff(_ chunks: [UInt8], size: UInt32? = nil) -> Data {
        Data(Array("RIFF".utf8) + u32(size ?? UInt32(4 + chunks.count)) + Array("WAVE".utf8) + chunks)
    }

    @Test("encode writes the canonical 44-byte header")
    func header() {
        let data = WAV.encode(samples: [1, -1, 256, -32_768], sampleRate: 48_000, channels: 2)
        #expect(data.count == 44 + 8)
        let expected: [UInt8] = Array("RIFF".utf8) + Self.u32(44) + Array("WAVEfmt ".utf8) + Self.u32(16)
            + Self.fmt() + Array("data".utf8) + Self.u32(8)
            + [0x01, 0x00, 0xFF, 0xFF, 0x00, 0x01, 0x00, 0x80]
        #expect([UInt8](data) == expected)
    }

    @Test("encode then decode returns the samples, rate and channels", arguments: [(48_000, 2), (22_050, 1), (44_100, 6)])
    func roundTrip(rate: Int, channels: Int) throws {
        let samples = (0..<(channels * 300)).map { Int16(truncatingIfNeeded: $0 &* 2_654_435_761) }
        let decoded = try WAV.decode(WAV.encode(samples: samples, sampleRate: rate, channels: channels))
        #expect(decoded.samples == samples)
        #expect(decoded.sampleRate == rate)
        #expect(decoded.channels == channels)
    }

    @Test("a rendered cue survives the trip through a WAV file")
    func musicRoundTrip() throws {
        let pcm = MusicSynth.render(MusicCue(mood: .calm, duration: .milliseconds(400)))
        let decoded = try WAV.decode(WAV.encode(samples: pcm, sampleRate: 48_000, channels: MusicSynth.channels))
        #expect(decoded.samples == pcm)
    }

    @Test("extra chunks before the data (LIST with an odd size, fact) are skipped")
    func listChunk() throws {
        let list = Self.chunk("LIST", Array("INFOISFT\u{5}\0\0\0Lavf\0".utf8))   // odd: padded
        let samples: [Int16] = [10, -10, 20, -20]
        let body = samples.flatMap { Self.u16(UInt16(bitPattern: $0)) }
        let data = Self.riff(Self.chunk("fmt ", Self.fmt()) + list + Self.chunk("fact", Self.u32(2)) + Self.chunk("data", body))
        let decoded = try WAV.decode(data)
        #expect(decoded.samples == samples)
        #expect(decoded.channels == 2 && decoded.sampleRate == 48_000)
    }

    @Test("streaming headers with 0xFFFFFFFF or oversized lengths read to the end of the file",
          arguments: [UInt32.max, 0x7FFF_F000])
    func streamingSizes(size: UInt32) throws {
        let samples: [Int16] = [1, 2, 3, 4, 5, 6]
        let body: [UInt8] = samples.flatMap { Self.u16(UInt16(bitPattern: $0)) } + [0x7F]   // a torn last byte
        let data = Self.riff(Self.chunk("fmt ", Self.fmt(channels: 1, rate: 22_050)) + Array("data".utf8) + Self.u32(size) + body,
                             size: size)
        let decoded = try WAV.decode(data)
        #expect(decoded.samples == samples)
        #expect(decoded.sampleRate == 22_050 && decoded.channels == 1)
    }

    @Test("WAVE_FORMAT_EXTENSIBLE with a PCM sub-format is read")
    func extensible() throws {
        let guidTail: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        let ext = Self.fmt(tag: 0xFFFE) + Self.u16(22) + Self.u16(16) + Self.u32(3) + Self.u16(1) + guidTail
        let data = Self.riff(Self.chunk("fmt ", ext) + Self.chunk("data", Self.u16(5) + Self.u16(7)))
        #expect(try WAV.decode(data).samples == [5, 7])
    }

    static let failures: [(String, Data, String)] = [
        ("empty", Data(), "not a WAV file: 0 bytes is too short for a RIFF header"),
        ("short", Data("RIFF".utf8), "not a WAV file: 4 bytes is too short for a RIFF header"),
        ("not RIFF", Data(Array("RIFX".utf8) + u32(4) + Array("WAVE".utf8)), "not a WAV file: no RIFF/WAVE signature"),
        ("AVI", Data(Array("RIFF".utf8) + u32(4) + Array("AVI ".utf8)), "not a WAV file: no RIFF/WAVE signature"),
        ("no chunks", riff([]), "WAV file has no fmt chunk"),
        ("no data", riff(chunk("fmt ", fmt())), "WAV file has no data chunk"),
        ("data first", riff(chunk("data", [0, 0]) + chunk("fmt ", fmt())), "WAV file has its data chunk before the fmt chunk"),
        ("short fmt", riff(chunk("fmt ", [1, 0, 2, 0])), "WAV fmt chunk is 4 bytes; a PCM fmt chunk has at least 16"),
        ("float", riff(chunk("fmt ", fmt(tag: 3, bits: 32)) + chunk("data", [])),
         "unsupported WAV encoding (format 3, 32-bit); Reel reads 16-bit PCM only"),
        ("8-bit", riff(chunk("fmt ", fmt(bits: 8)) + chunk("data", [])),
         "unsupported WAV encoding (format 1, 8-bit); Reel reads 16-bit PCM only"),
        ("24-bit", riff(chunk("fmt ", fmt(bits: 24)) + chunk("data", [])),
         "unsupported WAV encoding (format 1, 24-bit); Reel reads 16-bit PCM only"),
        ("no channels", riff(chunk("fmt ", fmt(channels: 0)) + chunk("data", [])), "WAV file declares 0 channels"),
        ("no rate", riff(chunk("fmt ", fmt(rate: 0)) + chunk("data", [])), "WAV file declares a sample rate of 0"),
    ]

    @Test("decode explains what is wrong", arguments: failures)
    func decodeErrors(name: String, data: Data, message: String) {
        #expect(throws: ReelError(.mediaFailed, message, hint: message.hasPrefix("unsupported")
                ? "convert it with: ffmpeg -i input.wav -c:a pcm_s16le output.wav" : nil)) {
            try WAV.decode(data)
        }
    }
}
