#!/usr/bin/python3
"""Opens every page of a built site in headless Chromium (Debian's chromium + chromedriver, selenium)
and checks what a reader sees: no horizontal scrolling at phone width, the phone menu opens and
closes, copy buttons exist on code blocks, and no JavaScript errors. Prints one line per problem
and 'N passed, M failed' at the end; exits 1 when anything failed.

    layout_check.py SITE_DIR [--screenshots DIR]
"""
import argparse
import pathlib
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

WIDTHS = {"phone": (390, 844), "desktop": (1366, 900)}


def make_driver():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    site = pathlib.Path(args.site).resolve()
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
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
                buttons = driver.execute_script("return document.querySelectorAll('.codeblock .copy-button').length")
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
                if args.screenshots and relative.as_posix() in ("index.html", "jobs/anatomy.html"):
                    out = pathlib.Path(args.screenshots)
                    out.mkdir(parents=True, exist_ok=True)
                    driver.save_screenshot(str(out / f"{relative.as_posix().replace('/', '_')}-{name}.png"))
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
