import Foundation
import ReelModel
#if canImport(Glibc)
import Glibc
#endif

/// A ZIP archive of files, stored without compression (the media in an export is compressed
/// already), written file by file in 1 MiB chunks: what an export folder is downloaded as.
/// Names are UTF-8 (a Chinese title stays one). The archive is written under a temporary
/// name and renamed into place. Without ZIP64, a file or the archive past 4 GiB, or more
/// than 65,535 files, is refused.
public enum ZipArchive {
    /// Archives the files under `folder` as `root/…` into `output`.
    public static func write(folder: URL, as root: String, to output: URL) throws {
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw ReelError(.cannotWrite, "cannot read the folder to archive", at: folder.lastPathComponent)
        }
        var entries: [(path: String, file: URL)] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            entries.append((root + "/" + relative, url))
        }
        try write(entries.sorted { $0.path < $1.path }, to: output)
    }

    /// Archives `entries` (the path in the archive, the file it holds) into `output`.
    public static func write(_ entries: [(path: String, file: URL)], to output: URL) throws {
        guard entries.count <= 0xFFFF else {
            throw ReelError(.cannotWrite, "an archive holds at most 65,535 files (this one would hold \(entries.count))", at: output.lastPathComponent,
                            hint: "export with fewer shots, or use `reel export` on the server's machine")
        }
        let total = entries.reduce(UInt64(0)) { $0 + UInt64((try? FileManager.default.attributesOfItem(atPath: $1.file.path)[.size] as? NSNumber)?.uint64Value ?? 0) }
        guard total < 0xF000_0000 else {
            throw ReelError(.cannotWrite, "the export's media come to \(total / 1_048_576) MB, past the 4 GiB a ZIP without ZIP64 holds",
                            at: output.lastPathComponent, hint: "use `reel export --bundle` on the server's machine and copy the folder")
        }
        let temporary = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).\(UUID().uuidString).part")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil), let out = try? FileHandle(forWritingTo: temporary) else {
            throw ReelError(.cannotWrite, "cannot write the archive", at: output.lastPathComponent, hint: "check the folder's permissions and free disk space")
        }
        do {
            var central = Data()
            var offset: UInt64 = 0
            let (time, date) = dosTime(Date())
            for (path, file) in entries {
                let (crc, size) = try checksum(file)
                guard size < 0xFFFF_FFFF, offset < 0xFFFF_FFFF else {
                    throw ReelError(.cannotWrite, "\(path) is too large for an archive without ZIP64 (4 GiB)", at: output.lastPathComponent)
                }
                let name = Data(path.utf8)
                var local = Data()
                local.append(le32: 0x0403_4B50)
                local.append(le16: 20)          // version needed
                local.append(le16: 0x0800)      // names in UTF-8
                local.append(le16: 0)           // stored
                local.append(le16: time)
                local.append(le16: date)
                local.append(le32: crc)
                local.append(le32: UInt32(size))
                local.append(le32: UInt32(size))
                local.append(le16: UInt16(name.count))
                local.append(le16: 0)
                local.append(name)
                try out.write(contentsOf: local)
                try copy(file, to: out)

                central.append(le32: 0x0201_4B50)
                central.append(le16: 0x0314)    // made by: Unix, version 2.0
                central.append(le16: 20)
                central.append(le16: 0x0800)
                central.append(le16: 0)
                central.append(le16: time)
                central.append(le16: date)
                central.append(le32: crc)
                central.append(le32: UInt32(size))
                central.append(le32: UInt32(size))
                central.append(le16: UInt16(name.count))
                central.append(le16: 0)         // extra
                central.append(le16: 0)         // comment
                central.append(le16: 0)         // disk
                central.append(le16: 0)         // internal attributes
                central.append(le32: 0o100644 << 16)
                central.append(le32: UInt32(offset))
                central.append(name)
                offset += UInt64(local.count) + size
            }
            guard offset + UInt64(central.count) < 0xFFFF_FFFF else {
                throw ReelError(.cannotWrite, "the archive would pass 4 GiB, the most without ZIP64", at: output.lastPathComponent)
            }
            var end = Data()
            end.append(le32: 0x0605_4B50)
            end.append(le16: 0)
            end.append(le16: 0)
            end.append(le16: UInt16(entries.count))
            end.append(le16: UInt16(entries.count))
            end.append(le32: UInt32(central.count))
            end.append(le32: UInt32(offset))
            end.append(le16: 0)
            try out.write(contentsOf: central)
            try out.write(contentsOf: end)
            try out.close()
            // One step: a download of the old archive meanwhile gets it whole, never nothing.
            guard rename(temporary.path, output.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? out.close()
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? ReelError { throw error }
            throw ReelError(.cannotWrite, "cannot write the archive: \(error.localizedDescription)", at: output.lastPathComponent,
                            hint: "check free disk space, and that the export's files can be read")
        }
    }

    /// The CRC-32 and size of a file, read in chunks.
    static func checksum(_ file: URL) throws -> (UInt32, UInt64) {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var crc: UInt32 = 0xFFFF_FFFF, size: UInt64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            crc = CRC32.update(crc, chunk)
            size += UInt64(chunk.count)
        }
        return (crc ^ 0xFFFF_FFFF, size)
    }

    static func copy(_ file: URL, to out: FileHandle) throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try out.write(contentsOf: chunk) }
    }

    /// MS-DOS time and date, as ZIP keeps them (local time, two-second steps).
    static func dosTime(_ date: Date) -> (UInt16, UInt16) {
        let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let time = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
        let day = UInt16(max(0, (c.year ?? 1980) - 1980) << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
        return (time, day)
    }
}

/// CRC-32 (IEEE 802.3, the polynomial ZIP and PNG use).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    static func update(_ crc: UInt32, _ data: Data) -> UInt32 {
        var c = crc
        table.withUnsafeBufferPointer { table in
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
            }
        }
        return c
    }
}

extension Data {
    mutating func append(le16 value: UInt16) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
    mutating func append(le32 value: UInt32) { Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) } }
}
