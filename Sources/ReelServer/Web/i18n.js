// Every label of the studio, in English and Chinese. One table: a string missing in one
// language shows the other's, never a key.
const table = {
  projects: ["Projects", "项目"],
  noProjects: ["No projects here yet: start one below, or run `reel new` in the projects folder.", "这里还没有项目：在下面新建一个，或在项目文件夹中运行 `reel new`。"],
  new_project: ["New project", "新建项目"],
  new_from_idea_tab: ["From an idea", "从一个想法开始"],
  new_from_template_tab: ["From a template", "从模板开始"],
  new_idea_placeholder: ["A courier's last delivery on a stormy night is to the mother she has not seen in ten years", "外卖员在暴雨夜送最后一单，收件人是十年未见的母亲"],
  new_length: ["Length", "时长"],
  new_aspect: ["Aspect", "画幅"],
  new_language: ["Language", "语言"],
  new_language_auto: ["as the idea", "跟随想法"],
  new_draft: ["Draft the screenplay", "起草剧本"],
  new_draft_note: ["The server's language model writes an outline, then the screenplay (a few cents of tokens; asking again costs nothing). You can revise it later.", "服务器配置的语言模型先写大纲，再写剧本（花费几分钱的 token；同一想法再问不再花钱）。之后可以修改。"],
  new_from_template: ["Create from the template", "用模板创建"],
  new_template_note: ["Offline: no model, no key. Blanks left empty take the example shown.", "离线完成：不需要模型和密钥。留空的项使用示例。"],
  new_writing: ["Writing the outline, then the screenplay…", "正在写大纲，然后写剧本……"],
  new_making: ["Creating the project…", "正在创建项目……"],
  shots: ["shots", "个镜头"],
  workers: ["Workers", "工作机"],
  workers_none: ["No worker is at work: runs make their jobs on the server. Start `reel worker` on a machine to share them.", "没有工作机在运行：任务由服务器自己完成。在一台机器上运行 `reel worker` 即可分担。"],
  workers_slots: ["{busy} of {slots} slots busy", "{slots} 个槽位中 {busy} 个在忙"],
  workers_done: ["{done} done, {failed} failed", "完成 {done} 个，失败 {failed} 个"],
  workers_took_over: ["{n} taken over", "接手 {n} 个"],
  workers_silent: ["stopped", "已停止"],
  list_separator: [", ", "、"],
  workers_every_kind: ["every kind of job", "所有类型的任务"],
  workers_budget: ["Studio budget: {spent} spent, {inFlight} in flight, of {cap}", "工作室预算：已花费 {spent}，进行中 {inFlight}，上限 {cap}"],
  workers_waiting: ["{n} jobs waiting for a worker", "{n} 个任务在等待工作机"],
  workers_waiting_one: ["1 job waiting for a worker", "1 个任务在等待工作机"],
  spent: ["spent", "已花费"],
  budget: ["budget", "预算"],
  nothing: ["nothing", "无"],
  storyboard: ["Storyboard", "分镜"],
  cut: ["cut", "成片"],
  state_noTake: ["no take", "未生成"],
  state_generating: ["generating", "生成中"],
  state_ready: ["ready", "可用"],
  state_failed: ["failed", "失败"],
  state_qcFailed: ["QC failed", "质检未过"],
  check_passed: ["✓ passed the check", "✓ 质检通过"],
  critic: ["critic: subject {subject} · prompt {prompt} · artifacts {artifacts} (of 10)", "评审：主体 {subject} · 提示词 {prompt} · 瑕疵 {artifacts}（满分 10）"],
  check_failed: ["✗ failed the check", "✗ 质检未过"],
  carries_notes: ["carries notes", "带着批注"],
  notes: ["Notes", "批注"],
  note_add: ["Note this frame", "批注此帧"],
  note_drag: ["Drag a box over what should change", "拖出需要修改的区域"],
  note_placeholder: ["What should change? (the next takes carry it)", "需要改什么？（下一条会带上）"],
  note_at: ["at {seconds} s — drag a box on the picture (optional)", "{seconds} 秒处 —— 可在画面上拖出区域"],
  note_save: ["Save note", "保存批注"],
  note_none: ["No notes yet: pause a take and note the frame.", "还没有批注：暂停一条视频，批注该帧。"],
  note_open: ["open", "待处理"],
  note_resolved: ["resolved", "已解决"],
  note_carriedBy: ["carried by", "已带入"],
  note_withdrawn: ["withdrawn", "已撤回"],
  note_withdraw: ["Withdraw", "撤回"],
  note_withdrawHint: ["Later takes will not carry this note; it stays in the list", "之后生成的镜头不再带上这条批注；批注仍保留在列表里"],
  cancel: ["Cancel", "取消"],
  changedElsewhere: ["Someone changed this project.", "有人修改了这个项目。"],
  refresh: ["Refresh", "刷新"],
  state_picked: ["picked", "已选"],
  keyframes: ["Keyframes", "关键帧"],
  takes: ["Takes", "镜头版本"],
  noTakes: ["No takes yet: `reel generate --shots {shot}`.", "还没有镜头版本：`reel generate --shots {shot}`。"],
  noKeyframes: ["No keyframes yet: `reel keyframes --shots {shot}`.", "还没有关键帧：`reel keyframes --shots {shot}`。"],
  pick: ["Pick", "选用"],
  picked: ["Picked", "已选用"],
  playTogether: ["▶ Play together", "▶ 同步播放"],
  remote: ["A remote model gets", "远程模型收到"],
  prompt: ["Prompt", "提示词"],
  version: ["version", "版本"],
  edit: ["Edit", "编辑"],
  size: ["Size", "景别"],
  move: ["Move", "运镜"],
  duration: ["Seconds", "时长（秒）"],
  mode: ["Mode", "模式"],
  save: ["Save", "保存"],
  saved: ["Saved.", "已保存。"],
  reload: ["Reload", "重新加载"],
  offline: ["The studio cannot reach the server. Retrying…", "无法连接服务器，正在重试…"],
  inFrame: ["In frame", "画面中"],
  noOne: ["no one", "无人"],
  back: ["← Storyboard", "← 分镜"],
  cast: ["Cast", "角色"],
  cast_link: ["Cast and voices →", "角色与配音 →"],
  cast_note: ["Who is in the film: reference images lock how they look (`reel cast add`), and each character has a voice. A voice cast here voices that character's lines anew the next time the film is made; everyone else's lines keep theirs.", "片中的角色：参考图锁定外观（`reel cast add`），每个角色都有自己的声音。在这里选定声音后，下次成片时该角色的台词会用新声音重新配音，其他角色的台词保持不变。"],
  kind_character: ["character", "人物"],
  kind_prop: ["prop", "道具"],
  kind_location: ["place", "场景"],
  from_script: ["from the script", "来自剧本"],
  added: ["added", "手动添加"],
  refs_none: ["No reference images yet: drop some below, or `reel cast add {name} --image FILE`.", "还没有参考图：拖到下面，或 `reel cast add {name} --image 文件`。"],
  real_person: ["A real person; consent", "真人肖像；授权"],
  voice: ["Voice", "声音"],
  voice_speaks: ["speaks this project", "本项目配音"],
  voice_keep: ["— keep the voice —", "—— 保持当前声音 ——"],
  voice_cast: ["cast", "已选定"],
  voice_guess: ["the planner's guess", "系统推测"],
  voice_save: ["Cast this voice", "选定声音"],
  voice_sample: ["▶ Hear the first line", "▶ 试听第一句"],
  voice_sampling: ["Voicing the first line…", "正在为第一句配音…"],
  voice_reset: ["back to the planner's voice", "恢复系统推测的声音"],
  pitch: ["Pitch", "音高"],
  pace: ["Pace", "语速"],
  gender_female: ["female", "女"],
  gender_male: ["male", "男"],
  gender_unknown: ["any", "中性"],
  language: ["中文", "English"],
  refs_drop: ["Drop reference images here (PNG, JPEG, WebP), or", "把参考图拖到这里（PNG、JPEG、WebP），或"],
  refs_choose: ["choose them", "选择文件"],
  refs_adding: ["Adding {name}…", "正在添加 {name}……"],
  cut_title: ["The cut", "成片"],
  cut_none: ["Not rendered yet: the cut uses each shot's picked take, else its newest good one, else the animatic.", "还没有渲染：成片使用每个镜头选定的版本，没有则用最新的合格版本，再没有则用动态分镜。"],
  cut_render: ["Render the cut", "渲染成片"],
  cut_render_again: ["Render again", "重新渲染"],
  cut_download: ["Download", "下载"],
  export_for: ["For your editor:", "导出到剪辑软件："],
  export_otio: ["OTIO", "OTIO"],
  export_fcpxml: ["FCPXML (Final Cut, Resolve)", "FCPXML（Final Cut、达芬奇）"],
  export_edl: ["EDL", "EDL"],
  export_srt: ["SRT subtitles", "SRT 字幕"],
  export_vtt: ["VTT subtitles", "VTT 字幕"],
  export_board: ["Storyboard sheet", "分镜表"],
  export_making: ["Exporting {format}…", "正在导出 {format}……"],
  consent_none: ["no consent recorded: their images go to no provider", "没有授权记录：其图片不会发送给任何服务商"],
  consent_by: ["Granted by", "授权人"],
  consent_providers: ["Providers (empty: any)", "服务商（留空为全部）"],
  consent_expires: ["Until (last day)", "有效期至"],
  consent_evidence: ["Signed evidence", "签署的授权文件"],
  consent_grant: ["Record the consent", "记录授权"],
  consent_reason: ["Reason", "原因"],
  consent_revoke: ["Revoke the consent", "撤销授权"],
  signIn: ["Sign in", "登录"],
  signIn_title: ["Sign in to the studio", "登录工作室"],
  signIn_name: ["Name", "用户名"],
  signIn_password: ["Password", "密码"],
  signIn_wait: ["Too many wrong passwords for this name: try again in {n} s.", "这个用户名的密码错误次数太多：请 {n} 秒后再试。"],
  signIn_help: ["The studio's owner gives you a name and a password (`reel users add`).", "工作室的所有者会给你用户名和密码（`reel users add`）。"],
  signOut: ["Sign out", "退出"],
  role_owner: ["owner", "所有者"],
  role_editor: ["editor", "编辑"],
  role_reviewer: ["reviewer", "审阅"],
  role_viewer: ["viewer", "只读"],
  generate: ["Generate", "生成"],
  generate_button: ["Generate {n} takes · {cost}", "生成 {n} 条 · {cost}"],
  generate_button_one: ["Generate 1 take · {cost}", "生成 1 条 · {cost}"],
  generate_one: ["One more take · {cost}", "再生成一条 · {cost}"],
  generate_free: ["free, on this machine", "本机生成，免费"],
  generate_nothing: ["Every shot has its takes", "每个镜头都已有生成结果"],
  generate_unknown: ["cost unknown", "费用未知"],
  generate_estimating: ["Estimating…", "正在估算……"],
  generate_busy: ["Generating… (the run below)", "生成中……（见下方任务）"],
  generate_takes: ["Takes per shot", "每个镜头条数"],
  run: ["Run", "任务"],
  run_render: ["Render", "渲染"],
  run_running: ["generating", "生成中"],
  run_finished: ["finished", "已完成"],
  run_stopped: ["stopped", "已停止"],
  run_stopping: ["stopping", "正在停止"],
  run_stop: ["Stop", "停止"],
  run_stop_help: ["no job starts any more; takes already sent to a provider are kept, and Resume fetches them without paying twice",
    "不再开始新的任务；已提交给模型的镜头会保留，“继续”会取回它们，不会重复付费"],
  run_jobs: ["jobs", "个作业"],
  run_starting: ["starting", "正在开始"],
  run_cost: ["cost so far", "已花费"],
  run_estimated: ["estimated", "预估"],
  run_elsewhere: ["{who} is running this project now: its takes appear here as they finish.", "{who} 正在运行这个项目：生成完成后会显示在这里。"],
  run_unfinished_one: ["1 shot has takes left unfinished (the run was cut short). Resuming polls what was submitted and adds no take; nothing is paid twice.", "1 个镜头有未完成的生成（任务被中断）。继续会查询已提交的任务，不会新增生成，也不会重复付费。"],
  run_unfinished: ["{n} shots have takes left unfinished (the run was cut short). Resuming polls what was submitted and adds no take; nothing is paid twice.", "{n} 个镜头有未完成的生成（任务被中断）。继续会查询已提交的任务，不会新增生成，也不会重复付费。"],
  run_resume: ["Resume", "继续"],
};

// `?lang=zh` or `?lang=en` in the address wins (a link for a colleague), then the last choice, then the browser's.
const asked = new URLSearchParams(location.search).get("lang");
let current = ["zh", "en"].includes(asked) ? asked
  : localStorage.getItem("reel.language") || (navigator.language.startsWith("zh") ? "zh" : "en");

export function language() { return current; }

export function setLanguage(value) {
  current = value;
  localStorage.setItem("reel.language", value);
  document.documentElement.lang = value === "zh" ? "zh-Hans" : "en";
}

// A job's label as the server names it (`take S01-02#1`, `the cut`): its English words, and their Chinese.
const jobWords = [
  ["take ", "镜头版本 "], ["check ", "质检 "], ["clip ", "片段 "], ["keyframe ", "关键帧 "], ["panel ", "分镜画面 "],
  ["voice ", "配音 "], ["music scene ", "配乐 场景 "], ["subtitles ", "字幕 "], ["subtitles", "字幕"], ["soundtrack", "混音"],
  ["the cut", "剪辑成片"], ["last frame of ", "尾帧 "], ["reference ", "参考图 "], ["caption ", "字卡 "], ["write the ", "撰写 "],
];
// The kinds of job a worker takes.
const jobKinds = {
  image: "图像", video: "视频", speech: "配音", music: "配乐", conform: "规整", mix: "混音", subtitles: "字幕", overlay: "叠加层",
  burn: "压字幕", asset: "素材", assemble: "成片", frame: "取帧", check: "质检", chat: "文本",
};

/** A job's label (`take S01-02#1`) in the current language. */
export function jobLabel(label) {
  if (current !== "zh") return label;
  const word = jobWords.find(([en]) => label.startsWith(en));
  return word ? word[1] + label.slice(word[0].length) : label;
}

/** A kind of job (`video`) in the current language. */
export function jobKind(kind) { return current === "zh" ? jobKinds[kind] || kind : kind; }

/** The label `key` in the current language, `{name}` filled from `values`. */
export function t(key, values = {}) {
  // One of a count has its own text where the table has KEY_one.
  const pair = (values.n === 1 && table[`${key}_one`]) || table[key];
  let text = pair ? (current === "zh" ? pair[1] || pair[0] : pair[0]) : key;
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, value);
  return text;
}
