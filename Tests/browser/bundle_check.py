#!/usr/bin/python3
"""Opens an unzipped offline bundle from file:// in headless Chromium with the network switched
off, and uses it as a reader would: navigates three levels deep through the sidebar and links,
searches, copies a transcript's commands, toggles the theme. No console errors anywhere.
Prints 'N passed, M failed'; exits 1 on any failure.

    bundle_check.py BUNDLE_FOLDER
"""
import pathlib
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import kept_theme


def main():
    folder = pathlib.Path(sys.argv[1]).resolve()
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    passed = failed = 0

    def check(ok, message):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL", message)

    def no_errors(where):
        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"{where}: console errors {errors}")

    try:
        driver.set_window_size(1366, 900)
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
        driver.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        driver.get((folder / "index.html").as_uri())
        check("NINA" in driver.title or driver.title, "the front page opens")
        no_errors("index.html")

        # Three levels: home -> a section -> a page in it -> a page it links to.
        driver.find_element(By.CSS_SELECTOR, ".sidebar a[href$='jobs/index.html']").click()
        check(driver.current_url.endswith("jobs/index.html"), f"level 1: {driver.current_url}")
        no_errors("jobs/index.html")
        driver.find_element(By.CSS_SELECTOR, ".sidebar a[href='anatomy.html']").click()
        check(driver.current_url.endswith("jobs/anatomy.html"), f"level 2: {driver.current_url}")
        no_errors("jobs/anatomy.html")
        links = driver.find_elements(By.CSS_SELECTOR, ".page-body a[href*='../']")
        check(bool(links), "level 2 page has a link to another section")
        if links:
            driver.execute_script("arguments[0].click()", links[0])
            time.sleep(0.3)
            check(driver.current_url.startswith(folder.as_uri()) and "anatomy" not in driver.current_url,
                  f"level 3: {driver.current_url}")
            no_errors(driver.current_url)

        # Search, offline.
        driver.get((folder / "first-steps" / "shell-basics.html").as_uri())
        driver.find_element(By.TAG_NAME, "body").send_keys("/")
        time.sleep(0.3)
        driver.switch_to.active_element.send_keys("dusage")
        time.sleep(1.0)
        results = driver.find_elements(By.CSS_SELECTOR, ".search-results [role=option], .search-results li")
        check(bool(results), "search finds 'dusage' offline")
        if results:
            driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
            driver.switch_to.active_element.send_keys(Keys.ENTER)
            time.sleep(0.5)
            check("shell-basics" not in driver.current_url, f"Enter opens the result: {driver.current_url}")
        no_errors("search")

        # Copy a transcript's commands.
        driver.get((folder / "first-steps" / "shell-basics.html").as_uri())
        blocks = [b for b in driver.find_elements(By.CSS_SELECTOR, ".codeblock.transcript") if "mkdir new_folder" in b.text]
        check(bool(blocks), "a transcript to copy")
        if blocks:
            driver.execute_script("arguments[0].click()", blocks[0].find_element(By.CSS_SELECTOR, ".copy-button:not(.copy-all)"))
            copied = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "navigator.clipboard.readText().then(done, e => done('ERROR ' + e))")
            check(copied == "mkdir new_folder\nls", f"copied {copied!r}")

        # Theme toggle, kept on the next page.
        # Cleared from the page that then toggles: Chromium hands each page's storage writes to its
        # storage service on its own channel, so a removal sent from the previous page could arrive
        # after the toggle's write.
        driver.get((folder / "index.html").as_uri())
        driver.execute_script("localStorage.removeItem('docgen-theme')")
        driver.get((folder / "index.html").as_uri())
        driver.find_element(By.CSS_SELECTOR, ".theme-toggle").click()
        chosen = driver.execute_script("return document.documentElement.getAttribute('data-theme')")
        kept = kept_theme(driver, (folder / "jobs" / "index.html").as_uri(), chosen)
        check(chosen in ("dark", "light") and kept == chosen, f"theme {chosen} kept as {kept}")
        no_errors("theme")
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
