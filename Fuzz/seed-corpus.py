#!/usr/bin/env python3
"""Writes the seed corpora for the fuzz targets from the repository's real inputs.

Usage: seed-corpus.py REPO_ROOT OUT_DIR. Creates OUT_DIR/<Target>/ (one file per seed, named by
a hash of its content so reruns add nothing twice). Inputs: the guide's pages (content/), the test
fixtures (Tests/DocgenTests/Fixtures), the job-script corpus, and the sample texts in the parser tests.
"""
import hashlib
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1])
OUT = pathlib.Path(sys.argv[2])
FIXTURES = ROOT / "Tests/DocgenTests/Fixtures"
TESTS = ROOT / "Tests/DocgenTests"
# The bundled profiles, in the sorted order ClusterCatalog.names uses; FuzzSlurm's first byte
# indexes this list (len = no cluster, len + 1 = an unknown cluster).
CLUSTERS = sorted(p.stem for p in (ROOT / "Sources/DocgenVerify/Resources/clusters").glob("*.yml"))
TOOLS = ["cost", "dusage", "projects", "sacct", "squeue"]
MAX_SEED = 64 * 1024


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    data = data[:MAX_SEED]
    folder = OUT / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def markdown_files():
    for base in (ROOT / "content", FIXTURES, ROOT / "README.md"):
        if base.is_file():
            yield base
        else:
            yield from sorted(p for p in base.rglob("*.md") if p.is_file())


def fenced_blocks(text):
    """(info, body) for each ``` or ~~~ fenced block; nested fences are rare enough to ignore."""
    for match in re.finditer(r"^( {0,3})(`{3,}|~{3,})([^\n]*)\n(.*?)^ {0,3}\2[`~]*[ \t]*$", text, re.M | re.S):
        yield match.group(3).strip(), match.group(4)


def swift_literals(path):
    """(name, text) for each `static let NAME = \"\"\" ... \"\"\"` (or any multi-line literal) in a test file."""
    text = path.read_text(errors="replace")
    for match in re.finditer(r'(?:let (\w+)[^\n]*?)?"""\n(.*?)\n([ \t]*)"""', text, re.S):
        indent = match.group(3)
        lines = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in match.group(2).split("\n")]
        yield match.group(1) or "", "\n".join(lines) + "\n"


pages = [(p, p.read_text(errors="replace")) for p in markdown_files()]

# Markdown and front matter: whole pages; the front matter target also gets each YAML header alone
# and the YAML files (site configs, cluster profiles).
for path, text in pages:
    write("FuzzMarkdown", text)
    write("FuzzFrontMatter", text[:4096])
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end > 0:
            write("FuzzFrontMatter", text[: end + 5])
for path in list(ROOT.glob("*.yml")) + list(FIXTURES.rglob("*.yml")) + list((ROOT / "Sources/DocgenVerify/Resources/clusters").glob("*.yml")):
    if path.is_file() and path.name != "manifest.yml":
        write("FuzzFrontMatter", "---\n" + path.read_text(errors="replace")[:4096] + "---\nbody\n")
for name, literal in swift_literals(TESTS / "FrontMatterTests.swift"):
    write("FuzzFrontMatter", literal)
for name, literal in swift_literals(TESTS / "MarkdownRenderingTests.swift"):
    write("FuzzMarkdown", literal)

# Transcripts: every console block, plus the test samples.
for path, text in pages:
    for info, body in fenced_blocks(text):
        word = info.split()[0] if info else ""
        if word in ("console", "shell-session"):
            write("FuzzTranscript", body)
for test in ("TranscriptParserTests.swift", "OutputMatcherTests.swift", "VerificationTests.swift"):
    if (TESTS / test).exists():
        for name, literal in swift_literals(TESTS / test):
            if "$ " in literal or "..." in literal:
                write("FuzzTranscript", literal)

# Job scripts: the lint corpus (first byte = the cluster the manifest names, or none), the
# bash blocks with #SBATCH lines in pages, and the linter tests' scripts.
manifest = {}
manifest_path = FIXTURES / "jobscripts/manifest.yml"
current = None
for line in (manifest_path.read_text() if manifest_path.is_file() else "").splitlines():
    line = line.strip()
    if line.startswith("- file:"):
        current = line.split(":", 1)[1].strip()
        manifest[current] = None
    elif line.startswith("cluster:") and current:
        manifest[current] = line.split(":", 1)[1].strip()


def cluster_byte(name):
    return bytes([CLUSTERS.index(name) if name in CLUSTERS else len(CLUSTERS)])


for path in sorted((FIXTURES / "jobscripts").glob("*.sh")):
    write("FuzzSlurm", cluster_byte(manifest.get(path.name)) + path.read_bytes())
for path, text in pages:
    for info, body in fenced_blocks(text):
        if "#SBATCH" in body:
            cluster = next((c for c in CLUSTERS if c in info), "saga")
            write("FuzzSlurm", cluster_byte(cluster) + body.encode())
for test in ("SlurmLinterTests.swift", "SlurmScriptParserTests.swift", "JobSpecTests.swift"):
    if (TESTS / test).exists():
        for name, literal in swift_literals(TESTS / test):
            write("FuzzSlurm", cluster_byte("saga") + literal.encode())

# Tool output: first byte = the tool (ToolOutputCatalog.toolNames order); samples from the parser
# tests (named after their tool) and from console blocks that run one of the tools.
for name, literal in swift_literals(TESTS / "ToolOutputParserTests.swift"):
    tool = next((t for t in TOOLS if name.lower().startswith(t)), None)
    for index, candidate in enumerate(TOOLS):
        # Unnamed or unknown samples go to every parser; named ones to their own.
        if tool in (None, candidate):
            write("FuzzToolOutput", bytes([index]) + literal.encode())
for path, text in pages:
    for info, body in fenced_blocks(text):
        if not info.startswith("console"):
            continue
        for index, tool in enumerate(TOOLS):
            if re.search(r"^\$ " + tool + r"\b", body, re.M):
                output = re.split(r"^\$ " + tool + r"[^\n]*\n", body, maxsplit=1, flags=re.M)[1]
                output = re.split(r"^\$ ", output, maxsplit=1, flags=re.M)[0]
                write("FuzzToolOutput", bytes([index]) + output.encode())

for target in sorted(p.name for p in OUT.iterdir() if p.is_dir()):
    print(f"{target}: {len(list((OUT / target).iterdir()))} seeds")
