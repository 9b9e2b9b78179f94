import Foundation
import Hummingbird
import HummingbirdTesting
import ReelModel
import ReelServer
import ReelStudio
import ReelTesting
import Testing

/// A new project from the studio: the same use case as `reel new`, from a template offline or
/// from an idea by the language model (OpenAI's chat protocol on loopback), and every way the
/// request can be wrong as a problem answer.
@Suite struct NewProjectAPITests {
    typealias API = APITests

    @Test func theTemplatesAndANewProjectFromOneAreTheUseCasesAnswers() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            let templates = try await client.execute(uri: "/api/templates?lang=zh", method: .get) { try API.json($0) }
            #expect(templates.arrayValue?.count == 6 && templates.arrayValue?.first?["genre"] == "逆袭")
            let made = try await client.execute(uri: "/api/projects", method: .post, headers: API.jsonType,
                                                body: API.body(#"{"template": "reversal", "values": {"hero": "欧阳娜娜娜"}, "language": "zh"}"#)) { response in
                #expect(response.status == .created)
                return try API.json(response)
            }
            #expect(made["project"] == "实习生的逆袭" && made["report"]?["template"] == "reversal")
            let list = try await client.execute(uri: "/api/projects", method: .get) { try API.json($0) }
            #expect(list.arrayValue?.contains { $0["id"] == "实习生的逆袭" && $0["shots"]?.intValue ?? 0 > 3 } == true)
            let board = try await client.execute(uri: "/api/projects/%E5%AE%9E%E4%B9%A0%E7%94%9F%E7%9A%84%E9%80%86%E8%A2%AD/board", method: .get) {
                try API.json($0)
            }
            #expect(board["title"] == "实习生的逆袭")
        }
    }

    @Test func anIdeaIsDraftedByTheConfiguredModel() async throws {
        let fake = try await OpenAIFakeServer.start()
        let f = try ServerFixture()
        defer { f.remove() }
        fake.transcript([WriterTranscripts.chineseOutline, WriterTranscripts.chineseScreenplay])
        var environment = f.studio.environment
        environment["REEL_WRITER"] = "openai"
        environment["REEL_OPENAI_BASE_URL"] = fake.baseURL.absoluteString
        environment["OPENAI_API_KEY"] = fake.apiKey
        environment["REEL_HOME"] = f.dir.file("home").path
        var configuration = f.configuration
        configuration.studio = Studio(environment: environment, sleeper: RecordingSleeper())
        try await buildApplication(configuration).test(.router) { client in
            let questions = try await client.execute(uri: "/api/interview?idea=%E5%A4%96%E5%8D%96%E5%91%98%E7%9A%84%E6%82%AC%E7%96%91%E6%95%85%E4%BA%8B",
                                                     method: .get) { try API.json($0) }
            #expect(questions.arrayValue?.map { $0["id"]?.stringValue ?? "" } == ["audience", "characters", "ending", "tone", "length"],
                    "a genre the idea names is not asked")
            #expect(questions.arrayValue?.first?["ask"] == "给谁看？在哪个平台播放？")
            let made = try await client.execute(uri: "/api/projects", method: .post, headers: API.jsonType,
                                                body: API.body(#"{"idea": "外卖员在暴雨夜送最后一单", "seconds": 40, "answers": {"tone": "温暖"}}"#)) { response in
                #expect(response.status == .created)
                return String(buffer: response.body)
            }
            #expect(made.contains(#""project":"最后一单""#) && made.contains(#""provider":"openai""#))
            #expect(!made.contains(fake.apiKey), "no key in the answer")
            let asked = fake.requests("POST", "chat/completions").first?.json?["messages"]?.arrayValue?.last?["content"]?.stringValue ?? ""
            #expect(asked.contains("外卖员在暴雨夜送最后一单\nTone: 温暖"), "the answers reach the writer")
        }
        try await fake.stop()
    }

    @Test(arguments: [
        (#"{"template": "reversal", "idea": "x"}"#, 400, "give either a template or an idea"),
        (#"{}"#, 400, "give either a template or an idea"),
        (#"{"template": "western"}"#, 404, "there is no template called western"),
        (#"{"template": "reversal", "language": "fr"}"#, 400, "language must be en or zh (got 'fr')"),
        (#"{"template": "reversal", "aspect": "4:3"}"#, 400, "aspect must be 9:16, 16:9 or 1:1 (got '4:3')"),
        (#"{"idea": "a courier's last delivery", "seconds": 5}"#, 400, "seconds is the film's length, 10 to 600 (got 5)"),
        (#"{"idea": "a courier's last delivery"}"#, 409, "drafting from an idea needs a language model, and none is configured"),
    ])
    func aBadRequestIsAProblemAndMakesNothing(body: String, status: Int, detail: String) async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        var configuration = f.configuration
        var environment = f.studio.environment
        environment["REEL_WRITER"] = nil
        configuration.studio = Studio(environment: environment, sleeper: RecordingSleeper())
        try await buildApplication(configuration).test(.router) { client in
            let problem = try await client.execute(uri: "/api/projects", method: .post, headers: API.jsonType, body: API.body(body)) { response in
                #expect(response.status.code == status)
                return try API.json(response)
            }
            #expect(problem["detail"]?.stringValue == detail)
            #expect(problem["hint"] != nil || status == 400)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.projects.path) == ["two-rooms"], "nothing made")
    }

    @Test func aServerOfOneProjectSaysItCannotHoldAnother() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        var configuration = f.configuration
        configuration.projects = f.project
        try await buildApplication(configuration).test(.router) { client in
            let problem = try await client.execute(uri: "/api/projects", method: .post, headers: API.jsonType,
                                                   body: API.body(#"{"template": "trailer"}"#)) { response in
                #expect(response.status == .badRequest)
                return try API.json(response)
            }
            #expect(problem["detail"] == "this server serves one project, so it cannot hold another")
        }
    }
}
