import Foundation
import Hummingbird

/// The web studio and the OpenAPI document, served from files embedded in the binary (no
/// build step, no CDN): `/` is the studio, `/web/{file}` its modules and styles.
struct WebController {
    /// The embedded files by name, with their types.
    static let files: [String: (type: String, bytes: [UInt8])] = [
        "index.html": ("text/html; charset=utf-8", PackageResources.index_html),
        "app.js": ("text/javascript; charset=utf-8", PackageResources.app_js),
        "api.js": ("text/javascript; charset=utf-8", PackageResources.api_js),
        "i18n.js": ("text/javascript; charset=utf-8", PackageResources.i18n_js),
        "projects.js": ("text/javascript; charset=utf-8", PackageResources.projects_js),
        "board.js": ("text/javascript; charset=utf-8", PackageResources.board_js),
        "shot.js": ("text/javascript; charset=utf-8", PackageResources.shot_js),
        "notes.js": ("text/javascript; charset=utf-8", PackageResources.notes_js),
        "newproject.js": ("text/javascript; charset=utf-8", PackageResources.newproject_js),
        "cast.js": ("text/javascript; charset=utf-8", PackageResources.cast_js),
        "music.js": ("text/javascript; charset=utf-8", PackageResources.music_js),
        "run.js": ("text/javascript; charset=utf-8", PackageResources.run_js),
        "compare.js": ("text/javascript; charset=utf-8", PackageResources.compare_js),
        "style.css": ("text/css; charset=utf-8", PackageResources.style_css),
        "openapi.json": ("application/json", PackageResources.openapi_json),
    ]

    func addRoutes(to router: Router<StudioContext>) {
        router.get("/") { _, _ in Self.serve("index.html") }
        router.get("openapi.json") { _, _ in Self.serve("openapi.json") }
        // An address typed or pasted as a path (`/projects/ID`, `/p/ID/s/S01-02`) opens the
        // studio's own page for it, whose routes live after the `#`.
        for prefix in ["p", "projects"] {
            router.get("\(prefix)/**") { _, context in
                let rest = context.parameters.getCatchAll().map { part in
                    (String(part).removingPercentEncoding ?? String(part))
                        .addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "#", "?"])) ?? ""
                }
                return Response(status: .found, headers: [.location: "/#/p/" + rest.joined(separator: "/")])
            }
        }
        router.get("web/:file") { _, context in
            let name = context.parameters.get("file") ?? ""
            guard name != "index.html", name != "openapi.json", Self.files[name] != nil else {
                throw Problem(status: .notFound, kind: "not-found", detail: "there is no studio file \(name.prefix(80))")
            }
            return Self.serve(name)
        }
    }

    static func serve(_ name: String) -> Response {
        let file = files[name]!
        return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "no-cache"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
