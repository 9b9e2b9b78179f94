import Foundation
import ReelModel

/// Content-addressed storage for every file Reel makes or downloads.
///
/// Files enter through a scratch location and are renamed into place only after they are
/// complete (media files are checked for a whole container, see ``StoredFileCheck``) and
/// hashed, so a crash or a full disk never leaves a truncated blob under its final name.
/// A blob is trusted by its name only as far as its size: ``verify(_:)`` hashes it, and the
/// executor does so before a job reads it.
public protocol BlobStore: Sendable {
    /// Where the bytes of `asset` live.
    func url(for asset: Asset) -> URL
    /// True when the asset's file exists with the recorded size (cheap: no hashing).
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

    /// True when the asset's file exists and its bytes hash to its digest. Costs a read of
    /// the whole file (about 1 GB/s); call it before the bytes feed a job or leave the store.
    public func verify(_ asset: Asset) -> Bool {
        guard contains(asset), let (digest, count) = try? Hashing.sha256(fileAt: url(for: asset)) else { return false }
        return digest == asset.digest && count == asset.byteCount
    }

    /// Removes the asset's file: it is damaged, and whatever made it must make it again.
    public func discard(_ asset: Asset) {
        try? FileManager.default.removeItem(at: url(for: asset))
    }
}

/// A blob store in a directory: `root/ab/abcdef….ext`, work files in `root/tmp/`.
///
/// Work files are named after the process that made them (`p<pid>-…`); opening the store
/// removes those of processes that are gone (a killed run), see ``ScratchSweep``. A store
/// that several machines share (a studio's media on NFS) keeps each machine's work files
/// in `root/tmp/<host>/`, so a machine sweeps only its own; blobs are renamed into place
/// whole, so several writers never see each other's half-written files.
public struct DirectoryBlobStore: BlobStore {
    public let root: URL
    /// Where files are staged before they are renamed into the store.
    public let scratchDirectory: URL

    /// Creates the directory if needed and clears scratch that a dead process left.
    public init(root: URL, sharedBetweenMachines: Bool = false) throws {
        self.root = root
        scratchDirectory = sharedBetweenMachines
            ? root.appendingPathComponent("tmp").appendingPathComponent(ProcessInfo.processInfo.hostName)
            : root.appendingPathComponent("tmp")
        do {
            try FileManager.default.createDirectory(at: scratchDirectory,
                                                    withIntermediateDirectories: true)
        } catch {
            throw ReelError(.cannotWrite, "cannot create the media store", at: root.path,
                            hint: "check that the directory is writable and the disk is not full")
        }
        ScratchSweep.sweepFiles(in: scratchDirectory)
    }

    public func url(for asset: Asset) -> URL { Self.url(for: asset, under: root) }

    /// Where a store at `root` keeps `asset`.
    public static func url(for asset: Asset, under root: URL) -> URL {
        let hex = asset.digest.rawValue
        return root.appendingPathComponent(String(hex.prefix(2)))
            .appendingPathComponent("\(hex).\(asset.fileExtension)")
    }

    /// The stored file with this digest whatever its extension, when the store has one: for a
    /// digest recorded without its asset (a reference image a take was sent, since removed from the cast).
    public func file(of digest: Digest) -> URL? {
        let hex = digest.rawValue, folder = root.appendingPathComponent(String(hex.prefix(2)))
        let name = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.first { $0.hasPrefix(hex + ".") }
        return name.map { folder.appendingPathComponent($0) }
    }

    public func contains(_ asset: Asset) -> Bool { Self.contains(asset, under: root) }

    /// Whether the store at `root` holds `asset` whole, without opening the store (which
    /// would make its work folder).
    public static func contains(_ asset: Asset, under root: URL) -> Bool {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url(for: asset, under: root).path)
        return (attributes?[.size] as? NSNumber)?.int64Value == asset.byteCount
    }


    public func scratchURL(extension ext: String) -> URL {
        scratchDirectory.appendingPathComponent("\(ScratchSweep.prefix)\(UUID().uuidString).\(ext)")
    }

    public func importFile(at source: URL, mediaType: String, media: MediaInfo?, move: Bool) throws -> Asset {
        let fm = FileManager.default
        if let problem = StoredFileCheck.problem(fileAt: source, mediaType: mediaType) {
            if move { try? fm.removeItem(at: source) }
            throw ReelError(.cannotWrite, "a finished file is incomplete (\(problem)); nothing was stored",
                            at: source.lastPathComponent, hint: "check free disk space, then run the same command again")
        }
        let (digest, count) = try Hashing.sha256(fileAt: source)
        let asset = Asset(digest: digest, mediaType: mediaType, byteCount: count, media: media)
        let target = url(for: asset)
        if contains(asset) {
            if move { try? fm.removeItem(at: source) }
            return asset
        }
        let staged = move ? source : scratchURL(extension: asset.fileExtension)
        do {
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !move { try fm.copyItem(at: source, to: staged) }
            // rename(2) replaces atomically; a reader sees the old file or the whole new one.
            guard rename(staged.path, target.path) == 0 else {
                throw ReelError(.cannotWrite, "cannot move a finished file into the media store (errno \(errno))",
                                at: target.path, hint: "check free disk space and permissions")
            }
        } catch let error as ReelError {
            try? fm.removeItem(at: staged)
            throw error
        } catch {
            try? fm.removeItem(at: staged)
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
            try? FileManager.default.removeItem(at: scratch)
            throw ReelError(.cannotWrite, "cannot write to the media store: \(error.localizedDescription)",
                            at: scratch.deletingLastPathComponent().path, hint: "check free disk space and permissions")
        }
        return try importFile(at: scratch, mediaType: mediaType, media: media, move: true)
    }
}
