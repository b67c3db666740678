// newsfacts dashboard: plain JavaScript on the public API, same origin, no libraries.
// The view lives in the URL's fragment (#/entity/vladimir-putin), so every view can be shared.
"use strict";

const main = document.getElementById("main");
const TYPES = ["person", "organization", "country", "location", "event", "group"];

// ---------- helpers ----------

/** ProblemError is an API error, carrying the problem document's detail. */
class ProblemError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** api GETs an API path and returns its JSON, or throws a ProblemError with the detail. */
async function api(path) {
  let res;
  try {
    res = await fetch(path, { headers: { Accept: "application/json" } });
  } catch (e) {
    throw new ProblemError(0, "the server cannot be reached (" + e.message + ")");
  }
  if (!res.ok) {
    let detail = res.status + " " + res.statusText;
    try {
      const p = await res.json();
      if (p && p.detail) detail = p.detail;
    } catch (_) { /* not a problem document */ }
    throw new ProblemError(res.status, detail);
  }
  return res.json();
}

/** h builds an element: h("a", {href: "#/"}, "text", child…). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

const enc = encodeURIComponent;
const entityLink = (id, name) => h("a", { href: "#/entity/" + enc(id) }, name || id);
const articleLink = (id, title) => h("a", { href: "#/article/" + enc(id) }, title || id);
const exerciseLink = (id, name) => h("a", { href: "#/exercise/" + enc(id) }, name || id);
const typeBadge = (t) => h("span", { class: "badge t-" + t }, t);
const plural = (n, one, many) => n + " " + (n === 1 ? one : many || one + "s");
const fmtPeriod = (p) => (p ? (p.start === p.end ? p.start : p.start + " – " + p.end) : "period unknown");

/** show replaces the view and marks it ready for the named view. */
function show(view, ...children) {
  main.replaceChildren(...children);
  main.dataset.view = view;
  main.dataset.hash = location.hash; // which URL the view shows: tests wait for it
  main.removeAttribute("aria-busy");
}

/** fail shows an API error: a not-found view for 404, else the problem's detail. */
function fail(err) {
  if (err instanceof ProblemError && err.status === 404) {
    show("notfound", h("h1", {}, "Not found"), h("p", { class: "problem", role: "alert" }, err.message),
      h("p", {}, h("a", { href: "#/" }, "Back to the overview")));
    document.title = "Not found · newsfacts";
    return;
  }
  show("error", h("h1", {}, "Something went wrong"),
    h("p", { class: "problem", role: "alert" }, err.message || String(err)),
    h("p", {}, h("a", { href: "#/" }, "Back to the overview")));
}

// ---------- routing ----------

/** route reads the fragment: "#/entity/x?bucket=week" → {parts: ["entity","x"], params}. */
function route() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch (_) {
      throw new ProblemError(404, "no view at " + location.hash + " (malformed)");
    }
  });
  return { parts, params: new URLSearchParams(query || "") };
}

// views maps a fragment's first part to its view; entity, article and exercise take an id.
const views = new Map([
  ["", () => overview()],
  ["search", (id, params) => search(params.get("q") || "")],
  ["entity", (id, params) => entity(id, params)],
  ["article", (id, params) => article(id, params)],
  ["exercises", () => exercises()],
  ["exercise", (id) => exercise(id)],
]);
const withID = ["entity", "article", "exercise"];

let renderSeq = 0;
async function render() {
  const seq = ++renderSeq;
  main.setAttribute("aria-busy", "true");
  let name = "";
  let params = new URLSearchParams();
  try {
    const r = route();
    params = r.params;
    name = r.parts[0] || "";
    for (const a of document.querySelectorAll(".top nav a")) {
      if (a.getAttribute("href") === "#/" + name) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    }
    const view = views.get(name);
    if (!view || r.parts.length !== (withID.includes(name) ? 2 : name ? 1 : 0)) {
      throw new ProblemError(404, "no view at " + location.hash);
    }
    const nodes = await view(r.parts[1], params);
    if (seq !== renderSeq) return; // a newer navigation won
    show(...nodes);
  } catch (err) {
    if (seq === renderSeq) fail(err);
  }
  if (seq === renderSeq && name !== "search") {
    document.getElementById("search").value = "";
    if (!params.has("at")) main.focus({ preventScroll: true });
  }
}

// ---------- overview ----------

async function overview() {
  document.title = "newsfacts";
  const [articles, entities, exs] = await Promise.all([
    api("/v1/articles?limit=10"),
    api("/v1/entities?limit=12"),
    api("/v1/exercises?limit=20"),
  ]);
  return ["overview",
    h("h1", {}, "Overview"),
    h("div", { class: "grid" },
      h("section", { class: "card", "aria-labelledby": "h-latest" },
        h("h2", { id: "h-latest" }, "Latest articles"),
        articles.data.length ? h("ol", { class: "plain", id: "latest" }, articles.data.map(articleItem))
          : h("p", { class: "muted" }, "No articles yet: ingest some.")),
      h("section", { class: "card", "aria-labelledby": "h-top" },
        h("h2", { id: "h-top" }, "Most mentioned"),
        h("ol", { class: "plain", id: "top-entities" }, entities.data.map(entityItem))),
      h("section", { class: "card", "aria-labelledby": "h-ex" },
        h("h2", { id: "h-ex" }, "Exercises by period"),
        exs.data.length ? periodChart(exs.data, 320) : null,
        h("ul", { class: "plain" }, exs.data.map(exerciseItem)),
        h("p", {}, h("a", { href: "#/exercises" }, "All exercises")))),
  ];
}

function articleItem(a) {
  return h("li", {}, articleLink(a.id, a.title),
    h("div", { class: "meta" }, [a.published_at || "undated", a.source,
      plural(a.entity_count, "entity", "entities"), plural(a.statement_count, "statement"),
      plural(a.exercise_count, "exercise")].filter(Boolean).join(" · ")));
}

function entityItem(e) {
  return h("li", {}, entityLink(e.id, e.name), typeBadge(e.type),
    h("div", { class: "counts" }, plural(e.mention_count, "mention") + " · " +
      plural(e.article_count, "article") + " · " + plural(e.statement_count, "statement")));
}

function exerciseItem(x) {
  return h("li", {}, exerciseLink(x.id, x.name),
    h("div", { class: "meta" }, fmtPeriod(x.period),
      x.host_id ? [" · host ", entityLink(x.host_id)] : null));
}

// ---------- search ----------

async function search(q) {
  document.title = (q ? q + " · " : "") + "search · newsfacts";
  const input = document.getElementById("search");
  if (document.activeElement !== input) input.value = q;
  if (!q.trim()) return ["search", h("h1", {}, "Search"), h("p", { class: "muted" }, "Type a name: misspellings are fine.")];
  const res = await api("/v1/entities?limit=25&q=" + enc(q));
  return ["search",
    h("h1", {}, "Entities matching “", q, "”"),
    res.data.length ? h("ol", { class: "plain", id: "results" }, res.data.map(entityItem))
      : h("p", { class: "muted", id: "results" }, "Nothing matches."),
  ];
}

let searchTimer = 0;
function onSearchInput(e) {
  clearTimeout(searchTimer);
  const q = e.target.value;
  searchTimer = setTimeout(() => {
    const target = "#/search?q=" + enc(q);
    if (location.hash.startsWith("#/search")) {
      history.replaceState(null, "", target);
      render();
    } else {
      location.hash = target; // a new history entry, so Back returns to where one was
    }
  }, 120);
}

// ---------- entity ----------

async function entity(id, params) {
  const bucket = ["day", "week", "month"].includes(params.get("bucket")) ? params.get("bucket") : "month";
  const kind = ["direct", "indirect"].includes(params.get("kind")) ? params.get("kind") : "";
  const isDate = (d) => /^\d{4}-\d{2}-\d{2}$/.test(d || "");
  const from = isDate(params.get("from")) ? params.get("from") : "";
  const to = isDate(params.get("to")) ? params.get("to") : "";
  const range = (a, b) => (from ? `&${a}=${from}` : "") + (to ? `&${b}=${to}` : "");
  const e = await api("/v1/entities/" + enc(id));
  document.title = e.name + " · newsfacts";
  const [timeline, related, statements, mentions, affiliation] = await Promise.all([
    api(`/v1/entities/${enc(id)}/timeline?bucket=${bucket}` + range("from", "to")),
    api(`/v1/entities/${enc(id)}/related?limit=15`),
    api(`/v1/statements?speaker_id=${enc(id)}&limit=25` + (kind ? "&kind=" + kind : "") + range("said_after", "said_before")),
    api(`/v1/entities/${enc(id)}/mentions?limit=25`),
    e.affiliation_id ? api("/v1/entities/" + enc(e.affiliation_id)).catch(() => null) : null,
  ]);
  const setParam = (k, v) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v); else p.delete(k);
    location.hash = "#/entity/" + enc(id) + (p.toString() ? "?" + p : "");
  };
  return ["entity",
    h("h1", {}, e.name, typeBadge(e.type)),
    h("dl", { class: "facts" },
      e.title ? [h("dt", {}, "Title"), h("dd", { id: "entity-title" }, e.title)] : null,
      e.affiliation_id ? [h("dt", {}, "Affiliation"), h("dd", {}, entityLink(e.affiliation_id, affiliation ? affiliation.name : e.affiliation_id))] : null,
      [h("dt", {}, "Also called"), h("dd", { id: "aliases" }, e.aliases.length ? e.aliases.join(", ") : "—")],
      [h("dt", {}, "Counts"), h("dd", {}, plural(e.mention_count, "mention") + " in " + plural(e.article_count, "article") + ", " + plural(e.statement_count, "statement"))]),
    h("div", { class: "grid" },
      h("section", { class: "card", "aria-labelledby": "h-tl" },
        h("h2", { id: "h-tl" }, "Timeline"),
        h("div", { class: "toolbar" },
          h("label", {}, "Bucket ",
            selectOf(["month", "week", "day"], bucket, (v) => setParam("bucket", v === "month" ? "" : v)))),
        timelineChart(timeline)),
      h("section", { class: "card", "aria-labelledby": "h-rel" },
        h("h2", { id: "h-rel" }, "Appears with"),
        related.data.length ? h("ol", { class: "plain", id: "related" }, related.data.map((r) =>
          h("li", {}, entityLink(r.id, r.name), typeBadge(r.type),
            h("span", { class: "counts" }, " · " + plural(r.shared_articles, "shared article")))))
          : h("p", { class: "muted" }, "Nobody yet."))),
    h("section", { "aria-labelledby": "h-st" },
      h("h2", { id: "h-st" }, "Statements"),
      h("div", { class: "toolbar" },
        h("label", {}, "Kind ",
          selectOf(["", "direct", "indirect"], kind, (v) => setParam("kind", v), { "": "all", direct: "direct (quoted)", indirect: "indirect (reported)" })),
        h("label", {}, "Said from ", h("input", { type: "date", id: "said-from", value: from, onchange: (ev) => setParam("from", ev.target.value) })),
        h("label", {}, "to ", h("input", { type: "date", id: "said-to", value: to, onchange: (ev) => setParam("to", ev.target.value) }))),
      from || to ? h("p", { class: "meta" }, "Dated statements only; the timeline above shows the same period.") : null,
      statements.data.length ? h("ul", { class: "plain", id: "statements" }, statements.data.map(statementItem))
        : h("p", { class: "muted" }, "No statements" + (kind ? " of this kind." : "."))),
    h("section", { "aria-labelledby": "h-m" },
      h("h2", { id: "h-m" }, "Mentions"),
      h("ul", { class: "plain", id: "mentions" }, mentions.data.map((m) =>
        h("li", {}, h("div", { class: "snippet" }, snippet(m.snippet, m.text)),
          h("div", { class: "meta" }, h("a", { href: "#/article/" + enc(m.article_id) + "?at=" + m.start }, "read in the article"), " · characters " + m.start + "–" + m.end))))),
  ];
}

function selectOf(values, current, onChange, labels) {
  return h("select", { onchange: (ev) => onChange(ev.target.value) },
    values.map((v) => h("option", { value: v, selected: v === current }, (labels && labels[v]) || v)));
}

function statementItem(st) {
  return h("li", {},
    h("blockquote", { class: st.kind }, st.kind === "direct" ? "“" + st.text + "”" : st.text),
    h("div", { class: "meta" }, st.kind, " · ", st.verb, " · ", st.said_on || "date unknown", " · ",
      h("a", { href: "#/article/" + enc(st.article_id) + "?at=" + st.start }, "in context")));
}

/** snippet marks the first occurrence of text in a snippet. */
function snippet(sn, text) {
  const i = sn.indexOf(text);
  if (i < 0) return sn;
  return [sn.slice(0, i), h("mark", {}, text), sn.slice(i + text.length)];
}

// ---------- charts (hand-drawn SVG) ----------

/** dense fills the buckets between the first and the last with zeros (at most 400). */
function dense(points, bucket) {
  if (points.length < 2) return points;
  const byStart = new Map(points.map((p) => [p.start, p]));
  const out = [];
  const d = new Date(points[0].start + "T00:00:00Z");
  const last = points[points.length - 1].start;
  while (out.length < 400) {
    const k = d.toISOString().slice(0, 10);
    out.push(byStart.get(k) || { start: k, mentions: 0, articles: 0, statements: 0 });
    if (k >= last) return out;
    if (bucket === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + (bucket === "week" ? 7 : 1));
  }
  return points; // too long a range to fill: bars for the non-empty buckets only
}

function timelineChart(t) {
  const pts = dense(t.data, t.bucket);
  const undated = t.undated.mentions
    ? h("p", { class: "meta", id: "undated" }, "Undated articles: " + plural(t.undated.mentions, "mention") + " in " + plural(t.undated.articles, "article") + ", " + plural(t.undated.statements, "statement") + ".")
    : null;
  if (!pts.length) return h("div", { id: "timeline" }, h("p", { class: "muted" }, "No dated mentions."), undated);
  const W = 600, H = 180, L = 34, B = 22, T = 8;
  const max = Math.max(1, ...pts.map((p) => p.mentions));
  const bw = Math.min(48, (W - L - 4) / pts.length);
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const svg = s("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Mentions per " + t.bucket },
    s("line", { class: "axis", x1: L, y1: H - B, x2: W, y2: H - B }),
    s("text", { x: L - 4, y: y(max) + 4, "text-anchor": "end" }, max),
    s("text", { x: L - 4, y: H - B, "text-anchor": "end" }, 0),
    pts.map((p, i) => s("rect", {
      class: "bar", x: L + i * bw + bw * 0.1, y: y(p.mentions), width: Math.max(1, bw * 0.8), height: H - B - y(p.mentions),
      tabindex: 0,
    }, s("title", {}, `${p.start}: ${plural(p.mentions, "mention")}, ${plural(p.articles, "article")}, ${plural(p.statements, "statement")}`))),
    s("text", { x: L, y: H - 6 }, pts[0].start),
    pts.length > 1 ? s("text", { x: L + pts.length * bw, y: H - 6, "text-anchor": "end" }, pts[pts.length - 1].start) : null);
  return h("div", { id: "timeline" }, svg, undated);
}

/** periodChart draws each exercise's period as a bar on one time axis. */
function periodChart(list, W = 700) {
  const xs = list.filter((x) => x.period);
  if (!xs.length) return null;
  const t = (d) => Date.parse(d + "T00:00:00Z");
  const lo = Math.min(...xs.map((x) => t(x.period.start)));
  const hi = Math.max(...xs.map((x) => t(x.period.end))) + 864e5;
  const L = Math.min(130, W * 0.36), row = 22, H = xs.length * row + 26;
  const x = (ms) => L + (W - L - 6) * (ms - lo) / Math.max(1, hi - lo);
  return s("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Exercise periods", id: "periods" },
    xs.map((e, i) => {
      const a = s("a", { href: "#/exercise/" + enc(e.id) },
        s("text", { x: 0, y: i * row + 15 }, e.name.length > L / 6.5 ? e.name.slice(0, Math.floor(L / 6.5) - 1) + "…" : e.name),
        s("rect", { class: "period", x: x(t(e.period.start)), y: i * row + 4, width: Math.max(3, x(t(e.period.end) + 864e5) - x(t(e.period.start))), height: 14, rx: 3 },
          s("title", {}, e.name + ": " + fmtPeriod(e.period))));
      return a;
    }),
    s("text", { x: L, y: H - 4 }, new Date(lo).toISOString().slice(0, 10)),
    s("text", { x: W, y: H - 4, "text-anchor": "end" }, new Date(hi - 864e5).toISOString().slice(0, 10)));
}

// ---------- exercises ----------

// more says how many of a capped list (an exercise carries up to 50 participant ids) were left
// out.
function more(count, shown) {
  return count > shown ? " and " + (count - shown) + " more" : null;
}

async function exercises() {
  document.title = "Exercises · newsfacts";
  const res = await api("/v1/exercises?limit=100");
  return ["exercises",
    h("h1", {}, "Exercises"),
    res.data.length ? h("section", { class: "card" }, periodChart(res.data)) : h("p", { class: "muted" }, "No exercises yet."),
    h("ul", { class: "plain", id: "exercise-list" }, res.data.map((x) => h("li", {},
      exerciseLink(x.id, x.name), typeBadge("exercise"),
      h("div", { class: "meta" }, fmtPeriod(x.period), x.host_id ? [" · host ", entityLink(x.host_id)] : null),
      // A list item counts its participants; the exercise's page names them.
      x.participant_count ? h("div", { class: "meta" }, x.participant_count + (x.participant_count === 1 ? " participant" : " participants")) : null))),
  ];
}

async function exercise(id) {
  const x = await api("/v1/exercises/" + enc(id));
  document.title = x.name + " · newsfacts";
  // The articles that report it, first report first (article_ids on servers before issue 12).
  const reports = x.article_ids ? x.article_ids.map((a, i) => ({ id: a, title: "article " + (i + 1) }))
    : (await api("/v1/exercises/" + enc(id) + "/articles?limit=50")).data;
  return ["exercise",
    h("h1", {}, x.name, typeBadge("exercise")),
    h("dl", { class: "facts" },
      h("dt", {}, "Also called"), h("dd", {}, x.aliases.length ? x.aliases.join(", ") : "—"),
      h("dt", {}, "Period"), h("dd", {}, x.period ? fmtPeriod(x.period) + " (“" + x.period.text + "”)" : "unknown"),
      h("dt", {}, "Host"), h("dd", {}, x.host ? entityLink(x.host.id, x.host.name) : x.host_id ? entityLink(x.host_id) : "unknown"),
      h("dt", {}, "Participants"), h("dd", { id: "participants" }, (x.participants || []).map((p, i) => [i ? ", " : "", entityLink(p.id, p.name)]),
        more(x.participant_count, (x.participant_ids || []).length)),
      h("dt", {}, "Purpose"), h("dd", {}, x.purpose || "—"),
      h("dt", {}, "Reported in"), h("dd", { id: "reports" }, reports.map((a, i) => [i ? "; " : "", articleLink(a.id, a.title)]))),
  ];
}

// ---------- article reader ----------

/**
 * highlights builds the body's nodes with every fact's span marked. Spans are Unicode code point
 * offsets, while JavaScript strings index UTF-16 units: the body is split into code points first.
 * Marks nest (a statement holds its speaker's mention); a span that crosses another's end is cut
 * in pieces that share its data-key, so each fact's text is still all of its marks' text.
 */
function highlights(body, facts) {
  const cps = Array.from(body);
  const marks = [];
  const entityType = new Map(facts.entities.map((e) => [e.id, e]));
  for (const e of facts.entities) {
    for (const m of e.mentions) {
      marks.push({ start: m.start, end: m.end, rank: 2, cls: "hl entity t-" + e.type, kind: "entity",
        info: `${e.name} (${e.type})`, href: "#/entity/" + enc(e.id) });
    }
  }
  for (const x of facts.exercises) {
    for (const m of x.mentions || []) {
      marks.push({ start: m.start, end: m.end, rank: 2, cls: "hl exercise", kind: "exercise",
        info: `Exercise ${x.name}` + (x.period ? `, ${fmtPeriod(x.period)}` : ""), href: "#/exercise/" + enc(x.id) });
    }
  }
  for (const st of facts.statements) {
    const speaker = st.speaker_id && entityType.get(st.speaker_id) ? entityType.get(st.speaker_id).name : st.speaker_text;
    marks.push({ start: st.start, end: st.end, rank: 1, cls: "hl statement " + st.kind, kind: "statement",
      info: `${st.kind === "direct" ? "Direct quote" : "Reported speech"} by ${speaker || "an unknown speaker"} (${st.verb}${st.said_on ? ", " + st.said_on : ""})` });
  }
  // Outer first: earlier start, then longer, then statements before mentions.
  for (const m of marks) m.key = m.start + ":" + m.end;
  const order = (a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank;
  marks.sort(order);
  const root = document.createDocumentFragment();
  const stack = [{ end: Infinity, node: root }];
  let pos = 0;
  const text = (to) => {
    if (to > pos) stack[stack.length - 1].node.append(cps.slice(pos, to).join(""));
    pos = Math.max(pos, to);
  };
  const close = () => {
    text(stack[stack.length - 1].end);
    stack.pop();
  };
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i];
    while (stack.length > 1 && stack[stack.length - 1].end <= m.start) close();
    text(m.start);
    let end = m.end;
    const top = stack[stack.length - 1];
    if (end > top.end) {
      // m crosses the end of an open mark: cut it there, and queue the rest in order.
      const rest = { ...m, start: top.end, piece: true };
      let j = i + 1;
      while (j < marks.length && order(marks[j], rest) <= 0) j++;
      marks.splice(j, 0, rest);
      end = top.end;
    }
    const el = h("mark", {
      class: m.cls, tabindex: m.piece ? -1 : 0, title: m.info, "data-kind": m.kind,
      "data-key": m.kind + ":" + m.key, "data-start": m.piece ? null : m.start,
      "data-info": m.info, "data-href": m.href,
    });
    top.node.append(el);
    stack.push({ end, node: el });
  }
  while (stack.length > 1) close();
  text(cps.length);
  return root;
}

async function article(id, params) {
  const [a, facts] = await Promise.all([api("/v1/articles/" + enc(id)), api("/v1/articles/" + enc(id) + "/facts")]);
  document.title = a.title + " · newsfacts";
  const info = h("div", { class: "info-box", id: "fact-info", "aria-live": "polite" },
    h("p", { class: "muted" }, "Point at or tab to a highlight to see what was extracted from it."));
  const body = h("div", { class: "body", id: "article-body" }, highlights(facts.article.body, facts));
  const describe = (ev) => {
    const m = ev.target.closest("mark.hl");
    if (!m) return;
    info.replaceChildren(h("p", {}, m.dataset.info));
    if (m.dataset.href) info.append(h("p", {}, h("a", { href: m.dataset.href }, "Open")));
  };
  body.addEventListener("mouseover", describe);
  body.addEventListener("focusin", describe);
  body.addEventListener("keydown", (ev) => {
    const m = ev.target.closest("mark.hl");
    if (ev.key === "Enter" && m && m.dataset.href) location.hash = m.dataset.href;
  });
  const at = Number(params.get("at"));
  if (params.has("at")) {
    setTimeout(() => { // once the view is in the page
      const m = body.querySelector(`mark[data-start="${at}"]`);
      if (m) { m.scrollIntoView({ block: "center" }); m.focus({ preventScroll: true }); }
    });
  }
  return ["article",
    h("h1", {}, a.title || "(untitled)"),
    h("p", { class: "meta" }, [a.published_at || "undated", a.source, a.url ? h("a", { href: a.url, rel: "noreferrer" }, "original") : null,
      plural(a.entity_count, "entity", "entities") + ", " + plural(a.statement_count, "statement") + ", " + plural(a.exercise_count, "exercise")]
      .filter(Boolean).flatMap((x, i) => (i ? [" · ", x] : [x]))),
    h("div", { class: "legend", "aria-label": "Legend" },
      TYPES.map((t) => h("span", { class: "t-" + t }, t)), h("span", { class: "t-exercise" }, "exercise"),
      h("span", { class: "l-direct" }, "direct quote"), h("span", { class: "l-indirect" }, "reported speech")),
    h("div", { class: "reader" }, body, h("aside", { class: "card info", "aria-label": "Selected fact" }, info)),
  ];
}

// ---------- live changes ----------

function followChanges() {
  const list = document.getElementById("changes-list");
  const state = document.getElementById("changes-state");
  let last = "";
  let es = null;
  const connect = () => {
    es = new EventSource("/v1/changes" + (last ? "?last_event_id=" + enc(last) : ""));
    es.addEventListener("open", () => { state.textContent = list.children.length ? "" : "nothing yet"; });
    es.addEventListener("article", (ev) => {
      last = ev.lastEventId;
      const c = JSON.parse(ev.data);
      state.textContent = "";
      list.prepend(h("li", { "data-id": c.id }, h("a", { href: "#/article/" + enc(c.id), title: c.title },
        c.title || c.id)));
      while (list.children.length > 8) list.lastChild.remove();
    });
    es.addEventListener("error", () => {
      // EventSource reconnects by itself (sending Last-Event-ID) unless the server refused the
      // stream; then open a new one, resuming by parameter, after a pause.
      state.textContent = "reconnecting…";
      if (es.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
    });
  };
  connect();
}

// ---------- start ----------

document.getElementById("search").addEventListener("input", onSearchInput);
document.getElementById("search-form").addEventListener("submit", (ev) => ev.preventDefault());
document.addEventListener("keydown", (ev) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
  if (ev.key === "/" && !typing) {
    ev.preventDefault();
    document.getElementById("search").focus();
  }
});
window.addEventListener("hashchange", render);
render();
followChanges();
