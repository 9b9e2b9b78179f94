import Foundation
import ReelModel

/// The objects a story keeps coming back to — the ring, the umbrella, the e-bike, 玉佩,
/// 外卖箱 — found by the planner so the cast can lock how they look with reference images.
///
/// A prop is a subject when the action names it in two paragraphs or more: once is set
/// dressing, twice is a thing the audience must recognise. It is in frame in every shot
/// whose action (or a speaker's parenthetical) names it.
enum Props {
    /// A prop the planner knows, in one language: the subject's name and the words that name
    /// it (``WordText`` entries: English whole words, Chinese anywhere, so Chinese words are
    /// the ones that cannot hide inside others — `信封`, never `信`, which is in `相信`).
    struct Known: Sendable {
        let name: String
        /// The words as written, lowercased.
        let texts: [String]
        let words: [WordText.Entry]

        init(_ name: String, _ words: [String]) {
            self.name = name
            self.texts = ([name] + words).map { $0.lowercased() }
            self.words = WordText.Entry.list(words)
        }

        /// True when a character's or a place's name is one of its words or holds one (a whole
        /// word; Chinese anywhere): a character called PISTOL, a heading `INT. TAXI` or
        /// `EXT. CAR PARK`, a place called 出租车站.
        func isNamedBy(_ names: Set<String>) -> Bool {
            texts.contains { text in
                if names.contains(text) { return true }
                if text.unicodeScalars.first.map(Language.isCJK) == true { return names.contains { $0.contains(text) } }
                return names.contains { $0.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).contains { $0 == text } }
            }
        }
    }

    /// English words that are more often verbs or adjectives (`guns the engine`, `masks her
    /// fear`) are left out; so are Chinese ones inside common words (`手表` in `举手表决`).
    static let known: [Known] = [
        Known("phone", ["phone", "phones", "cellphone", "smartphone", "mobile phone"]),
        Known("letter", ["letter", "letters"]),
        Known("envelope", ["envelope", "envelopes"]),
        Known("photo", ["photo", "photos", "photograph", "photographs", "polaroid"]),
        Known("ring", ["ring", "wedding ring", "engagement ring"]),
        Known("key", ["key", "keys"]),
        Known("necklace", ["necklace", "pendant", "locket"]),
        Known("watch", ["wristwatch", "pocket watch"]),
        Known("wallet", ["wallet", "purse"]),
        Known("briefcase", ["briefcase"]),
        Known("suitcase", ["suitcase", "suitcases", "luggage"]),
        Known("umbrella", ["umbrella", "umbrellas", "parasol"]),
        Known("backpack", ["backpack", "rucksack"]),
        Known("box", ["box", "parcel", "package"]),
        Known("gun", ["gun", "pistol", "revolver", "rifle", "shotgun"]),
        Known("knife", ["knife", "knives", "dagger"]),
        Known("sword", ["sword", "swords"]),
        Known("diary", ["diary", "notebook", "journal"]),
        Known("laptop", ["laptop"]),
        Known("contract", ["contract"]),
        Known("guitar", ["guitar"]),
        Known("bouquet", ["bouquet", "roses"]),
        Known("cake", ["cake"]),
        Known("bottle", ["bottle", "wine bottle"]),
        Known("ticket", ["ticket", "tickets"]),
        Known("mask", ["mask"]),
        Known("lantern", ["lantern", "lanterns"]),
        Known("e-bike", ["e-bike", "ebike", "bike", "bikes", "bicycle", "scooter", "moped", "motorbike", "motorcycle"]),
        Known("car", ["car", "taxi"]),
        Known("手机", ["手机"]),
        Known("信封", ["信封", "信件"]),
        Known("照片", ["照片", "相片", "合影"]),
        Known("戒指", ["戒指", "钻戒"]),
        Known("钥匙", ["钥匙"]),
        Known("项链", ["项链", "吊坠"]),
        Known("钱包", ["钱包"]),
        Known("行李箱", ["行李箱", "皮箱", "拉杆箱"]),
        Known("雨伞", ["伞"]),
        Known("书包", ["书包", "双肩包"]),
        Known("外卖箱", ["外卖箱", "保温箱"]),
        Known("快递", ["快递盒", "快递箱"]),
        Known("手枪", ["手枪", "枪"]),
        Known("匕首", ["匕首", "菜刀", "水果刀", "刀子"]),
        Known("宝剑", ["宝剑", "长剑", "佩剑"]),
        Known("日记本", ["日记"]),
        Known("笔记本电脑", ["笔记本电脑", "电脑"]),
        Known("合同", ["合同", "协议书"]),
        Known("亲子鉴定", ["亲子鉴定", "鉴定报告"]),
        Known("玉佩", ["玉佩"]),
        Known("手镯", ["手镯", "玉镯"]),
        Known("发簪", ["发簪", "簪子"]),
        Known("支票", ["支票"]),
        Known("银行卡", ["银行卡", "黑卡"]),
        Known("录音笔", ["录音笔"]),
        Known("蛋糕", ["蛋糕"]),
        Known("玫瑰", ["玫瑰", "花束"]),
        Known("婚纱", ["婚纱"]),
        Known("面具", ["面具"]),
        Known("灯笼", ["灯笼"]),
        Known("圣旨", ["圣旨"]),
        Known("令牌", ["令牌"]),
        Known("电动车", ["电动车", "电瓶车", "电驴", "自行车", "单车", "摩托"]),
        Known("汽车", ["小汽车", "轿车", "出租车", "豪车"]),
    ]

    /// Where each known prop was named while planning: the shots (indices into the plan's
    /// shots) and the paragraphs (their first lines).
    struct Mentions {
        private var shots: [Int: [Int]] = [:]
        private var paragraphs: [Int: Set<Int>] = [:]

        /// Notes the known props `words` names, for the shot at `shot`, from the paragraph at `line`.
        mutating func note(_ words: WordText, shot: Int, line: Int) {
            for (k, prop) in Props.known.enumerated() where words.containsAny(prop.words) {
                shots[k, default: []].append(shot)
                paragraphs[k, default: []].insert(line)
            }
        }

        /// The props named in two paragraphs or more, each put in frame in the shots naming
        /// it (after the characters); a prop a character's or a place's name holds (`taken`,
        /// lowercased) is left to them.
        func place(in shots: inout [Shot], taken: Set<String>) -> [Subject] {
            var found: [Subject] = []
            for k in self.shots.keys.sorted() where paragraphs[k, default: []].count >= 2 {
                let name = Props.known[k].name
                guard !Props.known[k].isNamedBy(taken) else { continue }
                let subject = Subject(id: Subject.makeID(kind: .prop, name: name), kind: .prop, name: name)
                found.append(subject)
                for s in self.shots[k, default: []] where s < shots.count && !shots[s].subjects.contains(subject.id) {
                    shots[s].subjects.append(subject.id)
                }
            }
            return found
        }
    }
}

extension Storyboard {
    /// The storyboard with `subjects` — characters and props the user added to the cast,
    /// which the planner does not know — in frame in every shot whose action (or a speaker's
    /// parenthetical) names them: a character by their name or, for a Latin name, any word of
    /// it (`Lin` for `Lin Xiao`); a prop by its name. An empty shot takes props, not people;
    /// a place's subject comes with its scene instead, and an opening shot that only repeats
    /// its heading names nothing.
    public func placingByName(_ subjects: some Sequence<SubjectID>) -> Storyboard {
        let named: [(id: SubjectID, character: Bool, entries: [WordText.Entry])] = subjects.compactMap { id in
            guard let subject = subject(id), subject.kind != .location else { return nil }
            let names = subject.kind == .character ? Cast.aliases(for: subject.name) : [subject.name]
            return (id, subject.kind == .character, WordText.Entry.list(names))
        }
        guard !named.isEmpty else { return self }
        var board = self
        for i in board.shots.indices {
            let shot = board.shots[i]
            guard !shot.action.isEmpty, !(shot.purpose == .establishing && shot.action == scene(shot.scene)?.heading) else { continue }
            let words = WordText(shot.action)
            for subject in named where !shot.subjects.contains(subject.id) && !(subject.character && shot.empty == true) {
                guard words.containsAny(subject.entries) else { continue }
                if subject.character {
                    // After the people already in frame, before the props.
                    let at = board.shots[i].subjects.firstIndex { $0.kind != .character } ?? board.shots[i].subjects.count
                    board.shots[i].subjects.insert(subject.id, at: at)
                } else {
                    board.shots[i].subjects.append(subject.id)
                }
            }
        }
        return board
    }
}
