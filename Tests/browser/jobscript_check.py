#!/usr/bin/python3
"""Checks the job-script template forms (assets/jobscript.js) of a built site in headless Chromium
(Debian's chromium + chromedriver, selenium), from file://.

1. For every case in CASES_JSON (made by JobScriptBrowserTests from the real `docgen jobscript --spec`):
   window.docgenJobScript.generate(spec) must be the Swift script byte for byte, and lint(spec) must give
   the same (id, severity) pairs as the Swift linter, counted over the rules the form mirrors (notes included).
2. The form: every card has a labelled form; changing GPUs on a CPU job type updates the shown script, the
   warnings (GPU001) and the download; the copy button copies exactly the shown script; the download link's
   `download` name is the file name and its Blob holds the script; the cluster select switches job types.
3. No console errors, no horizontal scrolling at 390px, and axe-core finds no serious or critical
   violations with the forms open, light and dark.

Prints one line per problem and 'N passed, M failed' at the end; exits 1 when anything failed.

    jobscript_check.py SITE_DIR CASES_JSON
"""
import argparse
import json
import pathlib
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

# The rules jobscript.js mirrors; other rules (header, shell, storage, MPI...) are not compared.
MIRRORED = {
    "ACC002", "ACC003", "TIM002", "TIM003", "TIM004", "CL002", "MEM001", "MEM003", "MEM004", "MEM006", "CPU001",
    "CPU003", "NOD001", "GPU001", "GPU002", "GPU003", "GPU006", "ARR001", "ARR002", "MOD001", "MOD003", "QOS001",
    "BILL001",
}


def make_driver():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def pairs(findings):
    return sorted((f["id"], f["severity"]) for f in findings if f["id"] in MIRRORED)


def check_cases(driver, cases, check):
    for case in cases:
        script = driver.execute_script("return window.docgenJobScript.generate(arguments[0])", case["spec"])
        if script != case["script"]:
            import difflib
            diff = "\n".join(difflib.unified_diff(case["script"].splitlines(), (script or "").splitlines(), "swift", "js", lineterm=""))
            check(False, f"{case['name']}: generate differs from docgen jobscript:\n{diff}")
        else:
            check(True, "")
        found = driver.execute_script("return window.docgenJobScript.lint(arguments[0])", case["spec"])
        want = pairs(case["diagnostics"])
        got = pairs(found)
        check(got == want, f"{case['name']}: lint ids differ\n  swift: {want}\n  js:    {got}\n  swift messages: "
              + "; ".join(f"{d['id']}: {d['message']}" for d in case["diagnostics"] if d["id"] in MIRRORED)
              + "\n  js messages: " + "; ".join(f"{d['id']}: {d['message']}" for d in found))
        name = driver.execute_script("return window.docgenJobScript.filename(arguments[0])", case["spec"])
        check(name == case["filename"], f"{case['name']}: filename {name!r}, docgen says {case['filename']!r}")


def card_for(driver, cluster):
    for card in driver.find_elements(By.CSS_SELECTOR, ".job-template"):
        if card.get_attribute("data-cluster") == cluster:
            return card
    return None


def shown_script(driver, card):
    return driver.execute_script("return arguments[0].querySelector('.codeblock code').textContent", card)


def warning_ids(driver, card):
    return driver.execute_script(
        "return Array.from(arguments[0].querySelectorAll('.job-template-warnings li[data-id]')).map(li => li.dataset.id)", card)


def fetch_download(driver, card):
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const a = arguments[0].querySelector('.job-template-download');"
        "fetch(a.href).then(r => r.text()).then(t => done({text: t, name: a.getAttribute('download'), href: a.href}),"
        " e => done({error: String(e)}))", card)


console_errors = []


def check_form(driver, page, check):
    driver.set_window_size(1366, 900)
    driver.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    driver.get(page.as_uri())
    cards = driver.find_elements(By.CSS_SELECTOR, ".job-template")
    check(len(cards) >= 4, f"expected at least 4 job-template cards, found {len(cards)}")
    for card in cards:
        unlabelled = driver.execute_script(
            "return Array.from(arguments[0].querySelectorAll('.job-template-fields input, .job-template-fields select'))"
            ".filter(c => !c.labels || c.labels.length === 0).map(c => c.id || c.outerHTML)", card)
        check(not unlabelled, f"{card.get_attribute('data-filename')}: controls without a label: {unlabelled}")
        spec = json.loads(driver.execute_script(
            "return arguments[0].querySelector('.job-template-fields').getAttribute('data-spec')", card))
        generated = driver.execute_script("return window.docgenJobScript.generate(arguments[0])", spec)
        check(shown_script(driver, card) == generated, f"{card.get_attribute('data-filename')}: the form changed the script before any edit")

    # The Olivia card runs on the CPU job type 'small': ask for a GPU there.
    card = card_for(driver, "olivia")
    check(card is not None, "no Olivia card")
    if card is None:
        return
    before = shown_script(driver, card)
    driver.execute_script("arguments[0].querySelector('details').open = true", card)
    gpus = card.find_element(By.CSS_SELECTOR, ".job-template-field-gpus input")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", gpus)
    driver.execute_script("arguments[0].focus()", gpus)
    gpus.send_keys("1")
    after = shown_script(driver, card)
    check(after != before and "#SBATCH --gpus=1\n" in after, f"setting GPUs did not update the script:\n{after}")
    ids = warning_ids(driver, card)
    check("GPU001" in ids, f"GPUs on Olivia small shows no GPU001 warning: {ids}")
    text = driver.execute_script("return arguments[0].querySelector('.job-template-warnings li[data-id=GPU001]').textContent", card)
    check("error" in text and "GPU001" in text and "has none" in text, f"the GPU001 item does not show severity, id and message: {text!r}")

    # Copy button copies exactly the shown script (minus the final newline, as for every code block).
    button = card.find_element(By.CSS_SELECTOR, ".codeblock .copy-button")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    driver.execute_script("arguments[0].click()", button)
    copied = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.clipboard.readText().then(done, e => done('ERROR ' + e))")
    check(copied == after.rstrip("\n") or copied == after, f"the copy button copied {copied!r}, not the shown script")

    download = fetch_download(driver, card)
    check(download.get("text") == after, f"the download does not hold the shown script: {download}")
    check(download.get("name") == "count-words.sh", f"the download is named {download.get('name')!r}")
    check(str(download.get("href", "")).startswith("blob:"), f"the download link is not a Blob URL: {download.get('href')}")
    first_href = download.get("href")

    # Back to 0 GPUs: the warning goes away, a new Blob URL replaces the old one, and the old one is revoked.
    gpus.clear()
    gpus.send_keys("0")
    ids = warning_ids(driver, card)
    check("GPU001" not in ids, f"GPU001 stays after removing the GPUs: {ids}")
    check(shown_script(driver, card) == before, "removing the GPUs does not give back the original script")
    # Fetching a revoked URL logs an error on purpose: keep the errors so far, drop the probe's.
    console_errors.extend(e for e in driver.get_log("browser") if e["level"] == "SEVERE")
    revoked = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(() => done(false), () => done(true))", first_href)
    check(revoked, "the old Blob URL was not revoked")
    driver.get_log("browser")

    # A whole-node job type offers no memory form, and the memory line leaves the script.
    select = Select(card.find_element(By.CSS_SELECTOR, ".job-template-field-partition select"))
    select.select_by_value("large")
    memory_hidden = driver.execute_script(
        "return arguments[0].querySelector('.job-template-field-memory').hidden", card)
    script = shown_script(driver, card)
    check(memory_hidden and "--mem" not in script and "#SBATCH --partition=large" in script,
          f"the whole-node job type still offers memory or writes it:\n{script}")

    # Switching the cluster of the Saga card to Betzy offers Betzy's job types and warns about a missing --nodes.
    saga = card_for(driver, "saga")
    driver.execute_script("arguments[0].querySelector('details').open = true", saga)
    Select(saga.find_element(By.CSS_SELECTOR, ".job-template-field-cluster select")).select_by_value("betzy")
    options = [o.get_attribute("value") for o in saga.find_elements(By.CSS_SELECTOR, ".job-template-field-partition option")]
    check("preproc" in options and "a100" not in options, f"the job types did not follow the cluster: {options}")
    script = shown_script(driver, saga)
    check("a job script for Betzy" in script, "the header comment does not name Betzy after switching")
    # A time above the maximum gives TIM003, an invalid one TIM002.
    time_input = saga.find_element(By.CSS_SELECTOR, ".job-template-field-time input")
    time_input.clear()
    time_input.send_keys("9-00:00:00")
    check("TIM003" in warning_ids(driver, saga), f"no TIM003 for 9 days on Betzy: {warning_ids(driver, saga)}")
    time_input.clear()
    time_input.send_keys("2h")
    check("TIM002" in warning_ids(driver, saga), f"no TIM002 for '2h': {warning_ids(driver, saga)}")

    # Keyboard: Tab reaches the form controls of an open form.
    driver.execute_script("document.querySelector('.job-template-field-cluster select').focus()")
    reached = driver.execute_script("return document.activeElement.tagName")
    check(reached == "SELECT", "the cluster select cannot take focus")


def check_layout_and_a11y(driver, page, check):
    try:
        from axe_selenium_python import Axe
    except ImportError:
        Axe = None
        check(False, "axe-selenium-python is not installed (make test-deps installs it)")
    driver.set_window_size(390, 844)
    driver.get(page.as_uri())
    driver.execute_script("document.querySelectorAll('.job-template details').forEach(d => d.open = true)")
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check(overflow <= 0, f"the page scrolls sideways by {overflow}px at 390px with the forms open")
    if Axe is None:
        return
    for scheme in ("light", "dark"):
        driver.execute_script("document.documentElement.setAttribute('data-theme', arguments[0])", scheme)
        time.sleep(0.5)
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        serious = [f"{v['id']} ({v['impact']}): {v['help']} at " + ", ".join(str(n.get("target")) for n in v["nodes"][:5])
                   for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        check(not serious, f"accessibility violations ({scheme}): {serious}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("cases")
    args = parser.parse_args()
    site = pathlib.Path(args.site).resolve()
    page = site / "index.html"
    cases = json.loads(pathlib.Path(args.cases).read_text())
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
        driver.get(page.as_uri())
        ready = driver.execute_script("return !!(window.docgenJobScript && window.docgenClusters)")
        check(ready, "window.docgenJobScript or window.docgenClusters is missing")
        if ready:
            check_cases(driver, cases, check)
            check_form(driver, page, check)
            check_layout_and_a11y(driver, page, check)
        errors = console_errors + [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"console errors: {errors}")
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
