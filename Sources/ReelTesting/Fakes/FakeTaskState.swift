import Foundation
import ReelModel
import Synchronization

/// The books of a ``FakeTaskServer``: its tasks, its fault queues, and how each request is
/// answered before and after the dialect has its say.
final class FakeTaskState: Sendable {
    struct Books {
        var tasks: [FakeTask] = []
        var faults: [FakeTaskServer.Endpoint: [FakeTaskServer.Fault]] = [:]
        var downloads = 0

        mutating func next(_ endpoint: FakeTaskServer.Endpoint) -> FakeTaskServer.Fault? {
            guard var queue = faults[endpoint], !queue.isEmpty else { return nil }
            let fault = queue.removeFirst()
            faults[endpoint] = queue
            return fault
        }

        /// A task by its id or by the idempotency key it was created under.
        func index(_ id: String) -> Int? { tasks.firstIndex { $0.id == id || $0.key == id } }
    }

    let books = Mutex(Books())

    func answer(_ request: RecordedRequest, dialect: some FakeTaskDialect) -> FakeResponse {
        if request.method == "GET", request.pathComponents.count == 2, request.pathComponents[0] == "files" {
            return download(request.pathComponents[1])
        }
        let route = dialect.route(request)
        if let refusal = dialect.authorize(request) { return refusal }
        let base = "http://" + (request.header("host") ?? "127.0.0.1")
        switch route {
        case .create(let key): return create(request, key: key, dialect: dialect)
        case .poll(let id): return lookup(id, endpoint: .poll, dialect: dialect) { dialect.report($0, resultURL: base + "/files/" + $0.id) }
        case .file(let id): return lookup(id, endpoint: .file, dialect: dialect) { dialect.file($0, resultURL: base + "/files/" + $0.id) }
        case .other(let response): return response
        }
    }

    private func create(_ request: RecordedRequest, key: String?, dialect: some FakeTaskDialect) -> FakeResponse {
        books.withLock { books in
            let fault = books.next(.create)
            if case .respond(let response)? = fault { return response }
            if let key, let existing = books.tasks.first(where: { $0.key == key }) {
                return dialect.replayed(existing)
            }
            var task = FakeTask(id: "task-\(books.tasks.count + 1)", key: key, path: request.path, body: request.json)
            if case .failTask(let code, let message)? = fault { task.failure = (code, message) }
            books.tasks.append(task)
            return Self.apply(fault, to: dialect.created(task))
        }
    }

    private func lookup(_ id: String, endpoint: FakeTaskServer.Endpoint, dialect: some FakeTaskDialect,
                        answer: (FakeTask) -> FakeResponse) -> FakeResponse {
        books.withLock { books in
            let fault = books.next(endpoint)
            if case .respond(let response)? = fault { return response }
            guard let i = books.index(id), !(fault.map { if case .forgetTask = $0 { true } else { false } } ?? false) else {
                return dialect.unknownTask(id)
            }
            if endpoint == .poll { books.tasks[i].polls += 1 }
            return Self.apply(fault, to: answer(books.tasks[i]))
        }
    }

    private func download(_ id: String) -> FakeResponse {
        let fault: FakeTaskServer.Fault? = books.withLock { books in
            books.index(id) == nil ? .forgetTask : books.next(.download)
        }
        let data: Data
        do { data = try FixtureMedia.mp4() } catch { return .text("no fixture: \(error)", status: 500) }
        switch fault {
        case .forgetTask?: return .text("NoSuchKey", status: 404)
        case .expiredLink?: return .text("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", status: 403)
        case .truncatedDownload?: return FakeResponse.bytes(data, contentType: "video/mp4").truncated(after: data.count / 2)
        case .respond(let response)?: return response
        default:
            books.withLock { $0.downloads += 1 }
            return .bytes(data, contentType: "video/mp4")
        }
    }

    /// A hang or a malformed body applied to the usual answer.
    static func apply(_ fault: FakeTaskServer.Fault?, to response: FakeResponse) -> FakeResponse {
        switch fault {
        case .hang(let seconds)?: return response.delayed(by: seconds)
        case .malformedJSON?:
            var cut = response
            cut.body = response.body.prefix(max(1, response.body.count / 2))
            return cut
        default: return response
        }
    }
}
