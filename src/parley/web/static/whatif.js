// Live what-if analysis: sliders -> POST /api/scenarios/{id}/whatif -> chart and tables.
// No inline script (the page's CSP allows scripts from this server only).
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("whatif-data").textContent);
  const base = { weights: structuredClone(data.weights), reservation: structuredClone(data.reservation) };
  const state = { weights: structuredClone(data.weights), reservation: structuredClone(data.reservation) };
  const el = (id) => document.getElementById(id);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  let seq = 0;
  let shown = 0;
  let timer = null;
  let last = null;

  function text(node, value) { node.textContent = value; }
  function fmt(x) { return (Math.round(x * 1000) / 1000).toString(); }
  function domId(s) { return s.replace(/[^A-Za-z0-9_-]/g, "-"); }

  function slider(label, id, value, min, max, onInput) {
    const row = document.createElement("div");
    row.className = "slider";
    const lab = document.createElement("label");
    lab.htmlFor = id;
    text(lab, label);
    const input = document.createElement("input");
    input.type = "range"; input.id = id; input.min = min; input.max = max; input.step = "0.01";
    input.value = value;
    const out = document.createElement("output");
    out.id = id + "-value"; out.htmlFor = id;
    text(out, fmt(value));
    input.addEventListener("input", () => { text(out, fmt(+input.value)); onInput(+input.value); });
    row.append(lab, input, out);
    return row;
  }

  function buildSliders() {
    const party = el("whatif-party").value;
    const box = el("whatif-sliders");
    box.replaceChildren();
    const w = state.weights[party];
    const lo = Math.min(-1, state.reservation[party] - 0.5);
    const hi = Math.max(1.5, state.reservation[party] + 0.5);
    box.append(slider("reservation value", "res-" + domId(party), state.reservation[party],
      fmt(lo), fmt(hi), (v) => { state.reservation[party] = v; schedule(); }));
    for (const issue of data.issues) {
      box.append(slider("weight: " + issue, "w-" + domId(party) + "-" + domId(issue), w[issue],
        "0", "1", (v) => { state.weights[party][issue] = v; schedule(); }));
    }
  }

  function overrides() {
    const weights = {}; const reservation = {};
    for (const p of data.parties) {
      for (const i of data.issues) {
        if (state.weights[p][i] !== base.weights[p][i]) { (weights[p] = weights[p] || {})[i] = state.weights[p][i]; }
      }
      if (state.reservation[p] !== base.reservation[p]) { reservation[p] = state.reservation[p]; }
    }
    return { version: data.version, weights, reservation };
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 80);
  }

  async function run() {
    const mine = ++seq;
    text(el("whatif-status"), "analysing…");
    let resp;
    try {
      resp = await fetch("/api/scenarios/" + data.scenario_id + "/whatif", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(overrides()),
      });
    } catch (err) { text(el("whatif-status"), "network error"); return; }
    const body = await resp.json();
    if (mine < shown) return;          // an older answer arriving late
    shown = mine;
    const problems = el("whatif-problems");
    if (!resp.ok) {
      problems.hidden = false;
      problems.replaceChildren(...(body.problems || [{ path: "", message: body.detail }]).map((p) => {
        const d = document.createElement("p"); text(d, (p.path ? p.path + ": " : "") + p.message); return d;
      }));
      text(el("whatif-status"), "error");
      return;
    }
    problems.hidden = true;
    last = body;
    render(body);
    text(el("whatif-status"), mine === seq ? "up to date" : "analysing…");
  }

  function render(doc) {
    const xp = el("chart-x").value, yp = el("chart-y").value;
    const name = (p) => data.names[p] || p;
    const front = doc.frontier || [];
    const traces = [{
      x: front.map((f) => f.utilities[xp]), y: front.map((f) => f.utilities[yp]),
      mode: "markers", type: "scatter", name: "acceptable Pareto frontier",
      marker: { color: "#999999", size: 6 },
      text: front.map((f) => Object.values(f.package).join(", ")), hoverinfo: "text+x+y",
    }];
    const colors = { nash: "#D55E00", nash_weighted: "#0072B2", kalai_smorodinsky: "#009E73",
                     egalitarian: "#CC79A7", utilitarian: "#E69F00" };
    // the Nash point last, so that it is drawn on top of solutions that coincide with it
    const order = Object.keys(doc.solutions).sort((a, b) => (a === "nash") - (b === "nash"));
    for (const key of order) {
      const sol = doc.solutions[key];
      if (!sol) continue;
      traces.push({ x: [sol.utilities[xp]], y: [sol.utilities[yp]], mode: "markers", type: "scatter",
        name: key.replace(/_/g, " "), marker: { size: key === "nash" ? 16 : 11, color: colors[key] || "#000000",
        symbol: key === "nash" ? "star" : "diamond", line: { width: 1, color: "#000000" } } });
    }
    const d = doc.disagreement_point;
    const layout = {
      margin: { t: 40, r: 10, b: 110, l: 60 }, height: 500,
      title: { text: "Frontier and solutions: " + name(xp) + " vs " + name(yp) },
      xaxis: { title: { text: name(xp) + " utility (0 = worst, 1 = best option on every issue)" } },
      annotations: [{ xref: "paper", yref: "paper", x: 1, y: 1, showarrow: false, xanchor: "right",
        text: "dotted lines: disagreement point", font: { size: 11, color: "#555" } }],
      yaxis: { title: { text: name(yp) + " utility" } },
      shapes: [
        { type: "line", xref: "x", yref: "paper", x0: d[xp], x1: d[xp], y0: 0, y1: 1, line: { dash: "dot", color: "#555" } },
        { type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: d[yp], y1: d[yp], line: { dash: "dot", color: "#555" } },
      ],
      legend: { orientation: "h", y: -0.25, yanchor: "top" },
    };
    Plotly.react("frontier-chart", traces, layout, { displaylogo: false, responsive: true });
    el("frontier-chart").dataset.nash = doc.solutions.nash ? JSON.stringify(doc.solutions.nash.package) : "";
    const z = doc.zopa;
    text(el("zopa-size"), z.size !== null ? z.size.toLocaleString() + " packages (" + (z.share * 100).toFixed(1) + "%)"
      : "about " + (z.share * 100).toFixed(1) + "%");
    text(el("whatif-elapsed"), doc.whatif.elapsed_ms);
    const nash = el("nash-package").tBodies[0];
    nash.replaceChildren();
    if (doc.solutions.nash) {
      for (const [issue, option] of Object.entries(doc.solutions.nash.package)) {
        const tr = document.createElement("tr"); tr.id = "nash-" + domId(issue);
        const a = document.createElement("th"); text(a, issue);
        const b = document.createElement("td"); text(b, option);
        tr.append(a, b); nash.append(tr);
      }
    } else {
      const tr = document.createElement("tr"); const td = document.createElement("td");
      text(td, "no package is acceptable to every required party"); tr.append(td); nash.append(tr);
    }
    const table = el("solutions-table");
    const head = document.createElement("tr");
    head.append(...["solution", ...data.parties.map(name)].map((h) => { const th = document.createElement("th"); text(th, h); return th; }));
    table.tHead.replaceChildren(head);
    table.tBodies[0].replaceChildren(...Object.entries(doc.solutions).filter(([, s]) => s).map(([k, s]) => {
      const tr = document.createElement("tr");
      const c = document.createElement("td"); text(c, k.replace(/_/g, " ")); tr.append(c);
      for (const p of data.parties) {
        const td = document.createElement("td");
        text(td, fmt(s.utilities[p]) + " (" + (s.margins[p] >= 0 ? "+" : "") + fmt(s.margins[p]) + ")");
        tr.append(td);
      }
      return tr;
    }));
  }

  async function save() {
    const changes = {};
    const ov = overrides();
    for (const [p, row] of Object.entries(ov.weights)) {
      for (const [i, v] of Object.entries(row)) { changes["preferences." + p + ".weights." + i] = v; }
    }
    for (const [p, v] of Object.entries(ov.reservation)) { changes["preferences." + p + ".reservation"] = v; }
    const status = el("whatif-save-status");
    const bad = Object.keys(changes).filter((k) => !data.editable.includes(k));
    if (bad.length) { text(status, "cannot save (not numbers in the file): " + bad.join(", ")); return; }
    if (!Object.keys(changes).length) { text(status, "nothing changed"); return; }
    const resp = await fetch("/api/scenarios/" + data.scenario_id + "/edits", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ changes, base_version: data.version, message: el("whatif-message").value || "what-if numbers" }),
    });
    const body = await resp.json();
    if (resp.ok) {
      status.replaceChildren();
      const a = document.createElement("a");
      a.href = "/scenarios/" + data.scenario_id + "/diff?a=" + data.version + "&b=" + body.latest_version;
      a.id = "whatif-saved-diff";
      text(a, "saved as version " + body.latest_version + " (see the diff)");
      status.append(a);
    } else {
      text(status, "not saved: " + (body.problems ? body.problems.map((p) => p.path + ": " + p.message).join("; ") : body.detail));
    }
  }

  el("whatif-party").addEventListener("change", buildSliders);
  el("chart-x").addEventListener("change", () => last && render(last));
  el("chart-y").addEventListener("change", () => last && render(last));
  el("whatif-reset").addEventListener("click", () => {
    state.weights = structuredClone(base.weights); state.reservation = structuredClone(base.reservation);
    buildSliders(); schedule();
  });
  if (el("whatif-save")) el("whatif-save").addEventListener("click", save);
  buildSliders();
  run();
})();
