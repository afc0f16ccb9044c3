#!/usr/bin/python3
"""Checks the site search in headless Chromium (Debian's chromium + chromedriver, selenium), on a
built site opened from file://: the index loads only when the reader goes to the search box, "/"
focuses it, results show the page, the section and a snippet with the match in <mark>, the arrow
keys and Enter open the right page at the right anchor, Escape closes, the phone layout works, no
request leaves file:// and no script errors. Prints one line per problem and 'N passed, M failed'
at the end; exits 1 when anything failed.

    search_check.py SITE_DIR [--query dusage] [--screenshots DIR]
    search_check.py SITE_DIR --hostile      # a site whose titles and text try to inject HTML
"""
import argparse
import html.parser
import pathlib
import sys
import time
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

PHONE = (390, 844)
DESKTOP = (1280, 900)


def make_driver():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class IdCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)


def ids_in(path):
    collector = IdCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.ids


class Checker:
    def __init__(self, driver, site):
        self.driver = driver
        self.site = site
        self.passed = 0
        self.failed = 0

    def check(self, ok, message):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL", message)
        return ok

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def wait_for(self, script, timeout=5.0):
        end = time.time() + timeout
        while time.time() < end:
            value = self.js(script)
            if value:
                return value
            time.sleep(0.05)
        return self.js(script)

    def open(self, relative, size, dark=False):
        self.driver.set_window_size(*size)
        self.driver.get((self.site / relative).as_uri())
        if dark:
            self.js("document.documentElement.setAttribute('data-theme', 'dark')")
            time.sleep(0.3)  # let colour transitions finish before screenshots
        self.js("window.scrollTo(0, 0)")

    def console_errors(self, where):
        errors = [entry for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]
        self.check(not errors, f"{where}: console errors {errors}")

    def requests_stay_local(self, where):
        names = self.js(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
            ".concat([location.href])")
        outside = [name for name in names if not name.startswith("file:")]
        self.check(not outside, f"{where}: requests outside file://: {outside}")

    def results(self):
        return self.js("""
            return Array.prototype.map.call(document.querySelectorAll('.search-results > li'), function (item) {
                function text(selector) { var node = item.querySelector(selector); return node ? node.textContent : null; }
                var link = item.querySelector('a');
                return {
                    id: item.id, role: item.getAttribute('role'), selected: item.getAttribute('aria-selected'),
                    page: text('.search-result-page'), title: text('.search-result-title'), snippet: text('.search-result-snippet'),
                    marks: Array.prototype.map.call(item.querySelectorAll('mark'), function (m) { return m.textContent; }),
                    href: link ? link.href : null, elements: Array.prototype.map.call(item.querySelectorAll('*'), function (e) { return e.tagName.toLowerCase(); })
                };
            });""")

    def type_query(self, text):
        field = self.driver.find_element(By.CSS_SELECTOR, ".search-input")
        field.send_keys(text)
        return self.wait_for("return document.querySelectorAll('.search-results > li').length "
                             "|| (!document.querySelector('.search-message').hidden && document.querySelector('.search-message').textContent)")

    def target_exists(self, href):
        parsed = urllib.parse.urlparse(href)
        path = pathlib.Path(urllib.parse.unquote(parsed.path))
        if not path.is_file():
            return False
        anchor = urllib.parse.unquote(parsed.fragment)
        return not anchor or anchor in ids_in(path)


def nested_page(site):
    """A page in a folder, so links from it to the index and to results go through '../'."""
    if (site / "jobs" / "anatomy.html").is_file():
        return "jobs/anatomy.html"
    nested = sorted(p for p in site.rglob("*.html") if p.parent != site)
    return nested[0].relative_to(site).as_posix() if nested else "index.html"


def check_desktop(c, query, screenshots):
    page = nested_page(c.site)
    c.open(page, DESKTOP)
    c.check(c.js("return typeof window.docgenSearchIndex") == "undefined"
            and not c.js("return document.querySelector('script[src*=\"search-index\"]')"),
            f"{page}: the search index is loaded before the reader goes to the search box")
    box = c.driver.find_element(By.CSS_SELECTOR, ".search-input")
    label = c.js("var input = document.querySelector('.search-input');"
                 "return (input.getAttribute('aria-label') || '').trim()"
                 " || (input.labels && input.labels.length ? input.labels[0].textContent.trim() : '')")
    c.check(bool(label), "the search box has no label")
    c.check(box.is_displayed(), "the search box is hidden on a desktop")

    c.driver.find_element(By.TAG_NAME, "body").send_keys("/")
    c.check(c.js("return document.activeElement === document.querySelector('.search-input')"),
            "'/' does not focus the search box")
    c.check(c.wait_for("return !!window.docgenSearchIndex"), "the search index did not load after '/'")
    c.check(c.js("return document.querySelector('.search-input').value") == "", "'/' was typed into the search box")

    c.type_query(query)
    found = c.results()
    if not c.check(found, f"no results for '{query}'"):
        return
    c.check(len(found) <= 20, f"{len(found)} results shown, at most 20 expected")
    c.check(c.js("return document.querySelector('.search-input').getAttribute('aria-expanded')") == "true",
            "aria-expanded is not true while results show")
    c.check(c.js("return document.querySelector('.search-results').getAttribute('role')") == "listbox",
            "the results are not a listbox")
    c.check(all(r["role"] == "option" for r in found), "results are not options")
    first = found[0]
    # A page's intro shows the page title as its title; sections show the page above their own.
    c.check((first["page"] or "#" not in first["href"]) and first["title"] and first["snippet"],
            f"the first result lacks the page, the section or a snippet: {first}")
    c.check(query.lower() in (first["title"] or "").lower(),
            f"a section titled with '{query}' should come first, got {first['title']!r}")
    c.check(any(query.lower() in m.lower() for r in found for m in r["marks"]), f"no <mark> around '{query}' in the results")
    c.check(any(query.lower() in m.lower() for m in first["marks"] if m in (first["snippet"] or "")),
            f"the first snippet does not mark '{query}': {first['snippet']!r}")
    for r in found:
        c.check(set(r["elements"]) <= {"a", "span", "mark"}, f"unexpected elements in a result: {r['elements']}")
        c.check(r["href"] and c.target_exists(r["href"]), f"result link {r['href']} does not lead to a page and anchor")
    if screenshots:
        c.driver.save_screenshot(str(screenshots / "search-desktop-light.png"))
        c.js("document.documentElement.setAttribute('data-theme', 'dark')")
        time.sleep(0.3)
        c.driver.save_screenshot(str(screenshots / "search-desktop-dark.png"))
        c.js("document.documentElement.removeAttribute('data-theme')")

    box.send_keys(Keys.ARROW_DOWN)
    c.check(c.js("return document.querySelector('.search-input').getAttribute('aria-activedescendant')") == first["id"],
            "ArrowDown does not select the first result")
    c.check(c.results()[0]["selected"] == "true", "the selected result is not aria-selected")
    if len(found) > 1:
        box.send_keys(Keys.ARROW_DOWN)
        box.send_keys(Keys.ARROW_UP)
        c.check(c.js("return document.querySelector('.search-input').getAttribute('aria-activedescendant')") == first["id"],
                "ArrowDown then ArrowUp does not come back to the first result")
    c.requests_stay_local(page)
    c.console_errors(f"{page} with results")

    box.send_keys(Keys.ENTER)
    c.wait_for(f"return location.href !== {c.site.joinpath(page).as_uri()!r}")
    c.check(c.driver.current_url == first["href"], f"Enter opened {c.driver.current_url}, expected {first['href']}")
    anchor = urllib.parse.unquote(urllib.parse.urlparse(first["href"]).fragment)
    if anchor:
        c.check(c.js("return !!document.getElementById(arguments[0])", anchor), f"the opened page has no #{anchor}")
    c.requests_stay_local(c.driver.current_url)
    c.console_errors(c.driver.current_url)

    # Escape closes the results; the box keeps its text.
    c.open("index.html", DESKTOP)
    box = c.driver.find_element(By.CSS_SELECTOR, ".search-input")
    box.click()
    c.type_query(query)
    c.check(c.js("return !document.querySelector('.search-panel').hidden"), "results do not show on the home page")
    home = c.results()
    c.check(home and all(c.target_exists(r["href"]) for r in home), "result links from the home page are broken")
    box.send_keys(Keys.ESCAPE)
    c.check(c.js("return document.querySelector('.search-panel').hidden"), "Escape does not close the results")
    c.check(c.js("return document.querySelector('.search-input').getAttribute('aria-expanded')") == "false",
            "aria-expanded stays true after Escape")
    c.check(c.js("return document.querySelector('.search-input').value") == query, "Escape cleared the search box")

    c.open("index.html", DESKTOP)
    c.driver.find_element(By.TAG_NAME, "body").send_keys("/")
    c.type_query("qzxqzxnothing")
    c.check(not c.results() and "No results" in c.js("return document.querySelector('.search-message').textContent"),
            "a query without matches does not say so")
    c.console_errors("index.html")


def check_phone(c, query, screenshots):
    page = nested_page(c.site)
    for dark in (False, True):
        scheme = "dark" if dark else "light"
        c.open(page, PHONE, dark=dark)
        toggle = c.driver.find_element(By.CSS_SELECTOR, ".search-toggle")
        c.check(toggle.is_displayed(), "the search button is hidden on a phone")
        c.check(not c.driver.find_element(By.CSS_SELECTOR, ".search-input").is_displayed(),
                "the search box takes header space on a phone before it is opened")
        toggle.click()
        c.check(toggle.get_attribute("aria-expanded") == "true", "the search button does not say it is expanded")
        c.check(c.js("return document.activeElement === document.querySelector('.search-input')"),
                "the search button does not focus the search box")
        c.type_query(query)
        found = c.results()
        c.check(found, f"no results for '{query}' on a phone")
        rect = c.js("var r = document.querySelector('.search-panel').getBoundingClientRect();"
                    "return [r.left, r.right, r.top, r.bottom, window.innerWidth, window.innerHeight]")
        c.check(rect[0] >= 0 and rect[1] <= rect[4] + 0.5 and rect[3] <= rect[5] + 0.5,
                f"the results panel does not fit a phone screen: {rect}")
        overflow = c.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        c.check(overflow <= 0, f"the page scrolls sideways by {overflow}px with search open on a phone")
        if screenshots:
            c.driver.save_screenshot(str(screenshots / f"search-phone-{scheme}.png"))
        box = c.driver.find_element(By.CSS_SELECTOR, ".search-input")
        box.send_keys(Keys.ESCAPE)
        c.check(c.js("return document.querySelector('.search-panel').hidden"), "Escape does not close the results on a phone")
        box.send_keys(Keys.ESCAPE)
        c.check(toggle.get_attribute("aria-expanded") == "false" and toggle.is_displayed(),
                "a second Escape does not close the search bar on a phone")
        c.check(c.js("return document.activeElement === document.querySelector('.search-toggle')"),
                "closing the search bar does not return focus to the search button")
        c.requests_stay_local(f"{page} on a phone")
        c.console_errors(f"{page} on a phone ({scheme})")


def check_every_page(c):
    """The search box and its script work on every page that has one: no errors, the index found from each folder."""
    for page in sorted(p for p in c.site.rglob("*.html") if p.name != "404.html"):
        relative = page.relative_to(c.site).as_posix()
        c.open(relative, DESKTOP)
        if c.js("return !!document.querySelector('.search')"):
            c.driver.find_element(By.TAG_NAME, "body").send_keys("/")
            c.check(c.wait_for("return !!window.docgenSearchIndex"), f"{relative}: the search index did not load")
        c.requests_stay_local(relative)
        c.console_errors(relative)


def check_hostile(c):
    """Titles and text that look like HTML stay text in the results."""
    c.open("index.html", DESKTOP)
    c.driver.find_element(By.TAG_NAME, "body").send_keys("/")
    c.type_query("alert")
    found = c.results()
    c.check(found, "no results for 'alert' on the hostile site")
    try:
        c.driver.switch_to.alert
        c.check(False, "a script from the index ran (an alert is open)")
    except NoAlertPresentException:
        c.check(True, "")
    c.check(not c.js("return document.querySelector('.search-panel script, .search-panel img, .search-panel iframe')"),
            "index text became HTML elements in the results")
    c.check(any("<script>" in (r["title"] or "") + (r["page"] or "") + (r["snippet"] or "") for r in found),
            f"the hostile title is not shown as text: {found}")
    c.check(not c.js("return window.__docgenInjected === true"), "injected code ran")
    c.console_errors("hostile site")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--query", default="dusage")
    parser.add_argument("--screenshots")
    parser.add_argument("--hostile", action="store_true")
    args = parser.parse_args()
    site = pathlib.Path(args.site).resolve()
    if not (site / "index.html").is_file() or not (site / "search-index.js").is_file():
        print(f"{site} has no index.html or search-index.js")
        print("0 passed, 1 failed")
        return 1
    screenshots = pathlib.Path(args.screenshots) if args.screenshots else None
    if screenshots:
        screenshots.mkdir(parents=True, exist_ok=True)
    driver = make_driver()
    c = Checker(driver, site)
    try:
        steps = [check_hostile] if args.hostile else [
            lambda c: check_desktop(c, args.query, screenshots),
            lambda c: check_phone(c, args.query, screenshots),
            check_every_page,
        ]
        for step in steps:
            try:
                step(c)
            except Exception as error:  # a missing element or a browser error fails the step, not the run
                c.check(False, f"{getattr(step, '__name__', 'check')}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
    finally:
        driver.quit()
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
