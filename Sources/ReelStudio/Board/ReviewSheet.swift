import Foundation
import ReelMedia
import ReelModel

/// A review page: each shot's takes side by side — a player per take that plays in sync
/// with the others, a strip of frames (start, middle, end), the quality check's verdict,
/// provider, model, cost, and which take the cut uses. A static page that works from
/// `file://`.
public struct ReviewSheet: Sendable {
    /// One take as the page shows it.
    public struct Card: Sendable, Codable, Hashable {
        public var take: TakeReport
        /// The take's video, as a URL the page can play (`file://…` into the media store).
        public var video: String?
        /// Frame images relative to the page: start, middle, end.
        public var frames: [String]
        /// The quality check, when it ran.
        public var verdict: TakeVerdict?
        /// What it was made from, each picture with its thumbnails (relative to the page).
        public var inputs: [Input] = []
    }

    /// A picture a take was made from: `keyframe S01-02#k2` and its thumbnail; a sheet has one
    /// thumbnail per reference on it; a picture the store no longer has, none.
    public struct Input: Sendable, Codable, Hashable {
        public var text: String
        public var thumbnails: [String]
    }

    /// One shot, its keyframe candidates and its takes.
    public struct Row: Sendable, Codable, Hashable {
        public var shot: Shot
        public var prompt: String
        public var cards: [Card]
        /// Keyframe candidates, newest first: each card's one frame is the still.
        public var keyframes: [Card] = []
        /// The shot's review notes, oldest first.
        public var notes: [NoteReport] = []
    }

    public var title: String
    public var language: Language
    public var rows: [Row]
    /// The project's critic (`provider/model`), when it has one: a model's take without a
    /// critique then says the critique is missing.
    public var critic: String?

    public func html() -> String {
        var out = """
        <!doctype html>
        <html lang="\(language == .chinese ? "zh-Hans" : "en")">
        <head>
        <meta charset="utf-8">
        <meta name="generator" content="Reel">
        <title>\(esc(title)) — review</title>
        <style>
        :root { --ink: #1d1d1f; --muted: #6b6b70; --line: #d9d9de; --ok: #1e7d3a; --bad: #b3261e; }
        * { box-sizing: border-box; }
        body { font-family: "Noto Sans CJK SC", "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); margin: 24px; }
        h1 { margin: 0 0 4px; font-size: 22px; }
        header p { margin: 0; color: var(--muted); font-size: 13px; }
        section.shot { margin: 26px 0; }
        h2 { font-size: 15px; margin: 0 0 4px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
        h2 small { font-weight: normal; color: var(--muted); margin-left: 8px; }
        .prompt { color: var(--muted); font-size: 12px; margin: 4px 0 10px; }
        .takes { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 14px; }
        .take { border: 1px solid var(--line); border-radius: 6px; overflow: hidden; font-size: 12px; }
        .take.picked { border: 2px solid var(--ink); }
        .take video { display: block; width: 100%; background: #111; }
        .strip { display: flex; gap: 2px; background: #111; }
        .strip img { flex: 1; min-width: 0; height: auto; display: block; }
        .meta { padding: 8px 10px 10px; }
        .id { font-weight: 700; font-size: 13px; }
        .verdict { font-weight: 600; margin: 4px 0; }
        .verdict.ok { color: var(--ok); }
        .verdict.bad { color: var(--bad); }
        .critique { margin: 4px 0; }
        .inputs { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0 4px; }
        .inputs figure { margin: 0; font-size: 10px; color: var(--muted); max-width: 100%; }
        .inputs img { height: 56px; width: auto; display: inline-block; border: 1px solid var(--line); border-radius: 3px; background: #111; margin-right: 2px; }
        .inputs figcaption { max-width: 160px; }
        .keyframe .inputs { padding: 0 6px; }
        .keyframe .inputs img { height: 32px; width: auto; }
        .critique-notes { margin: 2px 0 4px 18px; padding: 0; color: var(--muted); }
        .notes li.open { font-weight: 600; }
        .problems { margin: 0 0 4px 16px; padding: 0; color: var(--bad); }
        .muted { color: var(--muted); }
        .keyframes { display: flex; flex-wrap: wrap; gap: 10px; margin: 0 0 12px; }
        .keyframe { width: 120px; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; font-size: 11px; }
        .keyframe.picked { border: 2px solid var(--ink); }
        .keyframe img { display: block; width: 100%; height: auto; background: #111; }
        .keyframe div { padding: 4px 6px; }
        button { font: inherit; margin: 6px 0; }
        </style>
        </head>
        <body>
        <header>
        <h1>\(esc(title))</h1>
        <p>\(Plural.count(rows.count, "shot")) · \(Plural.count(rows.reduce(0) { $0 + $1.cards.count }, "take")) · ★ the take the cut uses</p>
        </header>

        """
        for row in rows { out += section(row) }
        out += """
        <script>
        // Plays a shot's takes together, from the start, so they can be compared.
        for (const button of document.querySelectorAll("button[data-shot]")) {
          button.addEventListener("click", () => {
            const videos = document.querySelectorAll(`section[id="${button.dataset.shot}"] video`);
            for (const video of videos) { video.currentTime = 0; }
            for (const video of videos) { video.play(); }
          });
        }
        </script>
        </body>
        </html>

        """
        return out
    }

    func section(_ row: Row) -> String {
        let shot = row.shot
        var out = "<section class=\"shot\" id=\"\(esc(shot.id.rawValue))\">\n"
        out += "<h2>\(esc(shot.id.rawValue))<small>\(esc(shot.size.rawValue)) · \(esc(shot.move.name)) · "
            + String(format: "%.1f s", shot.duration.seconds) + "</small></h2>\n"
        out += "<p class=\"prompt\">\(esc(row.prompt))</p>\n"
        if !row.notes.isEmpty {
            out += "<ul class=\"notes\">" + row.notes.map { note in
                let place = [note.take, note.at.map { String(format: "%.2f s", $0) }, note.box?.region].compactMap { $0 }
                return "<li class=\"\(esc(note.status))\">note \(note.id)\(place.isEmpty ? "" : " (" + esc(place.joined(separator: ", ")) + ")"): "
                    + "\(esc(note.text)) <span class=\"muted\">\(esc(note.status))</span></li>"
            }.joined() + "</ul>\n"
        }
        if !row.keyframes.isEmpty {
            out += "<div class=\"keyframes\" aria-label=\"keyframes\">\n"
            for card in row.keyframes { out += keyframe(card) }
            out += "</div>\n"
        }
        if row.cards.isEmpty {
            out += "<p class=\"muted\">no takes yet (<code>reel generate --shots \(esc(shot.id.rawValue))</code>)</p>\n</section>\n"
            return out
        }
        if row.cards.filter({ $0.video != nil }).count > 1 {
            out += "<button data-shot=\"\(esc(shot.id.rawValue))\">▶ play the takes together</button>\n"
        }
        out += "<div class=\"takes\">\n"
        for card in row.cards { out += self.card(card) }
        out += "</div>\n</section>\n"
        return out
    }

    /// A keyframe candidate: the still, its id (★ when picked), cost, and how to pick it.
    func keyframe(_ card: Card) -> String {
        let t = card.take
        var out = "<div class=\"keyframe\(t.picked ? " picked" : "")\" id=\"\(esc(t.take))\">"
        if let still = card.frames.first { out += "<img src=\"\(esc(still))\" alt=\"keyframe \(esc(t.take))\" loading=\"lazy\">" }
        var facts = [t.picked ? "★ #k\(t.number)" : "#k\(t.number)"]
        if let cost = t.cost { facts.append(cost.description) }
        if t.output == nil { facts.append(t.state) }
        out += "<div>\(esc(facts.joined(separator: " · ")))</div>" + madeFrom(card)
        if !t.picked, t.output != nil {
            out += "<div class=\"muted\"><code>reel pick \(esc(t.take.components(separatedBy: "#").first ?? "")) --keyframe \(t.number)</code></div>"
        }
        return out + "</div>\n"
    }

    /// What a take or keyframe was made from: each picture's thumbnails over its words
    /// (`made from words alone` for none); nothing for a take made before Reel recorded it.
    func madeFrom(_ card: Card) -> String {
        guard let inputs = card.take.inputs else { return "" }
        if card.inputs.isEmpty {
            return "<div class=\"muted\">made from \(inputs.isEmpty ? "words alone" : esc(inputs.map(\.text).joined(separator: ", ")))</div>\n"
        }
        return "<div class=\"inputs\" aria-label=\"made from\">" + card.inputs.map { input in
            "<figure>" + input.thumbnails.map { "<img src=\"\(esc($0))\" alt=\"\(esc(input.text))\" loading=\"lazy\">" }.joined()
                + "<figcaption>\(esc(input.text))</figcaption></figure>"
        }.joined() + "</div>\n"
    }

    func card(_ card: Card) -> String {
        let t = card.take
        var out = "<div class=\"take\(t.picked ? " picked" : "")\" id=\"\(esc(t.take))\">\n"
        if let video = card.video {
            out += "<video src=\"\(esc(video))\" controls muted preload=\"metadata\" playsinline></video>\n"
        }
        if !card.frames.isEmpty {
            out += "<div class=\"strip\">" + card.frames.map { "<img src=\"\(esc($0))\" alt=\"frame of \(esc(t.take))\" loading=\"lazy\">" }
                .joined() + "</div>\n"
        }
        out += "<div class=\"meta\">\n<div class=\"id\">\(t.picked ? "★ " : "")#\(t.number) <span class=\"muted\">\(esc(t.state))</span></div>\n"
        if let verdict = card.verdict {
            if verdict.passed {
                out += "<div class=\"verdict ok\">✓ passes the check</div>\n"
            } else {
                out += "<div class=\"verdict bad\">✗ \(verdict.problems.count) problem\(verdict.problems.count == 1 ? "" : "s")</div>\n<ul class=\"problems\">"
                    + verdict.problems.map { "<li>\(esc($0.summary))</li>" }.joined() + "</ul>\n"
            }
        } else if let failure = t.failure {
            out += "<div class=\"verdict bad\">\(esc(t.failureReason ?? "failed")): \(esc(failure))</div>\n"
        }
        if let critique = t.critique {
            out += "<div class=\"critique\">critic: \(esc(critique.scores))</div>\n"
            if !critique.notes.isEmpty {
                out += "<ul class=\"critique-notes\">" + critique.notes.map { "<li>\(esc($0))</li>" }.joined() + "</ul>\n"
            }
        } else if critic != nil, t.state == "succeeded", t.provider != "animatic" {
            // Withheld when its own check failed (a duplicate is found later, among the shot's takes).
            let withheld = t.verdict?.problems.contains { $0.kind != .duplicate } == true
            out += withheld ? "<div class=\"muted\">not shown to the critic: it failed its quality check</div>\n"
                : "<div class=\"muted\">no critique (the critic did not answer; generating again asks it again)</div>\n"
        }
        out += madeFrom(card)
        var facts = ["\(t.provider)/\(t.model)"]
        if let cost = t.cost { facts.append(cost.description) }
        if let seconds = t.seconds { facts.append(String(format: "%.2f s", seconds)) }
        if t.attempts > 1 { facts.append("\(t.attempts) attempts") }
        out += "<div class=\"muted\">\(esc(facts.joined(separator: " · ")))</div>\n"
        if !t.current { out += "<div class=\"muted\">made from an earlier version of the shot</div>\n" }
        if !t.notes.isEmpty {
            out += "<div class=\"muted\">carries notes \(t.notes.map(String.init).joined(separator: ", "))</div>\n"
        }
        out += "</div>\n</div>\n"
        return out
    }
}
