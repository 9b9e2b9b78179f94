import ReelModel
import Testing

@testable import ReelEngine

@Suite struct SchedulerStateTests {
    func node(_ id: String, _ inputs: [String] = []) -> GraphNode {
        GraphNode(id: NodeID(id), spec: JobSpec(kind: "work", provider: "p"), inputs: inputs.map { NodeID($0) })
    }

    @Test func nodesWithoutInputsStartReady() {
        let state = SchedulerState(graph: JobGraph([node("a"), node("b", ["a"]), node("c")]))
        #expect(Set(state.ready) == ["a", "c"])
        #expect(state.status["b"] == .waiting(inputs: 1))
        #expect(!state.isFinished)
    }

    @Test func completingTheLastInputMakesADependentReady() {
        var state = SchedulerState(graph: JobGraph([node("a"), node("b"), node("c", ["a", "b"])]))
        state.start("a")
        #expect(state.complete("a").isEmpty)
        #expect(state.status["c"] == .waiting(inputs: 1))
        state.start("b")
        #expect(state.complete("b") == ["c"])
        #expect(state.ready == ["c"])
    }

    @Test func aNodeReadingTheSameInputTwiceWaitsForItOnce() {
        var state = SchedulerState(graph: JobGraph([node("a"), node("b", ["a", "a"])]))
        state.start("a")
        #expect(state.complete("a") == ["b"])
    }

    @Test func theCriticalPathGoesFirst() {
        // a → b → c is longer than d alone, so a is preferred over d even though d comes first.
        let state = SchedulerState(graph: JobGraph([node("d"), node("a"), node("b", ["a"]), node("c", ["b"])]))
        #expect(state.ready == ["a", "d"])
    }

    @Test func equalRanksKeepGraphOrder() {
        let state = SchedulerState(graph: JobGraph([node("x"), node("y"), node("z")]))
        #expect(state.ready == ["x", "y", "z"])
    }

    @Test func failureSkipsEverythingDownstreamButNotSiblings() {
        var state = SchedulerState(graph: JobGraph([
            node("a"), node("b", ["a"]), node("c", ["b"]), node("d"), node("e", ["d", "c"]),
        ]))
        state.start("a")
        let skipped = state.fail("a")
        #expect(skipped == ["b", "c", "e"])
        #expect(state.status["d"] == .ready)
        state.start("d")
        state.complete("d")
        #expect(state.isFinished)
    }

    @Test func delayedNodesAreActiveUntilWoken() {
        var state = SchedulerState(graph: JobGraph([node("a")]))
        state.start("a")
        state.delay("a")
        #expect(state.ready.isEmpty)
        #expect(!state.isFinished)
        state.wake("a")
        #expect(state.ready == ["a"])
        state.start("a")
        state.complete("a")
        #expect(state.isFinished)
    }

    @Test func countsByStatus() {
        var state = SchedulerState(graph: JobGraph([node("a"), node("b"), node("c", ["a"])]))
        state.start("a")
        #expect(state.count(.running) == 1)
        #expect(state.count(.ready) == 1)
        #expect(state.count(.waiting(inputs: 1)) == 1)
    }
}

@Suite struct JobGraphTests {
    @Test func validationReportsEveryProblemTiedToItsNode() {
        let graph = JobGraph([
            GraphNode(id: "a", spec: JobSpec(kind: "work", provider: "p"), inputs: ["missing"]),
            GraphNode(id: "b", spec: JobSpec(kind: "work", provider: "p"), inputs: ["c"]),
            GraphNode(id: "c", spec: JobSpec(kind: "work", provider: "p"), inputs: ["b"]),
            GraphNode(id: "d", spec: JobSpec(kind: "odd", provider: "p")),
            GraphNode(id: "d", spec: JobSpec(kind: "work", provider: "p")),
        ])
        let problems = graph.validate { $0.spec.kind == "work" }.map(\.description)
        #expect(problems.contains("a: input missing is not in the graph"))
        #expect(problems.contains("b: depends on itself through a cycle"))
        #expect(problems.contains("c: depends on itself through a cycle"))
        #expect(problems.contains("d: no runner for odd on provider p"))
        #expect(problems.contains("d: the id is used by more than one node"))
        #expect(problems.count == 5)
    }

    @Test func subgraphKeepsTransitiveInputsInOrder() {
        let graph = JobGraph([
            GraphNode(id: "a", spec: JobSpec(kind: "work", provider: "p")),
            GraphNode(id: "x", spec: JobSpec(kind: "work", provider: "p")),
            GraphNode(id: "b", spec: JobSpec(kind: "work", provider: "p"), inputs: ["a"]),
            GraphNode(id: "c", spec: JobSpec(kind: "work", provider: "p"), inputs: ["b"]),
        ])
        #expect(graph.subgraph(including: ["c"]).nodes.map(\.id) == ["a", "b", "c"])
    }
}

@Suite struct CacheKeyTests {
    let spec = JobSpec(kind: "video", provider: "kling", model: "v2", params: ["prompt": "rain", "seconds": 5], seed: 7)
    let digest = Hashing.sha256("input")

    @Test func sameSpecAndInputsGiveTheSameKey() {
        #expect(CacheKey(spec: spec, inputs: [digest]) == CacheKey(spec: spec, inputs: [digest]))
    }

    @Test(arguments: [
        { (s: inout JobSpec) in s.kind = "image" },
        { (s: inout JobSpec) in s.kindVersion = 2 },
        { (s: inout JobSpec) in s.provider = "veo" },
        { (s: inout JobSpec) in s.model = "v3" },
        { (s: inout JobSpec) in s.params = ["prompt": "rain", "seconds": 10] },
        { (s: inout JobSpec) in s.seed = 8 },
    ] as [@Sendable (inout JobSpec) -> Void])
    func everyPartOfTheSpecChangesTheKey(change: @Sendable (inout JobSpec) -> Void) {
        var other = spec
        change(&other)
        #expect(CacheKey(spec: other, inputs: [digest]) != CacheKey(spec: spec, inputs: [digest]))
    }

    @Test func inputOrderMatters() {
        let other = Hashing.sha256("other")
        #expect(CacheKey(spec: spec, inputs: [digest, other]) != CacheKey(spec: spec, inputs: [other, digest]))
    }

    @Test func keyOrderInParamsDoesNot() {
        let a = JobSpec(kind: "k", provider: "p", params: .object(["a": 1, "b": 2]))
        let b = JobSpec(kind: "k", provider: "p", params: .object(["b": 2, "a": 1]))
        #expect(CacheKey(spec: a, inputs: []) == CacheKey(spec: b, inputs: []))
    }

    @Test func theKeyIsAFixedFunctionOfItsInputs() {
        // Recorded once: if this changes, every cache in the field is invalidated.
        let key = CacheKey(spec: JobSpec(kind: "k", provider: "p", params: ["x": 1]), inputs: [])
        #expect(key.digest.rawValue == Hashing.sha256(
            #"{"inputs":[],"kind":"k","kindVersion":1,"model":"default","params":{"x":1},"provider":"p","schema":"reel.job/1"}"#).rawValue)
    }
}
