// Each scene's music — what `reel music` does: where it plays, what it is asked and of whom,
// its takes to listen to side by side, and the one the film plays. Editors change the words,
// the mood, the provider and how many takes; the takes not made yet are made as a run of the
// server's (priced on the button first), then picked with a click.
import { api } from "./api.js";
import { element, may, showError } from "./app.js";
import { t } from "./i18n.js";

const moods = ["calm", "warm", "joyful", "romantic", "sad", "tense", "mysterious", "action"];

function takeRow(project, scene, take, redraw, status) {
  const pick = may("editor") && take.state === "made" && !take.picked
    ? element("button", { type: "button", class: "pick", text: t("music_pick"), onclick: async () => {
      try {
        await redraw(await api.setMusic(project, scene.scene, { pick: take.number }));
      } catch (error) { status.replaceChildren(showError(error)); }
    } })
    : null;
  return element("li", { class: `music-take${take.picked ? " picked" : ""}`, "data-take": String(take.number), "data-state": take.state },
    element("b", { text: t("music_take", { n: take.number }) }),
    take.media ? element("audio", { controls: true, preload: "none", src: api.media(project, take.media) })
      : element("span", { class: "muted", text: t("music_state_" + take.state.replace(" ", "_")) + (take.estimate ? ` · ~${take.estimate}` : "") }),
    take.cost ? element("small", { class: "muted", text: take.cost }) : null,
    take.failure ? element("small", { class: "warning", text: take.failure }) : null,
    take.picked ? element("span", { class: "badge", text: t("music_picked") }) : pick);
}

function scenePanel(project, scene) {
  const status = element("span", { class: "status", role: "status" });
  const head = element("h3", {}, t("music_scene", { scene: scene.scene }), " ",
    element("small", { text: `${scene.heading} · ${scene.start.toFixed(1)}–${(scene.start + scene.length).toFixed(1)} s` }));
  if (scene.song) {
    return element("div", { class: "music-scene", "data-scene": scene.scene }, head,
      element("p", { class: "muted", text: t("music_song", { title: scene.song }) }));
  }
  const who = scene.paid ? scene.provider : t("song_offline");
  const asked = element("p", { class: "music-asked" },
    element("span", { class: "badge", text: t("mood_" + scene.mood) }), " ", who, ": ",
    scene.ownPrompt ? element("q", { text: scene.prompt }) : element("span", { class: "muted", text: scene.prompt }));
  const offlineWords = scene.ownPrompt && !scene.paid ? element("p", { class: "muted", text: t("music_offline_words") }) : null;
  const takes = element("ol", { class: "music-takes" });
  const panel = element("div", { class: "music-scene", "data-scene": scene.scene }, head, asked, offlineWords, takes);
  async function redraw(next) { panel.replaceWith(scenePanel(project, next)); }
  takes.replaceChildren(...scene.takes.map((take) => takeRow(project, scene, take, redraw, status)));
  if (!may("editor")) return panel;

  const missing = scene.takes.filter((take) => take.state !== "made");
  if (missing.length) {
    const priced = missing.map((take) => take.estimate).filter(Boolean);
    const make = element("button", { type: "button", class: "make-music",
      text: t("music_make", { n: missing.length }) + (priced.length ? ` (~${priced.join(" + ")})` : ` (${t("music_free")})`) });
    make.addEventListener("click", async () => {
      make.disabled = true;
      status.replaceChildren(t("music_making"));
      try {
        await api.makeMusic(project, scene.scene);
        await api.runDone(project);
        await redraw((await api.music(project)).scenes.find((s) => s.scene === scene.scene));
      } catch (error) {
        make.disabled = false;
        status.replaceChildren(showError(error));
      }
    });
    panel.append(make);
  }
  const mood = element("select", { name: "mood" },
    element("option", { value: "", text: t("music_scene_mood", { mood: t("mood_" + scene.sceneMood) }), selected: scene.mood === scene.sceneMood }),
    moods.map((m) => element("option", { value: m, text: t("mood_" + m), selected: scene.mood !== scene.sceneMood && scene.mood === m })));
  const form = element("form", { class: "music-form" },
    element("label", { class: "wide" }, t("music_words"),
      element("input", { name: "prompt", value: scene.words || "", placeholder: t("music_words_hint"), maxlength: "1000" })),
    element("label", {}, t("music_mood"), mood),
    // The scene's own provider; empty: the project's (`music:`), shown as the placeholder.
    element("label", {}, t("music_provider"), element("input", { name: "provider", value: scene.ownProvider || "", placeholder: scene.provider })),
    element("label", {}, t("music_takes"), element("input", { name: "takes", type: "number", min: "1", max: "8", value: String(scene.takes.length) })),
    element("button", { type: "submit", text: t("music_save") }),
    status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { prompt: data.get("prompt"), mood: data.get("mood"), provider: data.get("provider"), takes: Number(data.get("takes")) };
    status.replaceChildren(t("song_saving"));
    try {
      await redraw(await api.setMusic(project, scene.scene, body));
    } catch (error) { status.replaceChildren(showError(error)); }
  });
  panel.append(form);
  return panel;
}

/** Every scene's music, with the report's warnings. */
export function musicPanel(project, report) {
  return element("section", { class: "music" },
    element("h2", { text: t("music") }),
    element("p", { class: "muted", text: t("music_note") }),
    ...report.warnings.map((w) => element("p", { class: "warning", text: w })),
    ...report.scenes.map((scene) => scenePanel(project, scene)));
}
