import Foundation
import ReelAssistant
import ReelEngine
import ReelModel
import ReelProviders
import ReelStore

/// The writer's calls to its language model, each run as a ``NodeKind/chat`` job on the
/// assistant's own journal and media store in Reel's cache (`$REEL_HOME/assistant`): a
/// crash or a second `reel new` with the same idea is answered from the store.
struct WriterSession {
    let writer: Studio.Writer
    let seed: UInt64
    let executor: Executor
    let blobs: DirectoryBlobStore
    /// Held while the session runs on Reel's cache; a project's session runs under the project's lock.
    let lock: ProjectLock?
    /// Every call so far, in order.
    private(set) var calls: [WriterReport.Call] = []
    /// The calls this session paid for (not answered from the cache), to be journaled in the
    /// project they wrote once it exists.
    private(set) var paid: [Job] = []

    /// A paid call: its job, its answer, and the reply's bytes.
    struct Job: Sendable {
        var node: GraphNode
        var output: NodeOutput
        var reply: Data
    }

    /// A session on a journal and store (a project's, whose lock the caller holds).
    /// - Parameter options: the project's (its budget cap and what was spent); one call at a time to the writer.
    init(writer: Studio.Writer, seed: UInt64, journal: any JobJournal, blobs: DirectoryBlobStore, sleeper: any Sleeper,
         options: ExecutorOptions = ExecutorOptions(), lock: ProjectLock? = nil) {
        var registry = RunnerRegistry()
        registry.register(ChatRunner(writer.chat, prices: writer.prices), kind: .chat)
        var options = options
        options.limits[writer.provider] = 1
        executor = Executor(runners: registry, journal: journal, blobs: blobs, options: options, sleeper: sleeper)
        self.writer = writer
        self.seed = seed
        self.blobs = blobs
        self.lock = lock
    }

    /// A session on the assistant's journal in Reel's cache, for work before there is a project.
    static func inCache(studio: Studio, writer: Studio.Writer, seed: UInt64) throws -> WriterSession {
        let home = Workspace.reelHome(studio.environment)
        let workspace = Workspace(projectDirectory: nil, stateDirectory: home.appendingPathComponent("assistant"),
                                  mediaDirectory: home.appendingPathComponent("media"))
        // No lock: two `reel new` may draft at once (SQLite serialises their journal writes);
        // the same idea twice at the same moment is the one case asked twice.
        let (database, blobs) = try workspace.open()
        return WriterSession(writer: writer, seed: seed, journal: SQLiteJournal(database: database), blobs: blobs,
                             sleeper: studio.sleeper)
    }

    func close() { lock?.release() }

    /// Asks for a screenplay or an outline (`beats: false`) and reads it.
    /// A screenplay must also read back whole in `language`: every scene a heading, every line dialogue.
    mutating func ask(_ step: String, _ messages: [ChatMessage], beats: Bool, language: Language, maxTokens: Int) async throws
        -> DraftScreenplay
    {
        try await ask(step, messages, maxTokens: maxTokens) { text in
            let read = DraftReader.read(text, beats: beats)
            let readBack = beats ? read.draft?.readBackProblems(language: language) ?? [] : []
            return Reading(value: read.draft, problems: read.problems + readBack, repairs: read.repairs)
        }
    }

    /// Asks for a document and reads it with `read`; a reply that cannot be used is sent back
    /// once with its problems. Throws when the model fails or the second reply cannot be used either.
    mutating func ask<T: Sendable>(_ step: String, _ messages: [ChatMessage], maxTokens: Int,
                         read: (String) -> Reading<T>) async throws -> T {
        var messages = messages
        for attempt in 1...2 {
            let request = ChatRequest(model: writer.model, messages: messages, temperature: 0.8, json: true, maxTokens: maxTokens)
            let text = try await call(request, step: step, attempt: attempt)
            let reading = read(text)
            calls[calls.count - 1].repairs = reading.repairs.map(\.rawValue)
            calls[calls.count - 1].problems = reading.problems
            if let value = reading.value { return value }
            if attempt == 2 {
                throw ReelError(.invalidInput, "the writer's \(step) could not be used, even after sending its problems back: "
                                    + reading.problems.prefix(5).joined(separator: "; "),
                                at: "\(writer.provider)/\(writer.model)",
                                hint: "ask again with --seed 2, try another model (--writer), "
                                    + "or start from a template: `reel new --template …`")
            }
            messages = WriterPrompts.retry(messages, reply: text, problems: reading.problems)
        }
        fatalError("unreachable: the loop returns or throws")
    }

    /// Runs one call as a job and returns the reply's text.
    private mutating func call(_ request: ChatRequest, step: String, attempt: Int) async throws -> String {
        // What it may cost at the most (the reply at its limit), so a budget cap stops it before it is asked.
        let prompt = request.messages.reduce(0) { $0 + $1.content.utf8.count } / 3
        let node = GraphNode(id: NodeID("write-\(step)-\(attempt)"),
                             spec: try ChatRunner.spec(request, provider: writer.provider, seed: seed),
                             label: "write the \(step)",
                             estimatedCost: writer.prices.first { $0.id == writer.model }?.cost(tokens: prompt + (request.maxTokens ?? 0)))
        let summary = try await executor.run(JobGraph([node]))
        if let failure = summary.failures[node.id] ?? summary.skipped[node.id] {
            throw Self.error(failure, step: step, at: "\(writer.provider)/\(writer.model)")
        }
        guard let output = summary.outputs[node.id] else {
            throw ReelError(.internalError, "the writer's \(step) job finished without an answer", hint: "run it again")
        }
        let text = try String(contentsOf: blobs.url(for: output.asset), encoding: .utf8)
        let tokens = output.details?["prompt_tokens"]?.intValue.map { Int($0) + Int(output.details?["completion_tokens"]?.intValue ?? 0) }
        calls.append(WriterReport.Call(step: step, attempt: attempt, cached: summary.cached > 0, tokens: tokens,
                                       cost: output.cost, repairs: [], problems: []))
        if summary.cached == 0 { paid.append(Job(node: node, output: output, reply: Data(text.utf8))) }
        return text
    }

    /// A failed call as the user reads it: what the model said, and what to do.
    static func error(_ failure: JobFailure, step: String, at: String) -> ReelError {
        let what = "the writer's \(step) failed: \(failure.message)"
        switch failure.reason {
        case .auth:
            return ReelError(.refused, what, at: at, hint: "check the key (`reel providers test \(at.split(separator: "/")[0])`)")
        case .moderation:
            return ReelError(.refused, what, at: at, hint: "reword the idea, or try another model with --writer")
        case .budget:
            return ReelError(.refused, what, at: at, hint: "the account is out of credit; top it up or use another model")
        case .rateLimited, .transient, .timedOut:
            return ReelError(.temporary, what, at: at, hint: "try again in a minute; what was answered is kept")
        default:
            return ReelError(.unavailable, what, at: at, hint: "try again, or another model with --writer")
        }
    }
}
