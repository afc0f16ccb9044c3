import DocgenRender
import Testing

@Suite("Build-time syntax highlighting")
struct HighlighterTests {
    @Test("each language marks its tokens", arguments: [
        ("bash", "#SBATCH --time=01:00:00", "<span class=\"hl-meta\">#SBATCH</span> <span class=\"hl-type\">--time</span>=<span class=\"hl-string\">01:00:00</span>"),
        ("bash", "echo \"$HOME\" # note", "<span class=\"hl-builtin\">echo</span> <span class=\"hl-string\">&quot;$HOME&quot;</span> <span class=\"hl-comment\"># note</span>"),
        ("bash", "set -o errexit", "<span class=\"hl-keyword\">set</span> -o errexit"),
        ("bash", "cd $SCRATCH && ls", "<span class=\"hl-builtin\">cd</span> <span class=\"hl-variable\">$SCRATCH</span> <span class=\"hl-operator\">&amp;&amp;</span> <span class=\"hl-builtin\">ls</span>"),
        ("python", "def train(x):\n    return 1", "<span class=\"hl-keyword\">def</span> <span class=\"hl-function\">train</span>(x)<span class=\"hl-operator\">:</span>\n    <span class=\"hl-keyword\">return</span> <span class=\"hl-number\">1</span>"),
        ("python", "f\"{x}\" # c", "<span class=\"hl-string\">f&quot;{x}&quot;</span> <span class=\"hl-comment\"># c</span>"),
        ("r", "x <- c(1, 2)", "x <span class=\"hl-operator\">&lt;-</span> <span class=\"hl-builtin\">c</span>(<span class=\"hl-number\">1</span>, <span class=\"hl-number\">2</span>)"),
        ("yaml", "cluster: saga # where\ngpus: 2", "<span class=\"hl-variable\">cluster</span>: <span class=\"hl-string\">saga</span> <span class=\"hl-comment\"># where</span>\n<span class=\"hl-variable\">gpus</span>: <span class=\"hl-number\">2</span>"),
        ("json", "{\"a\": true}", "{<span class=\"hl-variable\">&quot;a&quot;</span>: <span class=\"hl-keyword\">true</span>}"),
        ("dockerfile", "FROM python:3.11\nRUN pip install torch", "<span class=\"hl-keyword\">FROM</span> python:3.11\n<span class=\"hl-keyword\">RUN</span> <span class=\"hl-builtin\">pip</span> install torch"),
        ("singularity", "Bootstrap: docker\n%post\n    pip install x", "<span class=\"hl-keyword\">Bootstrap:</span><span class=\"hl-string\"> docker</span>\n<span class=\"hl-meta\">%post</span>\n    <span class=\"hl-builtin\">pip</span> install x"),
        ("console", "[u@login-5.SAGA ~]$ ls\nfile.txt", "<span class=\"hl-prompt\">[u@login-5.SAGA ~]$ </span><span class=\"hl-builtin\">ls</span>\n<span class=\"hl-output\">file.txt</span>"),
        ("console", "(venv) $ python -V", "<span class=\"hl-prompt\">(venv) $ </span><span class=\"hl-builtin\">python</span> -V"),
    ])
    func highlights(language: String, code: String, expected: String) {
        #expect(Highlighter.highlight(code, language: language) == expected)
    }

    @Test("unknown languages are left to plain rendering")
    func unknown() {
        #expect(Highlighter.highlight("x", language: "cobol") == nil)
        #expect(TestSupport.html("```cobol\nDISPLAY 'HI'.\n```") == "<div class=\"codeblock\" data-lang=\"cobol\"><pre><code class=\"language-cobol\">DISPLAY &#39;HI&#39;.\n</code></pre></div>\n")
    }

    @Test("highlighting never changes the text", arguments: ["bash", "console", "python", "r", "yaml", "json", "dockerfile", "singularity"])
    func textIsKept(language: String) throws {
        let samples = [
            "#!/bin/bash\n#SBATCH -A nn5019k\nfor f in *.wav; do echo \"$f\" > out_${f}.txt; done\n",
            "x = '''multi\nline''' # c\n@decorator\nclass A: pass\n",
            "key: [1, 2]\n- \"q\": 'v'\n--- \n{\"a\": -1.5e3}\n",
            "FROM x AS y\n%runscript\n  exec \"$@\"\n(env) [u@h ~]$ cmd \\\n> more\noutput <tag>&\n",
            "unterminated \"string\n$ ${unclosed\n'",
        ]
        for sample in samples {
            let html = try #require(Highlighter.highlight(sample, language: language))
            let stripped = html.replacing(/<span class="hl-[a-z]+">/, with: "").replacing("</span>", with: "")
                .replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
                .replacing("&#39;", with: "'").replacing("&amp;", with: "&")
            #expect(stripped == sample)
        }
    }
}
