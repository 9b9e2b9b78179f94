import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelStore

/// A subject as `reel cast` lists it.
public struct CastMember: Sendable, Codable, Hashable {
    /// One reference image in the media store.
    public struct Reference: Sendable, Codable, Hashable {
        public var digest: String
        public var mediaType: String
        public var width: Int?
        public var height: Int?
        /// The file in the media store.
        public var path: String
        /// Its name under the studio's media route (`DIGEST.png`).
        public var media: String
    }

    public var id: String
    public var kind: Subject.Kind
    public var name: String
    public var description: String
    public var references: [Reference]
    /// A real person's likeness, sent nowhere without consent.
    public var realPerson: Bool
    /// For a real person: whether consent is in force now, and if not why (`reel consent list`).
    public var consent: String?
    /// True when the planner found it in the script; false when the user added it.
    public var planned: Bool
    /// Shots it is in frame in.
    public var shots: [ShotID]
    /// How a character sounds; nil for props and places.
    public var voice: CastVoice?
}

/// What `reel cast add` asks for.
public struct CastAddition: Sendable, Hashable {
    public var name: String
    /// nil: the kind of the subject by that name, else a character.
    public var kind: Subject.Kind?
    public var description: String?
    /// Images to add as references, in order (JPEG, PNG or WebP).
    public var images: [URL]
    /// Drops the subject's references first (a wrong photo, a new look).
    public var replaceImages = false
    /// Marks a real person's likeness: their images go to no provider without consent.
    public var realPerson = false

    public init(name: String, kind: Subject.Kind? = nil, description: String? = nil, images: [URL] = [],
                realPerson: Bool = false, replaceImages: Bool = false) {
        self.realPerson = realPerson
        self.replaceImages = replaceImages
        self.name = name
        self.kind = kind
        self.description = description
        self.images = images
    }
}

extension Studio {
    /// The largest reference image taken, in bytes and in pixels.
    static let maxReferenceBytes = 30 * 1024 * 1024
    static let maxReferencePixels = 50_000_000

    /// Characters, props and places: found by the planner or added, with their references.
    public func cast(_ production: Production) async throws -> [CastMember] {
        let board = try await plan(production, save: false)
        let planned = try plannedSubjects(production)
        let assets = try await referenceAssets(production)
        let voices = try await voiceTeller(production, board: board)
        return board.subjects.map {
            member($0, board: board, planned: planned.contains($0.id), assets: assets, blobs: production.blobs, voice: voices($0))
        }
    }

    /// One subject as `reel cast` shows it.
    func castMember(_ subject: Subject, board: Storyboard, production: Production) async throws -> CastMember {
        let planned = try plannedSubjects(production).contains(subject.id)
        let assets = try await referenceAssets(production)
        let voice = try await voiceTeller(production, board: board)(subject)
        return member(subject, board: board, planned: planned, assets: assets, blobs: production.blobs, voice: voice)
    }

    /// Tells each subject's voice in this project (``castVoice(of:board:entry:speech:speaking:)``).
    func voiceTeller(_ production: Production, board: Storyboard) async throws -> (Subject) -> CastVoice? {
        let entries = try await production.cast.castEntries()
        let speech = generators(try? providerSetup(production)).speech
        let speaking = Self.speakingProvider(production.config)
        return { castVoice(of: $0, board: board, entry: entries[$0.id], speech: speech, speaking: speaking) }
    }

    /// Adds a subject, or changes one the planner found: its description, and reference
    /// images copied into the media store by hash (decoded first: a file that is not a
    /// whole image is refused, and nothing is changed).
    public func addToCast(_ production: Production, _ addition: CastAddition) async throws -> CastMember {
        let name = addition.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw ReelError(.usage, "a cast member needs a name", hint: "e.g. `reel cast add MAYA --image maya.png`")
        }
        let board = try await plan(production, save: false)
        let existing = board.subjects.first { $0.id.rawValue.lowercased() == name.lowercased() || $0.name.lowercased() == name.lowercased() }
        if let existing, let kind = addition.kind, kind != existing.kind {
            throw ReelError(.usage, "\(existing.name) is a \(existing.kind.rawValue), not a \(kind.rawValue)",
                            hint: "leave --kind out to add to it, or give the new \(kind.rawValue) another name")
        }
        let kind = existing?.kind ?? addition.kind ?? .character
        let id = existing?.id ?? Subject.makeID(kind: kind, name: name)
        var images: [(Data, MediaInfo, String)] = []
        for url in addition.images { images.append(try await checkReference(url, scratch: production.blobs.scratchDirectory)) }
        // Read, changed and written under the bible's lock in a series.
        try await production.changingCast {
            var entry = try await production.cast.castEntries()[id]
                ?? CastEntry(kind: kind, name: existing?.name ?? name)
            if addition.realPerson {
                guard kind == .character else {
                    throw ReelError(.usage, "only a character can be a real person; \(name) is a \(kind.rawValue)", hint: "leave --real-person out")
                }
                entry.realPerson = true
            }
            if let description = addition.description?.trimmingCharacters(in: .whitespacesAndNewlines) {
                entry.description = description
            }
            if addition.replaceImages { entry.references = [] } else if entry.references.isEmpty, let existing {
                // The planner's subject may carry references of its own (none today); keep them.
                let assets = try await referenceAssets(production)
                entry.references = existing.references.compactMap { assets[$0] }
            }
            for (data, media, type) in images {
                let asset = try production.blobs.put(data, mediaType: type, media: media)
                if !entry.references.contains(where: { $0.digest == asset.digest }) { entry.references.append(asset) }
            }
            try await production.cast.saveCastEntry(entry, for: id)
        }
        let saved = try await plan(production, save: true)
        guard let subject = saved.subject(id) else {
            throw ReelError(.internalError, "\(name) was added but is not in the storyboard", hint: "this is a bug; please report it")
        }
        return try await castMember(subject, board: saved, production: production)
    }

    /// The subjects the planner finds in the script, without the user's.
    func plannedSubjects(_ production: Production) throws -> Set<SubjectID> {
        Set(try ScriptSource.storyboard(production.script, format: production.config.format,
                                        script: production.config.scriptFormat).subjects.map(\.id))
    }

    /// The reference images the cast holds, by digest, as the store knows them.
    func referenceAssets(_ production: Production) async throws -> [Digest: Asset] {
        var out: [Digest: Asset] = [:]
        for entry in try await production.cast.castEntries().values {
            for asset in entry.references { out[asset.digest] = asset }
        }
        return out
    }

    func member(_ subject: Subject, board: Storyboard, planned: Bool, assets: [Digest: Asset],
                blobs: DirectoryBlobStore, voice: CastVoice?) -> CastMember {
        CastMember(
            id: subject.id.rawValue, kind: subject.kind, name: subject.name, description: subject.description,
            references: subject.references.map { digest in
                let asset = assets[digest]
                return CastMember.Reference(digest: digest.rawValue, mediaType: asset?.mediaType ?? "image",
                                            width: asset?.media?.width, height: asset?.media?.height,
                                            path: asset.map { blobs.url(for: $0).path } ?? "",
                                            media: asset.map(Studio.mediaName) ?? "")
            },
            realPerson: subject.realPerson == true,
            consent: subject.consentStatus(at: Date()),
            planned: planned, shots: board.shots.filter { shot in
                subject.kind == .location ? board.scene(shot.scene)?.locationID == subject.id
                    : (shot.empty != true || subject.kind != .character) && shot.subjects.contains(subject.id)
            }.map(\.id),
            voice: voice)
    }

    /// Reads a reference image once, then checks and decodes that copy (a file still being
    /// written or synced is stored as checked, or refused): its bytes, size and media type,
    /// or one clear error naming the file.
    func checkReference(_ url: URL, scratch: URL) async throws -> (Data, MediaInfo, String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ReelError(.notFound, "no such image", at: url.path, hint: "check the path of the reference image")
        }
        guard !isDirectory.boolValue else {
            throw ReelError(.invalidInput, "this is a folder, not an image", at: url.path,
                            hint: "name each image file in it (a shell pattern such as folder/*.jpg names them all)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size > 0 else {
            throw ReelError(.invalidInput, "the reference image is empty", at: url.path, hint: "give a JPEG, PNG or WebP image")
        }
        guard size <= Self.maxReferenceBytes else {
            throw ReelError(.invalidInput, "the reference image is \(size / 1_048_576) MB; 30 MB at most", at: url.path,
                            hint: "save it smaller (models scale references down anyway)")
        }
        let data = try Data(contentsOf: url)
        guard !data.isEmpty else {
            throw ReelError(.invalidInput, "the reference image is empty", at: url.path, hint: "give a JPEG, PNG or WebP image")
        }
        let copy = scratch.appendingPathComponent("\(ScratchSweep.prefix)reference-\(UUID().uuidString).\(url.pathExtension)")
        try data.write(to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let checked = try await checkReferenceCopy(copy, of: url)
        return (data, checked.media, checked.type)
    }

    func checkReferenceCopy(_ copy: URL, of url: URL) async throws -> (media: MediaInfo, type: String) {
        let types = ["png": "image/png", "mjpeg": "image/jpeg", "webp": "image/webp"]
        // A file that begins like one of them but cannot be read is a damaged image, not another kind of file.
        let head = [UInt8]((try? FileHandle(forReadingFrom: copy).read(upToCount: 12)) ?? Data())
        let looksLike: String? = if head.starts(with: [0xFF, 0xD8, 0xFF]) { "JPEG" }
            else if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { "PNG" }
            else if head.count == 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { "WebP" }
            else { nil }
        // Read as something else (an animation, a video, no picture): not a still of these kinds.
        let notStill = ReelError(.invalidInput, "this is not a JPEG, PNG or WebP image", at: url.path,
                                 hint: "give a photo or a still as JPEG, PNG or WebP")
        let notImage = looksLike.map {
            ReelError(.invalidInput, "the reference image is damaged: it begins as a \($0) but cannot be read to the end", at: url.path,
                      hint: "export it again from the original, or copy it again if it was cut short")
        } ?? notStill
        // Not one of them by its first bytes: no tool needs to read it.
        guard looksLike != nil else { throw notImage }
        // One ffprobe reads the header and decodes the picture whole (a cut-off file has a
        // header and no picture). The decoder's own limit has headroom (it counts aligned
        // rows): the 50 MP rule is decided here, from the size in the header.
        let probed = try await runner.run(try toolchain.requireFFprobe(),
                                          MediaProbe.decodingArguments(for: copy, maxPixels: 2 * Self.maxReferencePixels))
        guard probed.status == 0, let media = try? MediaProbe.parse(probed.stdout, file: url.path) else { throw notImage }
        // No picture in it at all: a damaged image when it begins like one.
        guard let codec = media.videoCodec else { throw notImage }
        guard let type = types[codec], media.duration == nil || media.frameCount ?? 1 <= 1 else { throw notStill }
        let complaints = probed.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        let pixels = (media.width ?? 0) * (media.height ?? 0)
        if pixels > Self.maxReferencePixels || (pixels == 0 && complaints.contains("max pixel")) {
            let size = pixels > 0 ? "\(media.width ?? 0)×\(media.height ?? 0)"
                : complaints.firstMatch(of: /size (\d+)x(\d+)/).map { "\($0.1)×\($0.2)" } ?? "larger than that"
            throw ReelError(.invalidInput, "the reference image is \(size), over 50 megapixels", at: url.path, hint: "scale it down")
        }
        guard pixels > 0 else { throw notImage }
        guard MediaProbe.decodedFrames(probed.stdout) == 1, complaints.isEmpty else {
            let said = complaints.isEmpty ? "it cannot be decoded" : probed.stderrTail(1)
            throw ReelError(.invalidInput, "the reference image is damaged: \(said)", at: url.path, hint: "export it again from the original")
        }
        return (media, type)
    }
}
