/*
 * docgen default theme: site search. The index (search-index.js, written by docgen at build time;
 * its format is described in SearchIndexBuilder.swift) is loaded with a <script> tag the first
 * time the reader goes to the search box, so pages stay light and search works from file:// as
 * well as from a server. Plain ES2017, no network. Index text is data: results are built with
 * DOM nodes and textContent, never parsed as HTML.
 */
(function () {
  "use strict";

  var doc = document;
  var container = doc.querySelector(".search");
  if (!container) {
    return;
  }
  var form = container.querySelector(".search-form");
  var input = container.querySelector(".search-input");
  var toggle = container.querySelector(".search-toggle");
  var closeButton = container.querySelector(".search-close");
  var panel = container.querySelector(".search-panel");
  var list = container.querySelector(".search-results");
  var message = container.querySelector(".search-message");
  var live = container.querySelector(".search-live");
  if (!form || !input || !panel || !list) {
    return;
  }

  var MAX_RESULTS = 20;
  var DEBOUNCE_MS = 90;
  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";
  var CONTINUATION = "!#$%()*+./:;=?@~";
  var SHORT_GAPS = { "[": ", ", "]": ". ", "|": "\u2026" };
  var TOP_COUNT = 64;
  // Weights per matched field: the page's title (on its intro), a section title, the page's title
  // on its other sections, and the text (the excerpt, or the words the index lists).
  var WEIGHT = { pageTitle: 12, sectionTitle: 6, pageTitleElsewhere: 3, excerpt: 2.5, text: 2 };
  var PREFIX_FACTOR = 0.7;

  var siteRoot = container.getAttribute("data-search-root") || "";
  var wordPattern = makeWordPattern();
  var status = "idle"; // idle, loading, ready, failed
  var index = null;
  var results = [];
  var active = -1;
  var timer = 0;
  var lastQuery = null;
  var announceTimer = 0;

  /* ---------------------------------------------------------------------------------------- */
  /* Words: the same split as SearchTokenizer.swift                                            */
  /* ---------------------------------------------------------------------------------------- */

  function makeWordPattern() {
    try {
      return new RegExp("[\\p{L}\\p{M}\\p{N}]+", "gu");
    } catch (error) {
      // Engines without Unicode property escapes: ASCII letters and digits, and everything past Latin-1 punctuation.
      return /[0-9a-z\u00c0-\u02af\u0370-\u1fff\u2c00-\ud7ff\uf900-\uffef]+/gi;
    }
  }

  function words(text) {
    return text.toLowerCase().match(wordPattern) || [];
  }

  // The plural fold of SearchTokenizer.normalized: "jobs" is searched as "job", "process" stays.
  function normalized(word) {
    var length = word.length;
    if (length >= 4 && word.charAt(length - 1) === "s" && word.charAt(length - 2) !== "s" && /^[a-z0-9]+$/.test(word)) {
      return word.slice(0, -1);
    }
    return word;
  }

  function normalizedWords(text) {
    return words(text).map(normalized);
  }

  // The slug docgen leaves out of the index for plain ASCII titles (see SearchIndexBuilder.plainSlug).
  function plainSlug(title) {
    return title.toLowerCase().replace(/ /g, "-").replace(/[^a-z0-9_-]/g, "");
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Loading and decoding the index                                                            */
  /* ---------------------------------------------------------------------------------------- */

  function load() {
    if (status !== "idle") {
      return;
    }
    if (window.docgenSearchIndex) {
      prepare(window.docgenSearchIndex);
      return;
    }
    var source = container.getAttribute("data-search-index");
    if (!source) {
      status = "failed";
      return;
    }
    status = "loading";
    var script = doc.createElement("script");
    script.src = source;
    script.async = true;
    script.onload = function () {
      if (window.docgenSearchIndex) {
        prepare(window.docgenSearchIndex);
      } else {
        status = "failed";
      }
      refresh();
    };
    script.onerror = function () {
      status = "failed";
      refresh();
    };
    (doc.head || doc.body).appendChild(script);
  }

  function prepare(data) {
    try {
      var stop = Object.create(null);
      String(data.stop || "").split(" ").forEach(function (word) {
        stop[word] = true;
      });
      var vocabulary = decodeWords(String(data.words || ""));
      var top = decodeNumbers(String(data.top || ""));
      var lookup = new Map();
      vocabulary.forEach(function (word, number) {
        lookup.set(word, number);
      });
      var decoder = {
        word: function (number) {
          var word = number < top.length ? vocabulary[top[number]] : vocabulary[number - TOP_COUNT];
          if (typeof word !== "string") {
            throw new Error("search index: no word " + number);
          }
          return word;
        },
      };
      var codes = String(data.sections || "");
      var cursor = { at: 0 };
      var sections = [];
      data.pages.forEach(function (page) {
        var pageTitle = decodeText(String(page[0]), { at: 0 }, decoder);
        var pageWords = normalizedWords(pageTitle);
        var path = safePath(String(page[1]));
        for (var k = 0; k < page[2] && cursor.at < codes.length; k++) {
          var title = decodeText(codes, cursor, decoder);
          var anchor = readField(codes, cursor);
          var excerpt = decodeText(codes, cursor, decoder);
          sections.push({
            number: sections.length,
            pageTitle: pageTitle,
            pageWords: pageWords,
            path: path,
            title: title,
            titleWords: normalizedWords(title),
            anchor: title ? anchor || plainSlug(title) : "",
            excerpt: excerpt,
            excerptWords: normalizedWords(excerpt),
            intro: !title,
          });
        }
      });
      index = { stop: stop, vocabulary: vocabulary, lookup: lookup, postings: String(data.postings || "").split(","), cache: [], sections: sections };
      status = "ready";
    } catch (error) {
      status = "failed";
    }
  }

  // Links are relative to the site root; anything else (a scheme, an absolute path) is not from docgen.
  function safePath(path) {
    return /^[a-z][a-z0-9+.-]*:/i.test(path) || path.charAt(0) === "/" || path.charAt(0) === "\\" ? "" : path;
  }

  // The vocabulary: a capital A-Z gives how much of the previous word to keep, then the rest follows.
  function decodeWords(code) {
    var vocabulary = [];
    var previous = "";
    var i = 0;
    while (i < code.length) {
      var shared = code.charCodeAt(i) - 65;
      var start = ++i;
      while (i < code.length && !isMarker(code.charCodeAt(i))) {
        i++;
      }
      previous = previous.slice(0, shared) + code.slice(start, i);
      vocabulary.push(previous);
    }
    return vocabulary;
  }

  function isMarker(code) {
    return code >= 65 && code <= 90;
  }

  // Reads one number at cursor.at (see SearchTextCode.swift) and moves the cursor past it.
  function readNumber(code, cursor) {
    var high = 0;
    while (cursor.at < code.length) {
      var character = code.charAt(cursor.at++);
      var lead = CONTINUATION.indexOf(character);
      if (lead >= 0) {
        high = high * CONTINUATION.length + lead;
        continue;
      }
      var digit = DIGITS.indexOf(character);
      if (digit < 0) {
        break;
      }
      return high * DIGITS.length + digit;
    }
    throw new Error("search index: bad number");
  }

  function decodeNumbers(code) {
    var numbers = [];
    var cursor = { at: 0 };
    while (cursor.at < code.length) {
      numbers.push(readNumber(code, cursor));
    }
    return numbers;
  }

  // Reads up to the next "," and moves the cursor past it.
  function readField(code, cursor) {
    var end = code.indexOf(",", cursor.at);
    if (end < 0) {
      end = code.length;
    }
    var field = code.slice(cursor.at, end);
    cursor.at = end + 1;
    return field;
  }

  // Decodes one text (see SearchTextCode.swift) up to the next "," outside a literal.
  function decodeText(code, cursor, decoder) {
    var text = "";
    var lastWasWord = false;
    while (cursor.at < code.length) {
      var character = code.charAt(cursor.at);
      if (character === ",") {
        cursor.at++;
        break;
      }
      if (character === "{") {
        cursor.at++;
        while (cursor.at < code.length) {
          var next = code.charAt(cursor.at++);
          if (next === "}") {
            if (code.charAt(cursor.at) !== "}") {
              break;
            }
            cursor.at++;
          }
          text += next;
        }
        lastWasWord = false;
        continue;
      }
      if (SHORT_GAPS.hasOwnProperty(character)) {
        cursor.at++;
        text += SHORT_GAPS[character];
        lastWasWord = false;
        continue;
      }
      var casing = "";
      if (character === "^" || character === "`") {
        casing = character;
        cursor.at++;
      }
      var word = decoder.word(readNumber(code, cursor));
      if (casing === "^") {
        word = word.charAt(0).toUpperCase() + word.slice(1);
      } else if (casing === "`") {
        word = word.toUpperCase();
      }
      if (code.charAt(cursor.at) === "'") {
        word += "s";
        cursor.at++;
      }
      text += (lastWasWord ? " " : "") + word;
      lastWasWord = true;
    }
    return text;
  }

  // The section numbers of one word, decoded once.
  function sectionsOf(wordNumber) {
    var cached = index.cache[wordNumber];
    if (cached) {
      return cached;
    }
    var code = index.postings[wordNumber] || "";
    var complement = code.charAt(0) === "^";
    var numbers = [];
    var previous = -1;
    var high = 0;
    for (var i = complement ? 1 : 0; i < code.length; i++) {
      var character = code.charAt(i);
      var lead = CONTINUATION.indexOf(character);
      if (lead >= 0) {
        high = high * CONTINUATION.length + lead;
        continue;
      }
      previous += high * DIGITS.length + DIGITS.indexOf(character) + 1;
      high = 0;
      numbers.push(previous);
    }
    if (complement) {
      var missing = numbers;
      numbers = [];
      for (var section = 0, m = 0; section < index.sections.length; section++) {
        if (m < missing.length && missing[m] === section) {
          m++;
        } else {
          numbers.push(section);
        }
      }
    }
    index.cache[wordNumber] = numbers;
    return numbers;
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Searching                                                                                 */
  /* ---------------------------------------------------------------------------------------- */

  // Query words: all must match; the last one (while still being typed) also matches longer words.
  function parseQuery(query) {
    var found = words(query);
    var open = !/\s$/.test(query);
    var terms = [];
    found.forEach(function (word, position) {
      var prefix = open && position === found.length - 1;
      var weak = index.stop[word] || word.length < 2;
      if (weak && !prefix) {
        return;
      }
      terms.push({ word: normalized(word), prefix: prefix, optional: weak });
    });
    return terms;
  }

  // 2: the word itself, 1: a longer word starting with it (prefix terms), 0: no match.
  function matchWord(word, term) {
    if (word === term.word) {
      return 2;
    }
    return term.prefix && word.lastIndexOf(term.word, 0) === 0 ? 1 : 0;
  }

  function matchList(list, term) {
    var best = 0;
    for (var i = 0; i < list.length && best < 2; i++) {
      best = Math.max(best, matchWord(list[i], term));
    }
    return best;
  }

  function textMatches(term) {
    var hits = new Uint8Array(index.sections.length);
    function mark(wordNumber, strength) {
      var numbers = sectionsOf(wordNumber);
      for (var i = 0; i < numbers.length; i++) {
        if (hits[numbers[i]] < strength) {
          hits[numbers[i]] = strength;
        }
      }
    }
    if (term.prefix) {
      for (var n = 0; n < index.vocabulary.length; n++) {
        var strength = matchWord(index.vocabulary[n], term);
        if (strength) {
          mark(n, strength);
        }
      }
    } else if (index.lookup.has(term.word)) {
      mark(index.lookup.get(term.word), 2);
    }
    return hits;
  }

  function strengthFactor(strength) {
    return strength === 2 ? 1 : PREFIX_FACTOR;
  }

  function termScore(section, term, hits) {
    var best = 0;
    var page = matchList(section.pageWords, term);
    if (page) {
      best = strengthFactor(page) * (section.intro ? WEIGHT.pageTitle : WEIGHT.pageTitleElsewhere);
    }
    var title = matchList(section.titleWords, term);
    if (title) {
      best = Math.max(best, strengthFactor(title) * WEIGHT.sectionTitle);
    }
    if (best < WEIGHT.excerpt) {
      // A match the reader sees in the snippet ranks above one only the index knows about.
      var excerpt = matchList(section.excerptWords, term);
      if (excerpt) {
        best = Math.max(best, strengthFactor(excerpt) * WEIGHT.excerpt);
      }
      if (hits[section.number]) {
        best = Math.max(best, strengthFactor(hits[section.number]) * WEIGHT.text);
      }
    }
    return best;
  }

  function rank(terms) {
    var matches = terms.map(textMatches);
    var found = [];
    index.sections.forEach(function (section) {
      if (!section.path) {
        return;
      }
      var score = 0;
      for (var t = 0; t < terms.length; t++) {
        var value = termScore(section, terms[t], matches[t]);
        if (!value) {
          return;
        }
        score += value;
      }
      found.push({ section: section, score: score });
    });
    found.sort(function (a, b) {
      return b.score - a.score || a.section.number - b.section.number;
    });
    return found;
  }

  // null while the query is too short to search (a single letter).
  function search(query) {
    var terms = parseQuery(query);
    if (!terms.length) {
      return { terms: terms, found: [] };
    }
    if (terms.length === 1 && terms[0].word.length < 2) {
      return null;
    }
    var found = rank(terms);
    // A stop word or single letter still being typed narrows nothing useful when nothing starts with it.
    if (!found.length && terms[terms.length - 1].optional && terms.length > 1) {
      terms = terms.slice(0, -1);
      found = rank(terms);
    }
    return { terms: terms, found: found };
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Results                                                                                   */
  /* ---------------------------------------------------------------------------------------- */

  function element(name, className) {
    var node = doc.createElement(name);
    if (className) {
      node.className = className;
    }
    return node;
  }

  // Appends `text` to `parent`, with the words that match a term wrapped in <mark>.
  function appendMarked(parent, text, terms) {
    var pattern = new RegExp(wordPattern.source, wordPattern.flags);
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var word = normalized(match[0].toLowerCase());
      var hit = terms.some(function (term) {
        return !term.optional && matchWord(word, term);
      });
      if (!hit) {
        continue;
      }
      if (match.index > last) {
        parent.appendChild(doc.createTextNode(text.slice(last, match.index)));
      }
      var mark = element("mark");
      mark.textContent = match[0];
      parent.appendChild(mark);
      last = match.index + match[0].length;
    }
    if (last < text.length) {
      parent.appendChild(doc.createTextNode(text.slice(last)));
    }
  }

  function href(section) {
    return siteRoot + section.path + (section.anchor ? "#" + section.anchor : "");
  }

  function render(outcome) {
    list.textContent = "";
    setActive(-1);
    results = outcome.found.slice(0, MAX_RESULTS);
    results.forEach(function (result, position) {
      var section = result.section;
      var item = element("li", "search-result");
      item.id = "docgen-search-result-" + position;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      var link = element("a", "search-result-link");
      link.setAttribute("href", href(section));
      link.tabIndex = -1;
      if (!section.intro) {
        var page = element("span", "search-result-page");
        appendMarked(page, section.pageTitle, outcome.terms);
        link.appendChild(page);
      }
      var title = element("span", "search-result-title");
      appendMarked(title, section.intro ? section.pageTitle : section.title, outcome.terms);
      link.appendChild(title);
      if (section.excerpt) {
        var snippet = element("span", "search-result-snippet");
        appendMarked(snippet, section.excerpt, outcome.terms);
        link.appendChild(snippet);
      }
      item.appendChild(link);
      list.appendChild(item);
    });
    var count = outcome.found.length;
    if (!count) {
      showMessage("No results for “" + input.value.trim() + "”");
      announce("No results");
    } else {
      showMessage(count > MAX_RESULTS ? "Showing the best " + MAX_RESULTS + " of " + count + " results" : "");
      announce(count === 1 ? "1 result" : Math.min(count, MAX_RESULTS) + (count > MAX_RESULTS ? " of " + count : "") + " results");
    }
    openPanel();
    panel.scrollTop = 0;
  }

  function showMessage(text) {
    if (message) {
      message.textContent = text;
      message.hidden = !text;
    }
  }

  function announce(text) {
    if (!live) {
      return;
    }
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(function () {
      live.textContent = text;
    }, 400);
  }

  function setActive(position) {
    var current = active >= 0 ? list.children[active] : null;
    if (current) {
      current.classList.remove("active");
      current.setAttribute("aria-selected", "false");
    }
    active = position;
    var next = position >= 0 ? list.children[position] : null;
    if (next) {
      next.classList.add("active");
      next.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", next.id);
      scrollIntoPanel(next);
    } else {
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
  }

  function scrollIntoPanel(item) {
    var top = item.offsetTop;
    var bottom = top + item.offsetHeight;
    var scroller = panel;
    if (top < scroller.scrollTop) {
      scroller.scrollTop = top;
    } else if (bottom > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = bottom - scroller.clientHeight;
    }
  }

  function openResult(position) {
    var item = list.children[position];
    var link = item ? item.querySelector("a") : null;
    if (!link) {
      return;
    }
    closePanel();
    collapse(false);
    window.location.href = link.href;
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Opening and closing                                                                       */
  /* ---------------------------------------------------------------------------------------- */

  function isPanelOpen() {
    return !panel.hidden;
  }

  function openPanel() {
    panel.hidden = false;
    input.setAttribute("aria-expanded", "true");
    container.classList.add("has-results");
  }

  function closePanel() {
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    container.classList.remove("has-results");
    setActive(-1);
  }

  // Phones show a search button; it opens the search box over the header.
  function expand() {
    container.classList.add("open");
    if (toggle) {
      toggle.setAttribute("aria-expanded", "true");
    }
  }

  function collapse(restoreFocus) {
    if (!container.classList.contains("open")) {
      return;
    }
    container.classList.remove("open");
    if (toggle) {
      toggle.setAttribute("aria-expanded", "false");
      if (restoreFocus && isShown(toggle)) {
        toggle.focus();
      }
    }
  }

  function isShown(node) {
    return !!(node.offsetWidth || node.offsetHeight || node.getClientRects().length);
  }

  function focusSearch() {
    expand();
    load();
    input.focus();
    input.select();
  }

  function refresh() {
    lastQuery = null;
    update();
  }

  function update() {
    var query = input.value;
    if (query === lastQuery && status === "ready") {
      return;
    }
    lastQuery = query;
    if (!query.trim()) {
      list.textContent = "";
      results = [];
      showMessage("");
      closePanel();
      return;
    }
    load();
    if (status === "loading" || status === "idle") {
      list.textContent = "";
      showMessage("Loading the search index…");
      openPanel();
      return;
    }
    if (status === "failed") {
      list.textContent = "";
      showMessage("Search is not available: the search index could not be loaded.");
      openPanel();
      return;
    }
    var outcome = search(query);
    if (!outcome) {
      list.textContent = "";
      results = [];
      showMessage("");
      closePanel();
      return;
    }
    render(outcome);
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Events                                                                                    */
  /* ---------------------------------------------------------------------------------------- */

  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });

  input.addEventListener("focus", function () {
    load();
    if (input.value.trim() && (list.children.length || (message && !message.hidden))) {
      openPanel();
    }
  });

  // A click in the box brings back results closed with Escape.
  input.addEventListener("click", function () {
    if (input.value.trim() && (list.children.length || (message && !message.hidden))) {
      openPanel();
    }
  });

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, DEBOUNCE_MS);
  });

  input.addEventListener("keydown", function (event) {
    var key = event.key;
    if (key === "ArrowDown" || key === "Down" || key === "ArrowUp" || key === "Up") {
      event.preventDefault();
      window.clearTimeout(timer);
      update();
      if (!results.length) {
        return;
      }
      if (!isPanelOpen()) {
        openPanel();
      }
      var down = key === "ArrowDown" || key === "Down";
      var count = results.length;
      setActive(down ? (active + 1) % count : active <= 0 ? count - 1 : active - 1);
    } else if (key === "Enter") {
      event.preventDefault();
      window.clearTimeout(timer);
      update();
      if (results.length) {
        openResult(active >= 0 ? active : 0);
      }
    } else if (key === "Escape" || key === "Esc") {
      // Escape closes the results, a second one the phone search bar, a third leaves the box.
      event.preventDefault();
      if (isPanelOpen()) {
        closePanel();
      } else if (container.classList.contains("open")) {
        collapse(true);
      } else {
        input.blur();
      }
    }
  });

  list.addEventListener("mousemove", function (event) {
    var item = event.target && event.target.closest ? event.target.closest(".search-result") : null;
    if (item && item.parentNode === list) {
      var position = Array.prototype.indexOf.call(list.children, item);
      if (position !== active) {
        var panelScroll = panel.scrollTop;
        setActive(position);
        panel.scrollTop = panelScroll;
      }
    }
  });

  list.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a") : null;
    if (link && !event.defaultPrevented && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey) {
      // The page may not change (a result on this page): close now either way.
      closePanel();
      collapse(false);
    }
  });

  if (toggle) {
    toggle.addEventListener("click", function () {
      if (container.classList.contains("open")) {
        closePanel();
        collapse(true);
      } else {
        focusSearch();
      }
    });
  }

  if (closeButton) {
    closeButton.addEventListener("click", function () {
      closePanel();
      collapse(true);
    });
  }

  // A press or tab outside the search closes its results (and the phone search bar).
  doc.addEventListener("pointerdown", function (event) {
    if (!container.contains(event.target)) {
      closePanel();
      if (!input.value) {
        collapse(false);
      }
    }
  });

  container.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (next && !container.contains(next)) {
      closePanel();
      if (!input.value) {
        collapse(false);
      }
    }
  });

  // "/" anywhere but in a text field goes to the search box.
  doc.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    var target = event.target;
    var name = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (name === "input" || name === "textarea" || name === "select" || (target && target.isContentEditable)) {
      return;
    }
    event.preventDefault();
    focusSearch();
  });

  // Back from a result (bfcache): start closed.
  window.addEventListener("pageshow", function () {
    closePanel();
    collapse(false);
  });
})();
