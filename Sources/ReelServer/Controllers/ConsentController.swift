import Foundation
import Hummingbird
import ReelEngine
import ReelModel
import ReelStudio

/// A real person's consent from the browser (owners): `GET …/consent` is the ledger,
/// `POST …/cast/{subject}/consent?by=&providers=&expires=` records a grant with the signed
/// evidence as the body, `DELETE …/cast/{subject}/consent?reason=` revokes it — what
/// `reel consent` does, into the same append-only ledger.
struct ConsentController {
    let library: ProjectLibrary
    let studio: Studio

    /// The evidence a grant takes, by type, with the extension its file gets.
    static let evidenceTypes = ["application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "audio/wav": "wav",
                                "audio/x-wav": "wav", "audio/mpeg": "mp3", "video/mp4": "mp4"]
    static let maxEvidenceBytes = 100 * 1024 * 1024

    func addRoutes(to group: RouterGroup<StudioContext>) {
        group.get(":project/consent", use: ledger)
        group.post(":project/cast/:subject/consent", use: grant)
        group.delete(":project/cast/:subject/consent", use: revoke)
    }

    @Sendable func ledger(_ request: Request, context: StudioContext) async throws -> JSONAnswer<[ConsentReport]> {
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        return JSONAnswer(try await studio.consents(production))
    }

    @Sendable func grant(_ request: Request, context: StudioContext) async throws -> JSONAnswer<ConsentReport> {
        let type = (request.headers[.contentType] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let ext = Self.evidenceTypes[type] else {
            throw Problem(status: .unsupportedMediaType, kind: "unsupported-media-type",
                          detail: "the evidence is the signed consent: a PDF, a photo (PNG, JPEG) or a recording (WAV, MP3, MP4) (got \(type.isEmpty ? "no Content-Type" : String(type.prefix(40))))",
                          hint: "send the file's bytes with its Content-Type")
        }
        let query = request.uri.queryParameters
        guard let by = query["by"].map(String.init), !by.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Problem(status: .badRequest, kind: "usage", detail: "a consent needs who granted it: ?by=NAME (the person, or their guardian or agent)")
        }
        let providers = query["providers"].map { $0.split(separator: ",").map(String.init) }
        let expires = try query["expires"].map { text -> Date in
            guard let day = ConsentGrant.expiry(day: String(text)) else {
                throw Problem(status: .badRequest, kind: "usage", detail: "expires is the last day it holds, YYYY-MM-DD (got '\(text.prefix(20))')")
            }
            return day
        }
        var copy = request
        let buffer: ByteBuffer
        do {
            buffer = try await copy.collectBody(upTo: Self.maxEvidenceBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Problem(status: .contentTooLarge, kind: "too-large", detail: "the evidence is at most 100 MB", hint: "send a smaller copy")
        }
        guard buffer.readableBytes > 0 else {
            throw Problem(status: .badRequest, kind: "invalid-input", detail: "the evidence is empty", hint: "send the signed consent itself")
        }
        let name = try context.parameters.value("subject")
        let report = try await library.change(try context.parameters.value("project")) { production in
            try FileManager.default.createDirectory(at: production.blobs.scratchDirectory, withIntermediateDirectories: true)
            let file = production.blobs.scratchURL(extension: ext)
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(buffer.readableBytesView).write(to: file)
            return try await studio.grantConsent(production, ConsentGrant(name: name, by: by, evidence: file, providers: providers,
                                                                          expiresAt: expires))
        }
        return JSONAnswer(report, status: .created)
    }

    @Sendable func revoke(_ request: Request, context: StudioContext) async throws -> JSONAnswer<ConsentReport> {
        let name = try context.parameters.value("subject")
        let reason = request.uri.queryParameters["reason"].map(String.init)
        return JSONAnswer(try await library.change(try context.parameters.value("project")) {
            try await studio.revokeConsent($0, name: name, reason: reason)
        })
    }
}
