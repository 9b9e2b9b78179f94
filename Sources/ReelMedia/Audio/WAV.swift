import Foundation
import ReelModel

/// Reads and writes 16-bit PCM WAV files.
///
/// `encode` writes the canonical 44-byte header (RIFF/WAVE, `fmt ` format 1, `data`).
/// `decode` reads what real tools write: extra chunks (`LIST`, `fact`, `bext`…) are
/// skipped, `WAVE_FORMAT_EXTENSIBLE` with a PCM sub-format is accepted, and a `data`
/// size that runs past the end of the file — the `0xFFFFFFFF` ffmpeg writes to a pipe,
/// the `0x7FFFF000` espeak-ng writes to stdout — means “to the end of the file”.
///
/// ```swift
/// let data = WAV.encode(samples: pcm, sampleRate: 48_000, channels: 2)
/// let (samples, rate, channels) = try WAV.decode(data)
/// ```
public enum WAV {
    /// The size of the canonical header `encode` writes.
    public static let headerSize = 44

    /// A canonical 44-byte-header PCM WAV (RIFF/WAVE, fmt 1, 16-bit, little-endian).
    ///
    /// - Parameters:
    ///   - samples: interleaved samples, `channels` per frame.
    ///   - sampleRate: frames per second.
    ///   - channels: 1 for mono, 2 for stereo.
    public static func encode(samples: [Int16], sampleRate: Int, channels: Int) -> Data {
        let dataSize = samples.count * 2
        var data = Data(capacity: headerSize + dataSize)
        data.append(contentsOf: Array("RIFF".utf8))
        data.appendLittleEndian(UInt32(truncatingIfNeeded: 36 + dataSize))
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        data.appendLittleEndian(UInt32(16))
        data.appendLittleEndian(UInt16(1))
        data.appendLittleEndian(UInt16(truncatingIfNeeded: channels))
        data.appendLittleEndian(UInt32(truncatingIfNeeded: sampleRate))
        data.appendLittleEndian(UInt32(truncatingIfNeeded: sampleRate * channels * 2))
        data.appendLittleEndian(UInt16(truncatingIfNeeded: channels * 2))
        data.appendLittleEndian(UInt16(16))
        data.append(contentsOf: Array("data".utf8))
        data.appendLittleEndian(UInt32(truncatingIfNeeded: dataSize))
        let littleEndian = samples.map { $0.littleEndian }
        littleEndian.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    /// Reads a 16-bit PCM WAV.
    ///
    /// - Returns: the interleaved samples, the sample rate and the channel count.
    /// - Throws: ``ReelError`` `.mediaFailed` saying what is wrong with the file.
    public static func decode(_ data: Data) throws -> (samples: [Int16], sampleRate: Int, channels: Int) {
        let bytes = [UInt8](data)
        guard bytes.count >= 12 else {
            throw failure("not a WAV file: \(bytes.count) bytes is too short for a RIFF header")
        }
        guard bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            throw failure("not a WAV file: no RIFF/WAVE signature")
        }
        var format: (sampleRate: Int, channels: Int)?
        var offset = 12
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(bytes.littleEndianUInt32(at: offset + 4))
            let body = offset + 8
            switch id {
            case "fmt ":
                format = try parseFormat(bytes, at: body, size: min(size, bytes.count - body))
            case "data":
                guard let format else {
                    throw failure("WAV file has its data chunk before the fmt chunk")
                }
                let available = bytes.count - body
                let count = size > available ? available : size
                let frameBytes = 2 * format.channels
                let samples = (count - count % frameBytes) / 2
                return (bytes.littleEndianInt16s(at: body, count: samples), format.sampleRate, format.channels)
            default:
                break
            }
            offset = body + size + (size & 1)
        }
        throw failure(format == nil ? "WAV file has no fmt chunk" : "WAV file has no data chunk")
    }

    private static func parseFormat(_ bytes: [UInt8], at offset: Int, size: Int) throws -> (sampleRate: Int, channels: Int) {
        guard size >= 16 else {
            throw failure("WAV fmt chunk is \(size) bytes; a PCM fmt chunk has at least 16")
        }
        var tag = Int(bytes.littleEndianUInt16(at: offset))
        let channels = Int(bytes.littleEndianUInt16(at: offset + 2))
        let sampleRate = Int(bytes.littleEndianUInt32(at: offset + 4))
        let bits = Int(bytes.littleEndianUInt16(at: offset + 14))
        // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
        if tag == 0xFFFE && size >= 26 {
            tag = Int(bytes.littleEndianUInt16(at: offset + 24))
        }
        guard tag == 1, bits == 16 else {
            throw failure("unsupported WAV encoding (format \(tag), \(bits)-bit); Reel reads 16-bit PCM only",
                          hint: "convert it with: ffmpeg -i input.wav -c:a pcm_s16le output.wav")
        }
        guard channels > 0 else { throw failure("WAV file declares 0 channels") }
        guard sampleRate > 0 else { throw failure("WAV file declares a sample rate of 0") }
        return (sampleRate, channels)
    }

    private static func failure(_ message: String, hint: String? = nil) -> ReelError {
        ReelError(.mediaFailed, message, hint: hint)
    }
}

extension Data {
    fileprivate mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

extension [UInt8] {
    fileprivate func littleEndianUInt16(at i: Int) -> UInt16 {
        UInt16(self[i]) | UInt16(self[i + 1]) << 8
    }

    fileprivate func littleEndianUInt32(at i: Int) -> UInt32 {
        UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }

    fileprivate func littleEndianInt16s(at offset: Int, count: Int) -> [Int16] {
        [Int16](unsafeUninitializedCapacity: count) { out, initialized in
            for k in 0..<count {
                out[k] = Int16(bitPattern: littleEndianUInt16(at: offset + 2 * k))
            }
            initialized = count
        }
    }
}
