import Foundation
import ReelModel

/// A cheap check that a media file is whole, run before it enters the store.
///
/// A program that writes to a full disk can stop half-way and still leave a file behind:
/// an MP4 without its `moov` atom, a WAV shorter than its header says, a PNG without its
/// end. None of those may be stored as a finished take. The check reads the container's
/// structure (a few bytes per top-level box), never the media, so it costs microseconds;
/// the film itself is probed frame by frame by its own check. Only files that begin like
/// their container (`ftyp`, `RIFF`, the PNG signature) are read further: other bytes are
/// not this check's business (downloads are probed).
public enum StoredFileCheck {
    /// Why the file at `url` is not a whole file of `mediaType`, or nil when it is (or when
    /// the type has no structure checked here).
    public static func problem(fileAt url: URL, mediaType: String) -> String? {
        let kind = Asset.fileExtension(for: mediaType)
        guard ["mp4", "mov", "m4a", "wav", "png"].contains(kind) else { return nil }
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return "it cannot be read" }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size > 0 else { return "it is empty" }
        let head = read(handle, at: 0, 8)
        switch kind {
        case "wav": return head.starts(with: Array("RIFF".utf8)) ? wavProblem(handle, size: size) : nil
        case "png": return head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] ? pngProblem(handle, size: size) : nil
        default: return head.count == 8 && head[4..<8] == ArraySlice("ftyp".utf8) ? mp4Problem(handle, size: size) : nil
        }
    }

    private static func read(_ handle: FileHandle, at offset: UInt64, _ count: Int) -> [UInt8] {
        guard (try? handle.seek(toOffset: offset)) != nil else { return [] }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Every top-level box lies inside the file, and the `moov` atom is there.
    private static func mp4Problem(_ handle: FileHandle, size: UInt64) -> String? {
        var offset: UInt64 = 0
        var types: Set<String> = []
        while offset < size {
            let header = read(handle, at: offset, 16)
            guard header.count >= 8 else { return "a box header at byte \(offset) is cut off" }
            var length = bigEndian(header[0..<4])
            let type = String(decoding: header[4..<8], as: UTF8.self)
            if length == 1 {
                guard header.count == 16 else { return "a box header at byte \(offset) is cut off" }
                length = bigEndian(header[8..<16])
            } else if length == 0 {
                length = size - offset
            }
            guard length >= 8, offset + length <= size else {
                return "the \(type) box at byte \(offset) runs past the end of the file"
            }
            types.insert(type)
            offset += length
        }
        guard types.contains("moov") else { return "there is no moov atom" }
        return nil
    }

    /// The RIFF header's length fits the file (a streamed header, which leaves it unset, passes).
    private static func wavProblem(_ handle: FileHandle, size: UInt64) -> String? {
        let header = read(handle, at: 0, 12)
        guard header.count == 12 else { return "the RIFF header is cut off" }
        let riff = header[4..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        if riff == 0 || riff >= 0x7FFF_0000 { return nil }
        return riff + 8 <= size ? nil : "the header promises \(riff + 8) bytes but the file has \(size)"
    }

    /// The PNG ends with its IEND chunk.
    private static func pngProblem(_ handle: FileHandle, size: UInt64) -> String? {
        guard size >= 20 else { return "it is too short" }
        let tail = read(handle, at: size - 12, 12)
        return tail == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82] ? nil : "the IEND chunk is missing"
    }
}
