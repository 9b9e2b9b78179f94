import Foundation
import ReelModel

/// Where an export's media paths point: into the media store, relative to the export, or
/// at copies next to it (a bundle that can be moved to another machine).
enum ExportMedia {
    /// The timeline with every media path rewritten for an export in `directory`, and the
    /// files copied. Bundled files go to `directory/folder/<name>` (`S01-02-t1.mp4`), named
    /// with their extension; a copy already there with the same size is kept. With `link`,
    /// a bundled file is a hard link to the media store's where the disk allows (the store's
    /// files never change), else a copy.
    static func place(_ timeline: Timeline, in directory: URL, bundle: Bool, folder: String, link: Bool = false) throws -> (Timeline, [URL]) {
        var copies: [URL] = []
        let placed = try timeline.mapMedia { media in
            var m = media
            if bundle {
                let target = directory.appendingPathComponent(folder).appendingPathComponent(media.name)
                if !sameSize(media.path, target.path) {
                    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    let source = URL(fileURLWithPath: media.path)
                    if !link || (try? FileManager.default.linkItem(at: source, to: target)) == nil {
                        try OutputFile.install(source, at: target)
                    }
                }
                if !copies.contains(target) { copies.append(target) }
                m.path = "\(folder)/\(media.name)"
            } else {
                m.path = relativePath(from: directory, to: URL(fileURLWithPath: media.path))
            }
            return m
        }
        return (placed, copies)
    }

    static func sameSize(_ a: String, _ b: String) -> Bool {
        let fm = FileManager.default
        guard let x = (try? fm.attributesOfItem(atPath: a))?[.size] as? NSNumber,
              let y = (try? fm.attributesOfItem(atPath: b))?[.size] as? NSNumber else { return false }
        return x == y
    }

    /// `../.reel/media/ab/abcd….mp4`: the path of `file` seen from `directory`.
    static func relativePath(from directory: URL, to file: URL) -> String {
        let from = directory.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let to = file.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        let up = Array(repeating: "..", count: from.count - common)
        return (up + to[common...]).joined(separator: "/")
    }
}
