import Foundation
import ReelModel

/// The simulated provider's HTTP API: what each request gets, faults included.
struct SimulatedRoutes: Sendable {
    let config: SimulationConfig
    let books: SimulationBooks
    let clock: @Sendable () -> Date
    let renderer: SimulatedClipRenderer

    func answer(_ request: RecordedRequest) async -> FakeResponse {
        let parts = request.pathComponents
        let get = request.method == "GET", post = request.method == "POST"
        let notAllowed = Self.error(405, "method_not_allowed", "\(request.method) is not allowed on \(request.path)")
        switch (parts.count, parts.first, parts.dropFirst().first) {
        case (2, "v1", "generations"):
            return post ? create(request) : notAllowed
        case (3, "v1", "generations"):
            return get ? poll(request, id: parts[2]) : notAllowed
        case (2, "v1", "images"):
            return post ? await image(request) : notAllowed
        case (3, "v1", "chat") where parts[2] == "completions":
            return post ? chat(request) : notAllowed
        case (3, "v1", "files"):
            return get ? await download(token: parts[2]) : notAllowed
        case (3, "v1", "_sim") where parts[2] == "counters" && get:
            return counters()
        case (3, "v1", "_sim") where parts[2] == "faults" && post:
            return scriptFault(request)
        default:
            return Self.error(404, "not_found", "no such endpoint: \(request.path)")
        }
    }

    // MARK: - Endpoints

    private func create(_ request: RecordedRequest) -> FakeResponse {
        let now = clock()
        let number = books.with { $0.nextRequest(.create) }
        if let refusal = authorize(request) { return refusal }
        let parsed: SimulatedGenerationRequest
        do {
            parsed = try SimulatedGenerationRequest(json: request.json, models: config.models)
        } catch let invalid as SimulatedGenerationRequest.Invalid {
            books.with { $0.counters.invalid += 1 }
            return Self.error(400, "invalid_request", invalid.message, param: invalid.field)
        } catch {
            return Self.error(400, "invalid_request", "the body cannot be read")
        }
        let key = request.header("idempotency-key")?.trimmingCharacters(in: .whitespaces)
        if let key, key.isEmpty || key.count > 255 {
            return Self.error(400, "invalid_request", "Idempotency-Key must be 1 to 255 characters", param: "Idempotency-Key")
        }
        let base = Self.baseURL(of: request)
        let lifetime = config.resultLifetime
        return books.with { state in
            state.advance(to: now)
            let identity = key.map { "key:\($0)" } ?? "body:\(parsed.fingerprint)"
            let sent = state.send(identity)
            let fault = state.fault(.create, number: number, identity: "\(identity)#\(sent)")
            switch fault {
            case .rateLimited(let after)?:
                state.count(fault!)
                return Self.error(429, "rate_limited", "Too many requests; retry after \(Self.seconds(after)) s",
                                  headers: ["Retry-After": Self.seconds(after)])
            case .serverError(let status)?:
                state.count(fault!)
                return Self.error(status, "internal", "The service is temporarily unavailable.")
            default:
                break
            }
            var response: FakeResponse
            if let key, let existing = state.job(forKey: key) {
                guard existing.request.fingerprint == parsed.fingerprint else {
                    state.counters.invalid += 1
                    return Self.error(422, "idempotency_mismatch",
                                      "this Idempotency-Key was used with different parameters", param: "Idempotency-Key")
                }
                state.counters.idempotentReplays += 1
                response = .json(existing.json(now: now, queuePosition: state.queuePosition(existing.id), baseURL: base,
                                               lifetime: lifetime), status: 200)
            } else {
                var failureCode: String?
                if case .jobFails(let code)? = fault { failureCode = code; state.count(fault!) }
                if case .expiredLink? = fault { state.count(fault!) }
                var defect: ClipDefect?
                if case .brokenClip(let d)? = fault { defect = d; state.count(fault!) }
                let job = state.create(parsed, key: key, identity: key == nil ? "\(identity)#\(sent)" : identity, now: now,
                                       failureCode: failureCode, linkExpired: fault == .expiredLink, defect: defect)
                response = .json(job.json(now: now, queuePosition: state.queuePosition(job.id), baseURL: base, lifetime: lifetime),
                                 status: 201, headers: ["Location": "/v1/generations/\(job.id)"])
            }
            return Self.apply(fault, to: response, state: &state)
        }
    }

    private func poll(_ request: RecordedRequest, id: String) -> FakeResponse {
        let now = clock()
        let number = books.with { $0.nextRequest(.poll) }
        if let refusal = authorize(request) { return refusal }
        let base = Self.baseURL(of: request)
        let lifetime = config.resultLifetime
        return books.with { state in
            state.advance(to: now)
            guard var job = state.job(id: id) else {
                state.counters.invalid += 1
                return Self.error(404, "not_found", "no generation with id \(id.prefix(40))")
            }
            job.polls += 1
            state.update(job)
            let fault = state.fault(.poll, number: number, identity: "\(job.identity)#poll\(job.polls)")
            if case .serverError(let status)? = fault {
                state.count(fault!)
                return Self.error(status, "internal", "The service is temporarily unavailable.")
            }
            let response = FakeResponse.json(job.json(now: now, queuePosition: state.queuePosition(id), baseURL: base,
                                                      lifetime: lifetime))
            return Self.apply(fault, to: response, state: &state)
        }
    }

    private enum Download {
        case missing, expired
        case serve(SimulatedClip, truncated: Bool)
    }

    private func download(token: String) async -> FakeResponse {
        let now = clock()
        let number = books.with { $0.nextRequest(.download) }
        let lifetime = config.resultLifetime
        let decision: Download = books.with { state in
            state.advance(to: now)
            guard var job = state.job(token: token), job.phase == .succeeded else {
                state.counters.invalid += 1
                return .missing
            }
            job.downloads += 1
            let fault = state.fault(.download, number: number, identity: "\(job.identity)#download\(job.downloads)")
            if fault == .expiredLink {
                state.count(.expiredLink)
                job.linkExpired = true
            }
            state.update(job)
            if let expires = job.expiresAt(lifetime: lifetime), now >= expires { return .expired }
            var clip = SimulatedClip(job.request)
            clip.defect = job.defect
            if job.defect == .repeated { clip.seed = 0 }
            return .serve(clip, truncated: fault == .truncatedDownload)
        }
        let clip: SimulatedClip, truncated: Bool
        switch decision {
        case .missing: return Self.error(404, "not_found", "no such file")
        case .expired: return Self.error(410, "expired", "This result link has expired; create the generation again.")
        case .serve(let c, let t): (clip, truncated) = (c, t)
        }
        let data: Data
        do {
            data = try Data(contentsOf: try await renderer.file(for: clip))
        } catch {
            return Self.error(500, "render_failed", "the simulated clip could not be made: \(error)")
        }
        let response = FakeResponse.bytes(data, contentType: "video/mp4")
        if truncated {
            books.with { $0.count(.truncatedDownload) }
            return response.truncated(after: data.count / 2)
        }
        books.with { $0.counters.completedDownloads += 1 }
        return response
    }

    private func counters() -> FakeResponse {
        let counters = books.with { $0.counters }
        return .json((try? JSONValue(encoding: counters)) ?? .null)
    }

    private func scriptFault(_ request: RecordedRequest) -> FakeResponse {
        guard let fault = try? JSONDecoder().decode(ScriptedFault.self, from: request.body) else {
            return Self.error(400, "invalid_request", "the body must be a ScriptedFault")
        }
        books.with { $0.scripted.append(fault) }
        return .json((try? JSONValue(encoding: fault)) ?? .null, status: 201)
    }
}
