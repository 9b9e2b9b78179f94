import Foundation
import ReelModel

/// Content-addressed storage for every file Reel makes or downloads.
///
/// Files enter through a scratch location and are renamed into place only after they are
/// complete and hashed, so a crash never leaves a truncated blob under its final name.
public protocol BlobStore: Sendable {
    /// Where the bytes of `asset` live.
    func url(for asset: Asset) -> URL
    /// True when the asset's file exists with the recorded size.
    func contains(_ asset: Asset) -> Bool
    /// A fresh path for a work file on the store's filesystem; nothing is created there.
    func scratchURL(extension ext: String) -> URL
    /// Moves (or copies) a finished file into the store and returns its asset.
    func importFile(at url: URL, mediaType: String, media: MediaInfo?, move: Bool) throws -> Asset
    /// Stores bytes.
    func put(_ data: Data, mediaType: String, media: MediaInfo?) throws -> Asset
}

extension BlobStore {
    public func put(_ data: Data, mediaType: String) throws -> Asset {
        try put(data, mediaType: mediaType, media: nil)
    }

    public func importFile(at url: URL, mediaType: String, media: MediaInfo? = nil) throws -> Asset {
        try importFile(at: url, mediaType: mediaType, media: media, move: true)
    }
}

/// A blob store in a directory: `root/ab/abcdef….ext`, work files in `root/tmp/`.
public struct DirectoryBlobStore: BlobStore {
    public let root: URL

    /// Creates the directory if needed.
    public init(root: URL) throws {
        self.root = root
        do {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("tmp"),
                                                    withIntermediateDirectories: true)
        } catch {
            throw ReelError(.cannotWrite, "cannot create the media store", at: root.path,
                            hint: "check that the directory is writable and the disk is not full")
        }
    }

    public func url(for asset: Asset) -> URL {
        let hex = asset.digest.rawValue
        return root.appendingPathComponent(String(hex.prefix(2)))
            .appendingPathComponent("\(hex).\(asset.fileExtension)")
    }

    public func contains(_ asset: Asset) -> Bool {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url(for: asset).path)
        return (attributes?[.size] as? NSNumber)?.int64Value == asset.byteCount
    }

    public func scratchURL(extension ext: String) -> URL {
        root.appendingPathComponent("tmp").appendingPathComponent("\(UUID().uuidString).\(ext)")
    }

    public func importFile(at source: URL, mediaType: String, media: MediaInfo?, move: Bool) throws -> Asset {
        let (digest, count) = try Hashing.sha256(fileAt: source)
        let asset = Asset(digest: digest, mediaType: mediaType, byteCount: count, media: media)
        let target = url(for: asset)
        let fm = FileManager.default
        if contains(asset) {
            if move { try? fm.removeItem(at: source) }
            return asset
        }
        do {
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let staged = move ? source : scratchURL(extension: asset.fileExtension)
            if !move { try fm.copyItem(at: source, to: staged) }
            // rename(2) replaces atomically; a reader sees the old file or the whole new one.
            guard rename(staged.path, target.path) == 0 else {
                throw ReelError(.cannotWrite, "cannot move a finished file into the media store (errno \(errno))",
                                at: target.path, hint: "check free disk space and permissions")
            }
        } catch let error as ReelError {
            throw error
        } catch {
            throw ReelError(.cannotWrite, "cannot store a file in the media store: \(error.localizedDescription)",
                            at: target.path, hint: "check free disk space and permissions")
        }
        return asset
    }

    public func put(_ data: Data, mediaType: String, media: MediaInfo?) throws -> Asset {
        let scratch = scratchURL(extension: Asset.fileExtension(for: mediaType))
        do {
            try data.write(to: scratch)
        } catch {
            throw ReelError(.cannotWrite, "cannot write to the media store: \(error.localizedDescription)",
                            at: scratch.deletingLastPathComponent().path, hint: "check free disk space and permissions")
        }
        return try importFile(at: scratch, mediaType: mediaType, media: media, move: true)
    }
}
