/* Sổ tay thi đua: the header search box (overrides/partials/search.html).
 *
 * Runs Pagefind (pagefind/pagefind.js of this same site, loaded on first use;
 * nothing else is fetched) on the query folded the way sotay/text.py fold()
 * folds names for the index: "Nông thôn MỚI", "nong thon moi" and a query
 * pasted from Word in NFD are one query; "NĐ 98" is "nd 98", which the hidden
 * keyword block of Nghị định 98/2023/NĐ-CP holds (sotay/search.py).
 *
 * Ranking: a query of several words is first searched as a phrase of names
 * (phraseOf); the words one by one come when no name holds the phrase, or on
 * "Tìm thêm các trang có đủ các từ". Within Pagefind's order (the h1 and the
 * keyword block weigh most), tier() puts first a page whose name, alias or
 * number spelling is the query, then names that start with it, then the
 * names it covers most of.
 *
 * Two bundles (sotay/searchindex.py): pagefind/ without the documents' full
 * texts, searched by default because a query there fetches little, and
 * pagefind-toan-van/ with them, when "Tìm cả trong toàn văn" is ticked.
 * Filter values are fetched only when the user reaches for a filter.
 * A large bundle is indexed in shards (pagefind-toan-van/, manh-2/, manh-3/
 * inside it), listed in its sotay-manh.json: each is merged into the first
 * with Pagefind's mergeIndex, so filters list the values of all, and a search
 * returns the results of all, sorted by score (sharded()).
 *
 * Everything from the index is put in the page as text (textContent), never
 * as markup: names in the data can hold "<" or "&".
 */
(() => {
  "use strict";

  const box = document.querySelector("[data-st-search]");
  if (!box) return;

  // Same values as sotay/search.py.
  const SENTINEL = "§§";
  const KEY_SEPARATOR = "|";
  const PAGE_SIZE = 10;
  const RERANK_POOL = 12;  // results loaded (a few hundred bytes each) to rank the first page
  // Typing pauses shorter than this run no search: each search of a prefix
  // ("n", "no", "non"...) would fetch index chunks and excerpts for nothing.
  const DEBOUNCE_MS = 150;
  const MIN_CHARS = 2;  // "n" alone would fetch every index chunk of words in n-
  const TYPE_ORDER = ["phong trào", "văn bản", "văn bản được trích dẫn", "cơ quan", "địa bàn"];
  const NATIONAL = "Trung ương";
  const EXCERPT_WORDS = 26;

  const input = box.querySelector(".st-search__input");
  const panel = box.querySelector(".st-search__panel");
  const list = box.querySelector(".st-search__results");
  const status = box.querySelector(".st-search__status");
  const more = box.querySelector(".st-search__more");
  const selects = Array.from(box.querySelectorAll("select[data-st-filter]"));
  const filterGroup = box.querySelector(".st-search__filters");
  const fullText = box.querySelector("input[data-st-fulltext]");

  // The site's root, from the page's relative base_url: works under any prefix.
  const siteRoot = new URL((box.dataset.stRoot || ".").replace(/\/?$/, "/"), document.baseURI);
  const BUNDLES = { names: "pagefind/", fullText: "pagefind-toan-van/" };
  const bundle = () => (fullText && fullText.checked ? BUNDLES.fullText : BUNDLES.names);

  // --- folding: the twin of sotay/text.py fold() ---------------------------
  const ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff]/g;
  const ODD_SPACES = /[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000]/g;
  const D_MAP = { "đ": "d", "Đ": "D", "ð": "d", "Ð": "D" };

  function fold(text) {
    const clean = text.normalize("NFC").replace(ZERO_WIDTH, "").replace(ODD_SPACES, " ");
    const stripped = clean.replace(/[đĐðÐ]/g, (c) => D_MAP[c])
      .normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
    return stripped.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  // A query as searched: folded, and a number typed with spaces ("05/CT - TW",
  // "2597 /UBND-NV") closed up as the index holds it ("05/ct-tw").
  function searchTerm(text) {
    return fold(text)
      .replace(/\s*\/\s*/g, "/")
      .replace(/(\S*[\d/]\S*)\s+-\s*(\S)|(\S)\s*-\s+(\S*[\d/])/g,
        (m, a, b, c, d) => (a !== undefined ? `${a}-${b}` : `${c}-${d}`));
  }

  // Words only, for comparing a query with names: "98/2023/nd-cp" -> "98 2023 nd cp".
  const words = (text) => fold(text).replace(/[^\p{L}\p{N}]+/gu, " ").trim();

  // How nearly a result's name is the query: 3 when a name, alias or number
  // spelling is the query; else, among names holding it as a phrase, the
  // share of the name the query covers, plus 1 when the name starts with it.
  // "nong thon moi": the alias "Xây dựng nông thôn mới" (0.6) before "Huyện
  // Tây Sơn chung sức xây dựng nông thôn mới" (0.3).
  function tier(query, data) {
    const q = words(query);
    const n = q.split(" ").length;
    let best = 0;
    for (const k of (data.meta.keys || "").split(KEY_SEPARATOR).map(words)) {
      if (!k) continue;
      if (k === q) return 3;
      if (!` ${k} `.includes(` ${q} `)) continue;
      best = Math.max(best, (k.startsWith(q + " ") ? 1 : 0) + n / k.split(" ").length);
    }
    return best;
  }

  // --- Pagefind ----------------------------------------------------------------
  // As sotay/searchindex.py: the list of a bundle's extra shards, in its folder.
  const SHARDS_MANIFEST = "sotay-manh.json";
  // A filter Pagefind adds to each shard (mergeFilter), shard n holding "n".
  const SHARD_FILTER = "manh";

  // The extra shards of a bundle, as folders inside it: ["manh-2/", "manh-3/"].
  // A bundle indexed in one run lists none; a 404 (a site indexed before
  // every bundle had a manifest) means none as well.
  // Asked in parallel with pagefind.js, so it adds no wait; "no-cache" because
  // a rebuild may change the shards (Pagefind revalidates its entry file too).
  async function shardsOf(base) {
    const response = await fetch(new URL(SHARDS_MANIFEST, base), { cache: "no-cache" });
    if (response.status === 404) return [];
    if (!response.ok) throw new Error(`${SHARDS_MANIFEST}: HTTP ${response.status}`);
    // A server may answer a missing file with a page of its own: no shards either.
    const manifest = await response.json().catch(() => ({}));
    return Array.isArray(manifest.shards) ? manifest.shards : [];
  }

  // A query word as Pagefind compares it: folded, punctuation gone
  // ("98/2023/NĐ-CP" -> "982023ndcp"). A word of a page's text may have been
  // indexed whole or in parts: each run of its parts counts ("2597/UBND-NV" ->
  // "2597ubndnv", "ubndnv", "ubnd", "nv"...).
  const bare = (w) => fold(w).replace(/[^\p{L}\p{N}]/gu, "");
  function forms(word) {
    const parts = fold(word).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const runs = [];
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j <= parts.length; j++) runs.push(parts.slice(i, j).join(""));
    }
    return runs;
  }

  // Whether a result holds every query word: a word of its text at a matched
  // location starts with it. Not so when its index had no word starting with
  // a query word: Pagefind then matches a shorter word ("kien" -> "ki") or
  // drops the query word. In one index over all pages that happens only when
  // no page has the word; in a shard, when no page *of that shard* has it.
  function holdsEveryWord(term, data) {
    const text = data.content.split(/[\r\n\s]+/g);
    const matched = new Set((data.locations || []).flatMap((i) => forms(text[i] || "")));
    return term.split(/\s+/).map(bare).filter(Boolean)
      .every((q) => Array.from(matched).some((m) => m.startsWith(q)));
  }

  // A bundle in shards, searched as one. Pagefind's merged search would run
  // one search over all shards, but a shard lacking a query word answers
  // without it, which the same search over one index would not: in a shard
  // where no page says "kiến", "sang kien" found the campaigns named "Sáng
  // ...", above the documents that say "sáng kiến". So each shard is searched
  // on its own (its filter), its first result tells whether the shard holds
  // every word, and a shard that does not is left out when another does. The
  // rest are merged as Pagefind merges them: by score.
  function sharded(pf, count) {
    return {
      filters: () => pf.filters(),
      async search(term, options = {}) {
        const each = await Promise.all(Array.from({ length: count }, (_, i) => pf.search(term,
          { ...options, filters: { ...(options.filters || {}), [SHARD_FILTER]: String(i + 1) } })));
        const all = each.flatMap((r) => r.results).sort((a, b) => b.score - a.score);
        // The caller reads the first results next: asked for now, with the
        // shards' first ones (Pagefind keeps them), not one round trip later.
        for (const r of all.slice(0, RERANK_POOL)) r.data().catch(() => {});
        const firsts = await Promise.all(each.map((r) => (r.results.length ? r.results[0].data() : null)));
        const holds = firsts.map((d) => d !== null && holdsEveryWord(term, d));
        if (!holds.some(Boolean)) return { results: all };
        const left = new Set(each.filter((_, i) => !holds[i]).flatMap((r) => r.results));
        return { results: all.filter((r) => !left.has(r)) };
      },
    };
  }

  // The search of a bundle: Pagefind itself for a bundle of one shard.
  const loaded = {};
  function loadPagefind(folder = bundle()) {
    if (!loaded[folder]) {
      const base = new URL(folder, siteRoot);
      const url = new URL("pagefind.js", base).href;
      let instance = null;
      loaded[folder] = Promise.all([import(url), shardsOf(base)]).then(async ([pf, shards]) => {
        instance = pf;
        const tag = (n) => (shards.length ? { mergeFilter: { [SHARD_FILTER]: String(n) } } : {});
        // No web worker: it would cost one more 40 KB download before the
        // first result, and a query takes milliseconds on the main thread.
        await pf.options({ excerptLength: EXCERPT_WORDS, noWorker: true, ...tag(1) });
        await pf.init();
        // Each shard: its entry file and metadata now, its index chunks and
        // fragments when a query needs them, as for the first.
        await Promise.all(shards.map((shard, i) => pf.mergeIndex(new URL(shard, base).href,
          { excerptLength: EXCERPT_WORDS, ...tag(i + 2) })));
        return shards.length ? sharded(pf, shards.length + 1) : pf;
      });
      loaded[folder].catch(() => {
        delete loaded[folder];
        // The module stays cached by the browser: start it afresh next time,
        // not with the shards already merged before the failure.
        if (instance) instance.destroy().catch(() => {});
      });
    }
    return loaded[folder];
  }

  // --- small DOM helpers: text only ----------------------------------------
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  const typeClass = (t) => words(t).replace(/ /g, "-");

  function resultHref(data) {
    const path = (data.raw_url || data.url || "/").replace(/^\/+/, "");
    return new URL(path, siteRoot).href;
  }

  function facts(meta) {
    if (meta.type === "văn bản" || meta.type === "văn bản được trích dẫn") {
      return [meta.number ? `Số ${meta.number}` : null, meta.date, meta.issuer]
        .filter(Boolean).join(" · ");
    }
    const province = meta.province && meta.province !== NATIONAL ? meta.province : null;
    return [meta.detail, province].filter(Boolean).join(" · ");
  }

  // An excerpt from the readable part of the page: the keyword block, between
  // the two sentinels, is for matching only.
  function excerpt(data) {
    const all = data.content.split(/[\r\n\s]+/g);
    const start = all.indexOf(SENTINEL);
    const end = start < 0 ? -1 : all.indexOf(SENTINEL, start + 1);
    const hidden = (i) => start >= 0 && i >= start && i <= (end < 0 ? all.length : end);
    const hits = new Set((data.locations || []).filter((i) => !hidden(i)));
    if (!hits.size) return null;
    // The window of EXCERPT_WORDS words holding the most hits, outside the block.
    const sorted = Array.from(hits).sort((a, b) => a - b);
    let best = sorted[0];
    let bestCount = 0;
    for (const loc of sorted) {
      const count = sorted.filter((h) => h >= loc && h < loc + EXCERPT_WORDS).length;
      if (count > bestCount) { best = loc; bestCount = count; }
    }
    let from = Math.max(0, best - 6);
    if (hidden(from)) from = end + 1;
    const out = el("span", { class: "st-kq__trich" });
    if (from > 0) out.append("… ");
    for (let i = from; i < Math.min(all.length, from + EXCERPT_WORDS); i++) {
      if (hidden(i)) break;
      if (i > from) out.append(" ");
      out.append(hits.has(i) ? el("mark", {}, all[i]) : all[i]);
    }
    out.append(" …");
    return out;
  }

  function item(data, index) {
    const type = data.meta.type || "trang";
    const li = el("li", { class: "st-kq", role: "option", id: `st-kq-${index}`,
      "aria-selected": "false", "data-type": type });
    const a = el("a", { href: resultHref(data), tabindex: "-1" });
    a.append(el("span", { class: `st-kq__loai st-kq__loai--${typeClass(type)}` }, capitalize(type)));
    a.append(el("span", { class: "st-kq__ten" }, data.meta.title || data.url));
    const line = facts(data.meta);
    if (line) a.append(el("span", { class: "st-kq__facts" }, line));
    const ex = excerpt(data);
    if (ex) a.append(ex);
    li.append(a);
    return li;
  }

  // --- state -------------------------------------------------------------------
  let seq = 0;
  let timer = null;
  let running = Promise.resolve();
  let pending = [];   // results of the current search not shown yet
  let mode = "words"; // "phrase": the query was found as a phrase of names
  let ordered = [];   // loaded results, in display order
  let shown = 0;
  let active = -1;
  let filtersFilled = false;

  function setState(state, query) {
    box.dataset.state = state;
    box.dataset.query = query;
    box.dataset.renderedAt = String(performance.now());
  }

  function openPanel() {
    panel.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  function closePanel() {
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function options() {
    return Array.from(list.querySelectorAll("[role=option]"));
  }
  function setActive(index) {
    const opts = options();
    opts.forEach((o, i) => o.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0 && opts[index]) {
      input.setAttribute("aria-activedescendant", opts[index].id);
      opts[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function chosenFilters() {
    const filters = {};
    for (const s of selects) if (s.value) filters[s.dataset.stFilter] = s.value;
    return filters;
  }

  async function fillFilters() {
    if (filtersFilled) return;
    filtersFilled = true;
    const pf = await loadPagefind();
    const all = await pf.filters();
    for (const s of selects) {
      const key = s.dataset.stFilter;
      let values = Object.keys(all[key] || {});
      if (key === "type") values.sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
      else if (key === "year") values.sort((a, b) => b.localeCompare(a));
      else values.sort((a, b) => (a === NATIONAL ? -1 : b === NATIONAL ? 1 : a.localeCompare(b, "vi")));
      for (const v of values) s.append(el("option", { value: v }, key === "type" ? capitalize(v) : v));
    }
  }

  // The first RERANK_POOL results are loaded and reordered by tier(), the
  // rest keep Pagefind's order; PAGE_SIZE of them are shown at a time.
  async function showMore(mySeq, term, reorder) {
    if (ordered.length < shown + PAGE_SIZE && ordered.length < pending.length) {
      const size = reorder ? RERANK_POOL : PAGE_SIZE;
      const batch = pending.slice(ordered.length, ordered.length + size);
      let data = await Promise.all(batch.map((r) => r.data()));
      if (mySeq !== seq) return false;
      if (reorder) {
        data = data.map((d, i) => ({ d, i, t: tier(term, d) }))
          .sort((a, b) => b.t - a.t || a.i - b.i).map((x) => x.d);
      }
      ordered = ordered.concat(data);
    }
    const page = ordered.slice(shown, shown + PAGE_SIZE);
    page.forEach((d, i) => list.append(item(d, shown + i)));
    shown += page.length;
    updateMore();
    return true;
  }

  // "Xem thêm" pages through the results; after the last page of a phrase
  // search it searches the words one by one ("tay son nong thon moi" holds no
  // name's phrase, but pages holding all of those words).
  function updateMore() {
    const morePages = shown < pending.length;
    more.hidden = !morePages && mode !== "phrase";
    more.textContent = morePages ? "Xem thêm kết quả" : "Tìm thêm các trang có đủ các từ";
  }

  async function searchWords() {
    const mySeq = seq;
    const raw = input.value;
    const term = searchTerm(raw);
    setState("loading", raw);
    const pf = await loadPagefind();
    const response = await pf.search(term, { filters: chosenFilters() });
    if (mySeq !== seq) return;
    const known = new Set(pending.map((r) => r.id));
    pending = pending.concat(response.results.filter((r) => !known.has(r.id)));
    mode = "words";
    await showMore(mySeq, term, false);
    status.textContent = `${pending.length} kết quả cho «${raw.trim()}»`;
    setState("done", raw);
  }

  // A query of several words is searched first as one phrase word, which the
  // keyword block of each name holds (sotay/search.py phrase_words): the names
  // holding the phrase come from one small index chunk, where the words one by
  // one would fetch the large chunks of common words ("moi", "thi", "van").
  function phraseOf(term) {
    const parts = words(term).split(" ").filter(Boolean);
    return parts.length > 1 ? parts.join("") : null;
  }

  async function search() {
    const mySeq = ++seq;
    const raw = input.value;
    const term = searchTerm(raw);
    if (term.replace(/[^\p{L}\p{N}]/gu, "").length < MIN_CHARS) {
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      pending = [];
      setState("empty", "");
      return;
    }
    openPanel();
    setState("loading", raw);
    status.textContent = "Đang tìm…";
    let pf;
    try {
      pf = await loadPagefind();
    } catch (err) {
      status.textContent = "Chưa có chỉ mục tìm kiếm (thư mục pagefind/): hãy xây lại trang.";
      setState("error", raw);
      return;
    }
    const filters = chosenFilters();
    const phrase = phraseOf(term);
    let found = [];
    let loaded = [];
    if (phrase) {
      // Pagefind answers a word it lacks with words sharing a shorter prefix
      // ("nghidinh99" -> "nghidinh98..."): only pages whose names hold the
      // phrase count. They are ranked here, from the first RERANK_POOL.
      const results = (await pf.search(phrase, { filters })).results;
      const pool = results.slice(0, RERANK_POOL);
      const data = await Promise.all(pool.map((r) => r.data()));
      const kept = data.map((d, i) => ({ d, r: pool[i], i, t: tier(term, d) }))
        .filter((x) => x.t > 0).sort((a, b) => b.t - a.t || a.i - b.i);
      if (kept.length) {
        found = kept.map((x) => x.r).concat(results.slice(RERANK_POOL));
        loaded = kept.map((x) => x.d);
      }
    }
    mode = found.length ? "phrase" : "words";
    if (mode === "words") found = (await pf.search(term, { filters })).results;
    if (mySeq !== seq) return;
    pending = found;
    ordered = loaded;
    shown = 0;
    list.replaceChildren();
    setActive(-1);
    if (!(await showMore(mySeq, term, mode === "words"))) return;
    status.textContent = pending.length
      ? `${pending.length} kết quả cho «${raw.trim()}»`
      : `Không tìm thấy kết quả cho «${raw.trim()}». Thử bỏ bớt từ hoặc bộ lọc.`;
    setState("done", raw);
  }

  function schedule() {
    clearTimeout(timer);
    box.dataset.state = "pending";
    running = new Promise((resolve) => {
      timer = setTimeout(() => search().finally(resolve), DEBOUNCE_MS);
    });
  }

  // --- events --------------------------------------------------------------
  input.addEventListener("input", schedule);
  input.addEventListener("focus", () => {
    loadPagefind().catch(() => {});
    if (input.value.trim() && list.childElementCount) openPanel();
  });
  selects.forEach((s) => s.addEventListener("change", schedule));
  if (fullText) fullText.addEventListener("change", schedule);
  // Filter values (a few KB per filter) only when the user reaches for one.
  for (const type of ["pointerenter", "focusin"]) {
    filterGroup.addEventListener(type, () => fillFilters().catch(() => { filtersFilled = false; }));
  }
  more.addEventListener("click", () => {
    if (shown < pending.length) showMore(seq, searchTerm(input.value), false);
    else if (mode === "phrase") searchWords();
  });

  input.addEventListener("keydown", async (event) => {
    const count = options().length;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (panel.hidden && input.value.trim()) openPanel();
        if (count) setActive(active < count - 1 ? active + 1 : 0);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (count) setActive(active > 0 ? active - 1 : count - 1);
        break;
      case "Enter": {
        event.preventDefault();
        const wanted = active;
        await running;  // typed and pressed Enter at once: wait for the results
        const opts = options();
        const target = opts[wanted >= 0 ? wanted : 0];
        if (target) window.location.assign(target.querySelector("a").href);
        break;
      }
      case "Escape":
        event.preventDefault();
        if (!panel.hidden) closePanel();
        else input.blur();
        break;
      default:
    }
  });

  // "/" anywhere but in a field focuses the search box, as on most sites.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const t = event.target;
    if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  document.addEventListener("click", (event) => {
    if (!box.contains(event.target)) closePanel();
  });

  // Exposed for tests and the benchmark: the same folding as the index's.
  window.sotaySearch = { fold, searchTerm };
})();
