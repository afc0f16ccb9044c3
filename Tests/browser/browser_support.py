"""Helpers shared by the browser checks (imported from the checks' own folder)."""
import time


def kept_theme(driver, url, chosen, seconds=2.0):
    """The theme the page at `url` shows, opened again every 0.2 s for up to `seconds` until it is
    `chosen`: Chromium hands a page's storage write to the next page asynchronously, and a reader's
    next click comes far later than a test's (a fresh-clone run once read it too early)."""
    kept = None
    for _ in range(max(1, int(seconds / 0.2))):
        driver.get(url)
        kept = driver.execute_script("return document.documentElement.getAttribute('data-theme')")
        if kept == chosen:
            break
        time.sleep(0.2)
    return kept
