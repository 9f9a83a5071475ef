// The review site's only script. It never builds markup from document text: textContent only.
"use strict";

(function () {
  // --- index: sort and filter ---------------------------------------------------------------
  const table = document.getElementById("documents");
  if (table) {
    const body = table.tBodies[0];
    const filter = document.getElementById("filter");
    const problems = document.getElementById("problems");
    const apply = () => {
      const q = filter.value.trim().toLowerCase();
      for (const row of body.rows) {
        const show = (!q || row.textContent.toLowerCase().includes(q)) &&
          (!problems.checked || row.dataset.problem === "1");
        row.hidden = !show;
      }
    };
    filter.addEventListener("input", apply);
    problems.addEventListener("change", apply);
    for (const button of table.querySelectorAll("button.sort")) {
      button.addEventListener("click", () => {
        const col = Number(button.dataset.col);
        const up = button.getAttribute("aria-sort") !== "ascending";
        for (const b of table.querySelectorAll("button.sort")) b.removeAttribute("aria-sort");
        button.setAttribute("aria-sort", up ? "ascending" : "descending");
        const key = (row) => row.cells[col].textContent.trim();
        const rows = Array.from(body.rows).sort((a, b) => {
          const x = key(a), y = key(b);
          const nx = Number(x), ny = Number(y);
          const c = x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, "fr");
          return up ? c : -c;
        });
        for (const row of rows) body.appendChild(row);
      });
    }
    document.addEventListener("keydown", (e) => {
      if (e.key === "/" && document.activeElement !== filter) { e.preventDefault(); filter.focus(); }
    });
    searchBox();
    return;
  }

  // --- index: the pages holding every word typed (search-index.js, written by site.py) ------------
  function searchBox() {
    const box = document.getElementById("search");
    const data = window.REVIEW_SEARCH;
    if (!box || !data) return;
    const hits = document.getElementById("hits");
    const count = document.getElementById("search-count");
    const fold = (w) => w.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    const MAX_HITS = 50;
    box.addEventListener("input", () => {
      hits.replaceChildren();
      const words = (fold(box.value).match(/[\p{L}\p{N}]{2,}/gu) || []);
      if (!words.length) { count.textContent = ""; return; }
      // a word by its stem (data.forms): the form typed, or, when no page has it, the form with
      // an "s" more or less ("subventions" finds "subvention" and the reverse)
      const forms = data.forms || {};
      const key = (w) => forms[w] ?? (data.words[w] ? w : null);
      const stemOf = (w) => key(w) ?? key(w + "s") ?? (/[sx]$/.test(w) ? key(w.slice(0, -1)) : null) ?? w;
      let found = null;
      for (const w of words) {
        const pages = new Set((data.words[stemOf(w)] || []).map(([d, p]) => `${d}:${p}`));
        found = found === null ? pages : new Set([...found].filter((k) => pages.has(k)));
      }
      const keys = [...found].map((k) => k.split(":").map(Number)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      count.textContent = `${keys.length} page${keys.length === 1 ? "" : "s"}`;
      for (const [d, p] of keys.slice(0, MAX_HITS)) {
        const [docId, url] = data.docs[d];
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = `${url}#page-${p}`;
        a.textContent = `${docId} — page ${p}`;
        li.appendChild(a);
        hits.appendChild(li);
      }
    });
  }

  // --- a document: tooltips, decisions, saving ----------------------------------------------
  const dataNode = document.getElementById("doc-data");
  if (!dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  const docId = data.doc_id;
  const decisions = { reject: [], protect: [], records: [] };
  const tip = document.getElementById("tip");
  const scope = document.getElementById("scope");
  const pending = document.getElementById("pending");

  const showTip = (el) => {
    if (!el.dataset.tip) return;
    tip.textContent = el.dataset.tip;
    const r = el.getBoundingClientRect();
    tip.style.left = `${Math.max(4, r.left + window.scrollX)}px`;
    tip.style.top = `${r.bottom + window.scrollY + 4}px`;
    tip.hidden = false;
  };
  const hideTip = () => { tip.hidden = true; };
  for (const el of document.querySelectorAll("pre.text span[data-tip]")) {
    el.addEventListener("mouseenter", () => showTip(el));
    el.addEventListener("mouseleave", hideTip);
    el.addEventListener("focus", () => showTip(el));
    el.addEventListener("blur", hideTip);
  }

  const forDoc = () => (scope && scope.value === "all" ? {} : { doc_id: docId });
  const count = () => decisions.reject.length + decisions.protect.length + decisions.records.length;
  const say = () => {
    const n = count();
    pending.textContent = n ? `${n} decision${n > 1 ? "s" : ""} not saved yet.` : "No decision yet.";
  };
  const markText = (id, before, label) => {
    for (const el of document.querySelectorAll(`pre.text span[data-c="${CSS.escape(id)}"]`)) {
      el.classList.add("overruled");
      el.dataset.tip = `${label}: the text keeps "${before}" | ${el.dataset.tip}`;
    }
    const first = document.getElementById(id);
    if (first) first.textContent = before;
    for (const el of document.querySelectorAll(`pre.text span[data-c="${CSS.escape(id)}"]:not([id])`)) el.textContent = "";
  };
  for (const item of document.querySelectorAll(".corrections li")) {
    const { c: id, before, after } = item.dataset;
    item.querySelector("button.reject").addEventListener("click", () => {
      decisions.reject.push({ before, after, ...forDoc() });
      item.classList.add("decided");
      item.querySelector("small").textContent += " — rejected";
      markText(id, before, "rejected");
      say();
    });
    item.querySelector("button.protect").addEventListener("click", () => {
      decisions.protect.push({ word: before, ...forDoc() });
      item.classList.add("decided");
      item.querySelector("small").textContent += " — word protected";
      markText(id, before, "protected");
      say();
    });
  }
  for (const input of document.querySelectorAll(".records input.field")) {
    input.addEventListener("change", () => {
      const number = input.closest("tr").dataset.number || null;
      decisions.records = decisions.records.filter((r) => !(r.number === number && r.field === input.dataset.field));
      decisions.records.push({ doc_id: docId, number, field: input.dataset.field, value: input.value, by: "review" });
      say();
    });
  }

  document.getElementById("save").addEventListener("click", () => {
    const out = {};
    for (const key of ["reject", "protect", "records"]) out[key] = [...(data.existing[key] || []), ...decisions[key]];
    const blob = new Blob([JSON.stringify(out, null, 2) + "\n"], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "overrides.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    pending.textContent = `Saved ${count()} new decision(s) with the ${Object.values(data.existing).flat().length} earlier ones.`;
  });

  // keyboard: n / p move between corrections, r rejects the focused one
  const marks = Array.from(document.querySelectorAll("pre.text span.corr[tabindex]"));
  document.addEventListener("keydown", (e) => {
    if (e.target.matches("input, select, textarea") || e.ctrlKey || e.metaKey || e.altKey) return;
    const at = marks.indexOf(document.activeElement);
    if (e.key === "n" || e.key === "p") {
      const next = e.key === "n" ? Math.min(marks.length - 1, at + 1) : Math.max(0, at - 1);
      if (marks[next]) { marks[next].focus(); marks[next].scrollIntoView({ block: "center" }); }
    } else if (e.key === "r" && at >= 0) {
      const item = document.querySelector(`.corrections li[data-c="${CSS.escape(marks[at].id)}"] button.reject`);
      if (item) item.click();
    } else if (e.key === "Escape") {
      hideTip();
    }
  });
})();
