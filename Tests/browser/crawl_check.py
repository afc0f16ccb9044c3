#!/usr/bin/python3
"""Crawls a site served over HTTP from its front page, following every link, script, stylesheet
and image on the same server under the site's sub-path, and requires every one to answer 200.
Prints one line per broken URL and 'N passed, M failed' at the end; exits 1 on any failure.

    crawl_check.py http://127.0.0.1:PORT/hpc/
"""
import html.parser
import sys
import urllib.error
import urllib.parse
import urllib.request


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in ("href", "src") and not (tag == "a" and name == "src"):
                self.found.append(value)


def wait_for(url, seconds=10):
    """The server may still be starting: try the first URL for a bounded time."""
    import time
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def main():
    start = sys.argv[1]
    if not wait_for(start + "index.html" if start.endswith("/") else start):
        print(f"FAIL the server at {start} did not answer")
        print("0 passed, 1 failed")
        return 1
    root = urllib.parse.urlparse(start)
    queue = [start + "index.html" if start.endswith("/") else start]
    seen = set()
    passed = failed = 0
    while queue and len(seen) < 5000:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
                passed += 1
        except urllib.error.HTTPError as error:
            failed += 1
            print(f"FAIL {url}: HTTP {error.code}")
            continue
        except OSError as error:
            failed += 1
            print(f"FAIL {url}: {error}")
            continue
        if "text/html" not in kind:
            continue
        parser = Links()
        parser.feed(body.decode("utf-8", "replace"))
        for link in parser.found:
            target = urllib.parse.urljoin(url, link)
            parsed = urllib.parse.urlparse(target)
            if parsed.scheme not in ("http", "https") or parsed.netloc != root.netloc:
                continue
            if not parsed.path.startswith(root.path):
                failed += 1
                print(f"FAIL {url} links outside the site's sub-path: {link}")
                continue
            queue.append(parsed._replace(fragment="").geturl())
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or passed < 2 else 0


if __name__ == "__main__":
    sys.exit(main())
