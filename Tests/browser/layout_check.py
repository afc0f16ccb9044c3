#!/usr/bin/python3
"""Opens every page of a built site in headless Chromium (Debian's chromium + chromedriver, selenium)
and checks what a reader sees: no horizontal scrolling at phone width, the phone menu opens and
closes, copy buttons exist on code blocks, no JavaScript errors, no request leaves the machine;
the copy button of a shell session copies only its commands; the theme toggle persists across
pages; and axe-core finds no serious or critical accessibility violations on key pages.
Prints one line per problem and 'N passed, M failed' at the end; exits 1 when anything failed.

    layout_check.py SITE_DIR [--screenshots DIR]
"""
import argparse
import pathlib
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from browser_support import kept_theme

WIDTHS = {"phone": (390, 844), "desktop": (1366, 900)}


def make_driver():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def check_transcript_copy(driver, site, check):
    """The main copy button of a shell session copies the commands, without prompts or output."""
    driver.set_window_size(1366, 900)
    driver.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    page = site / "first-steps" / "shell-basics.html"
    driver.get(page.as_uri())
    blocks = driver.find_elements(By.CSS_SELECTOR, ".codeblock.transcript")
    target = None
    for block in blocks:
        if "mkdir new_folder" in block.text:
            target = block
            break
    check(target is not None, "shell-basics.html has no transcript with 'mkdir new_folder'")
    if target is None:
        return
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", target)
    driver.execute_script("arguments[0].click()", target.find_element(By.CSS_SELECTOR, ".copy-button:not(.copy-all)"))
    copied = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.clipboard.readText().then(done, e => done('ERROR ' + e))")
    check(copied == "mkdir new_folder\nls", f"the transcript copy button copied {copied!r}, not just the commands")
    driver.execute_script("arguments[0].click()", target.find_element(By.CSS_SELECTOR, ".copy-all"))
    everything = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.clipboard.readText().then(done, e => done('ERROR ' + e))")
    check("[bencretois@login-5.SAGA ~]$ mkdir new_folder" in everything and "deepexperiments" in everything,
          f"'Copy all' copied {everything!r}")
    plain = driver.execute_script(
        "const b = document.querySelector('.codeblock:not(.transcript)'); return b ? b.querySelector('code').textContent : null")
    check(plain is None or "hl-" not in plain, "plain code blocks copy their text, not markup")


def check_collapsible_sidebar(driver, site, check):
    """A closed sidebar section opens and closes in place, without leaving the page."""
    driver.set_window_size(1366, 900)
    page = (site / "jobs" / "anatomy.html").as_uri()
    driver.get(page)
    closed = driver.find_elements(By.CSS_SELECTOR, ".nav-expand[aria-expanded=false]")
    check(bool(closed), "the sidebar has no collapsed section to open")
    if not closed:
        return
    button = closed[0]
    target = driver.find_element(By.ID, button.get_attribute("aria-controls"))
    check(not target.is_displayed(), "a collapsed section's pages are shown")
    button.click()
    check(target.is_displayed() and button.get_attribute("aria-expanded") == "true", "the section did not open")
    check(driver.current_url == page, "opening a section left the page")
    button.click()
    check(not target.is_displayed(), "the section did not close again")


def check_theme_toggle(driver, site, check):
    """Choosing dark on one page keeps it dark on the next page."""
    driver.get((site / "index.html").as_uri())
    driver.execute_script("localStorage.removeItem('docgen-theme')")
    driver.get((site / "index.html").as_uri())
    before = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    driver.find_element(By.CSS_SELECTOR, ".theme-toggle").click()
    chosen = driver.execute_script("return document.documentElement.getAttribute('data-theme')")
    after = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    check(chosen in ("dark", "light") and after != before, f"the theme toggle did not change the colours ({before} -> {after})")
    kept = kept_theme(driver, (site / "jobs" / "anatomy.html").as_uri(), chosen)
    check(kept == chosen, f"the theme chosen on one page ({chosen}) is not kept on the next ({kept})")
    driver.execute_script("localStorage.removeItem('docgen-theme')")


def check_accessibility(driver, site, check):
    """axe-core on the home page and a job-script page, light and dark: no serious or critical violations."""
    try:
        from axe_selenium_python import Axe
    except ImportError:
        check(False, "axe-selenium-python is not installed (make test-deps installs it)")
        return
    for relative in ("index.html", "cluster-jobs/saga.html", "first-steps/shell-basics.html"):
        for scheme in ("light", "dark"):
            driver.get((site / relative).as_uri())
            driver.execute_script("document.documentElement.setAttribute('data-theme', arguments[0])", scheme)
            time.sleep(0.5)  # let colour transitions finish, or axe measures a colour half-way
            axe = Axe(driver)
            axe.inject()
            results = axe.run()
            serious = [f"{v['id']} ({v['impact']}): {v['help']} x{len(v['nodes'])}"
                       for v in results["violations"] if v.get("impact") in ("serious", "critical")]
            check(not serious, f"{relative} ({scheme}): accessibility violations: {serious}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    site = pathlib.Path(args.site).resolve()
    pages = sorted(p for p in site.rglob("*.html") if p.name not in ("404.html", "print.html"))
    if not pages:
        print(f"no pages in {site}")
        return 1
    driver = make_driver()
    passed = failed = 0

    def check(ok, message):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL", message)

    try:
        for name, (width, height) in WIDTHS.items():
            driver.set_window_size(width, height)
            for page in pages:
                relative = page.relative_to(site)
                driver.get(page.as_uri())
                overflow = driver.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                check(overflow <= 0, f"{relative} at {name} width scrolls sideways by {overflow}px")
                blocks = driver.execute_script("return document.querySelectorAll('.codeblock').length")
                buttons = driver.execute_script("return document.querySelectorAll('.codeblock .copy-button:not(.copy-all)').length")
                check(blocks == buttons, f"{relative}: {blocks} code blocks but {buttons} copy buttons")
                if name == "phone":
                    toggle = driver.find_element(By.CSS_SELECTOR, ".nav-toggle")
                    sidebar = driver.find_element(By.CSS_SELECTOR, "#sidebar")
                    check(toggle.is_displayed(), f"{relative}: the menu button is hidden on a phone")
                    check(not sidebar.is_displayed() or sidebar.location["x"] + sidebar.size["width"] <= 0,
                          f"{relative}: the sidebar covers the page before the menu is opened")
                    toggle.click()
                    opened = driver.execute_script("return document.body.classList.contains('nav-open')")
                    check(opened and toggle.get_attribute("aria-expanded") == "true",
                          f"{relative}: the menu button does not open the navigation")
                    toggle.click()
                else:
                    sidebar = driver.find_element(By.CSS_SELECTOR, "#sidebar")
                    check(sidebar.is_displayed(), f"{relative}: the sidebar is hidden on a desktop")
                errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
                check(not errors, f"{relative} at {name} width: console errors {errors}")
                remote = driver.execute_script(
                    "return performance.getEntriesByType('resource').map(e => e.name)"
                    ".filter(n => !n.startsWith('file:') && !n.startsWith('data:'))")
                check(not remote, f"{relative}: requests leave the machine: {remote}")
                if args.screenshots and relative.as_posix() in ("index.html", "jobs/anatomy.html"):
                    out = pathlib.Path(args.screenshots)
                    out.mkdir(parents=True, exist_ok=True)
                    driver.save_screenshot(str(out / f"{relative.as_posix().replace('/', '_')}-{name}.png"))
        check_transcript_copy(driver, site, check)
        check_collapsible_sidebar(driver, site, check)
        check_theme_toggle(driver, site, check)
        check_accessibility(driver, site, check)
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
