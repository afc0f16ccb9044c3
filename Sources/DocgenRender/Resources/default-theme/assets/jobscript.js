/*
 * docgen job-script templates: a fill-in form for every `.job-template` card.
 *
 * The form is built from the card's spec (`data-spec`, the JobSpec as JSON) and the cluster profiles in
 * `window.docgenClusters` (assets/clusters.js, the same data the Swift linter uses). On every change the
 * script is regenerated with a mirror of JobScriptGenerator.generate (byte for byte the same text for the
 * same spec), shown as plain text, offered as a Blob download, and checked with a mirror of the lint rules
 * that depend on what the form changes:
 *   ACC002 ACC003 TIM002 TIM003 TIM004 CL002 MEM001 MEM003 MEM004 MEM006 CPU001 CPU003 NOD001
 *   GPU001 GPU002 GPU003 GPU006 ARR001 ARR002 MOD001 MOD003 QOS001 BILL001
 * Every finding of these rules is reported with the severity the Swift linter gives it, notes included
 * (BILL001, TIM004, MEM006, GPU006, MOD003 and the by-request CL002 are notes). Rules outside this list
 * (header, shell, storage, MPI, ...) cannot be changed from the form and are not mirrored.
 * Values the form cannot read (a count that is not a whole number, a memory size without digits) are
 * reported as `jobspec.invalid-value` errors, as `docgen jobscript` would, and left out of the script.
 *
 * For tests: window.docgenJobScript = { generate(spec), lint(spec), filename(spec) }, with `spec` in the
 * data-spec JSON shape. Plain ES2017, no network; works from file://.
 */
(function () {
  "use strict";

  // MARK: - Profiles

  function clusters() {
    return Array.isArray(window.docgenClusters) ? window.docgenClusters : [];
  }

  function profileNamed(name) {
    if (name == null) return null;
    var lowered = String(name).toLowerCase();
    var list = clusters();
    for (var i = 0; i < list.length; i++) {
      if (String(list[i].name).toLowerCase() === lowered) return list[i];
    }
    return null;
  }

  function title(profile) {
    if (profile.display_name) return profile.display_name;
    var name = String(profile.name);
    return name.charAt(0).toUpperCase() + name.slice(1);
  }

  function partitionsOf(profile) {
    return (profile && profile.partitions) || [];
  }

  function qosListOf(profile) {
    return (profile && profile.qos) || [];
  }

  function partitionNamed(profile, name) {
    if (!profile || name == null) return null;
    var lowered = String(name).toLowerCase();
    var list = partitionsOf(profile);
    for (var i = 0; i < list.length; i++) {
      if (list[i].name.toLowerCase() === lowered) return list[i];
    }
    return null;
  }

  function qosNamed(profile, name) {
    if (!profile || name == null) return null;
    var lowered = String(name).toLowerCase();
    var list = qosListOf(profile);
    for (var i = 0; i < list.length; i++) {
      if (list[i].name.toLowerCase() === lowered) return list[i];
    }
    return null;
  }

  function defaultPartition(profile) {
    var list = partitionsOf(profile);
    for (var i = 0; i < list.length; i++) {
      if (list[i]["default"]) return list[i];
    }
    return null;
  }

  function nodeTypes(partition) {
    return (partition && partition.node_types) || [];
  }

  function maxOf(values) {
    var result = null;
    values.forEach(function (value) {
      if (typeof value === "number" && (result === null || value > result)) result = value;
    });
    return result;
  }

  function maxCores(partition) {
    return maxOf(nodeTypes(partition).map(function (t) { return t.cores; }));
  }

  function maxMemoryGiB(partition) {
    return maxOf(nodeTypes(partition).map(function (t) { return t.memory_gib; }));
  }

  function maxGPUsPerNode(partition) {
    var most = maxOf(nodeTypes(partition).map(function (t) { return t.gpus; }));
    return most === null ? 0 : most;
  }

  function hasGPUs(partition) {
    return maxGPUsPerNode(partition) > 0;
  }

  // MARK: - Slurm values

  function isDigits(text) {
    return /^[0-9]+$/.test(text);
  }

  /** A Slurm time: {seconds} (null seconds = no limit), or throws {message}. */
  function parseTime(text) {
    var value = String(text).trim();
    if (["unlimited", "infinite"].indexOf(value.toLowerCase()) >= 0) return { seconds: null };
    if (value === "") throw { message: "the time is empty" };
    var invalid = {
      message: "'" + value + "' is not a Slurm time; use minutes, M:S, H:M:S, D-H, D-H:M or D-H:M:S (e.g. 2:00:00 or 7-00:00:00)"
    };
    var days = 0;
    var clock = value;
    var dash = value.indexOf("-");
    if (dash >= 0) {
      var dayPart = value.slice(0, dash);
      if (!isDigits(dayPart)) throw invalid;
      days = parseInt(dayPart, 10);
      clock = value.slice(dash + 1);
    }
    var parts = clock.split(":");
    if (!parts.every(isDigits) || parts.length < 1 || parts.length > 3) throw invalid;
    var n = parts.map(function (p) { return parseInt(p, 10); });
    var hasDays = dash >= 0;
    var total;
    if (!hasDays && n.length === 1) total = n[0] * 60;
    else if (!hasDays && n.length === 2) total = n[0] * 60 + n[1];
    else if (n.length === 3) total = n[0] * 3600 + n[1] * 60 + n[2];
    else if (hasDays && n.length === 1) total = n[0] * 3600;
    else total = n[0] * 3600 + n[1] * 60;
    return { seconds: days * 86400 + total };
  }

  function isUnlimited(time) {
    return time.seconds === null || time.seconds === 0;
  }

  function two(value) {
    return value < 10 ? "0" + value : String(value);
  }

  function formatTime(time) {
    var s = time.seconds;
    if (s === null || s <= 0) return "UNLIMITED";
    var days = Math.floor(s / 86400), hours = Math.floor((s % 86400) / 3600);
    var minutes = Math.floor((s % 3600) / 60), rest = s % 60;
    var clock = two(hours) + ":" + two(minutes) + ":" + two(rest);
    return days > 0 ? days + "-" + clock : clock;
  }

  function describeTime(time) {
    var s = time.seconds;
    if (s === null || s <= 0) return "no limit";
    var units = [[86400, "day"], [3600, "hour"], [60, "minute"], [1, "second"]];
    var rest = s;
    var words = [];
    units.forEach(function (unit) {
      if (rest >= unit[0]) {
        var count = Math.floor(rest / unit[0]);
        rest %= unit[0];
        words.push(count + " " + unit[1] + (count === 1 ? "" : "s"));
      }
    });
    return words.join(" ");
  }

  function timeHours(time) {
    if (time.seconds === null || time.seconds <= 0) return Infinity;
    return time.seconds / 3600;
  }

  function tryTime(text) {
    if (text == null) return null;
    try { return parseTime(text); } catch (e) { return null; }
  }

  var memoryUnits = { K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024 };

  /** A memory size: {amount, unit, hasUnit}, or throws {message}. */
  function parseMemory(text) {
    var value = String(text).trim();
    var match = /^([0-9]+)(.*)$/.exec(value);
    if (!match) throw { message: "'" + value + "' is not a memory size; write a whole number with a unit, e.g. 4G or 3600M" };
    var amount = parseInt(match[1], 10);
    var suffix = match[2];
    if (suffix === "") return { amount: amount, unit: "M", hasUnit: false };
    if (suffix.charAt(0) === "." || suffix.charAt(0) === ",") {
      throw { message: "'" + value + "' is not a memory size: Slurm takes whole numbers only" };
    }
    var upper = suffix.toUpperCase();
    if (memoryUnits[upper] !== undefined) return { amount: amount, unit: upper, hasUnit: true };
    var letter = upper.charAt(0);
    if (memoryUnits[letter] !== undefined && (upper.slice(1) === "B" || upper.slice(1) === "IB")) {
      return { amount: amount, unit: letter, hasUnit: true };
    }
    throw { message: "'" + value + "' is not a memory size: the unit must be K, M, G or T" };
  }

  function memoryText(memory) {
    return memory.amount + memory.unit;
  }

  function gibibytes(memory) {
    return (memory.amount * memoryUnits[memory.unit]) / 1024;
  }

  /** A job array: {elements: [{start, end, step}], maxConcurrent}, or throws {message}. */
  function parseArray(text) {
    if (/\s/.test(text)) throw { message: "'" + text + "' contains spaces; write the indices without spaces, e.g. 1,3,5" };
    if (text === "") throw { message: "the array specification is empty" };
    if (text.indexOf(".") >= 0) throw { message: "'" + text + "' contains a decimal number; array indices are whole numbers" };
    var list = text;
    var maxConcurrent = null;
    var percent = text.indexOf("%");
    if (percent >= 0) {
      var limit = text.slice(percent + 1);
      if (!isDigits(limit) || parseInt(limit, 10) <= 0) {
        throw { message: "'%" + limit + "' in '" + text + "' is not a limit on running tasks; write %N with N of 1 or more, e.g. 1-100%10" };
      }
      maxConcurrent = parseInt(limit, 10);
      list = text.slice(0, percent);
    }
    var elements = list.split(",").map(function (part) {
      if (part === "") throw { message: "'" + text + "' has an empty element between commas" };
      if (part.charAt(0) === "-" || part.indexOf("--") >= 0 || part.indexOf(":-") >= 0) {
        throw { message: "'" + text + "' contains a negative number; array indices start at 0" };
      }
      var range = part;
      var step = 1;
      var colon = part.indexOf(":");
      if (colon >= 0) {
        var stepText = part.slice(colon + 1);
        if (!isDigits(stepText) || parseInt(stepText, 10) <= 0) {
          throw { message: "the step ':" + stepText + "' in '" + text + "' must be a whole number of 1 or more" };
        }
        step = parseInt(stepText, 10);
        range = part.slice(0, colon);
      }
      var bounds = range.split("-");
      if (bounds.length < 1 || bounds.length > 2 || !bounds.every(isDigits)) {
        throw { message: "'" + part + "' in '" + text + "' is not an index or a range such as 1-10 or 1-10:2" };
      }
      var start = parseInt(bounds[0], 10);
      var end = bounds.length === 2 ? parseInt(bounds[1], 10) : start;
      if (start > end) throw { message: "the range '" + range + "' in '" + text + "' runs backwards; write the smaller index first" };
      if (bounds.length === 1 && step !== 1) throw { message: "'" + part + "' in '" + text + "' has a step but no range; write e.g. 1-10:2" };
      return { start: start, end: end, step: step };
    });
    return { elements: elements, maxConcurrent: maxConcurrent };
  }

  function arrayCount(element) {
    return Math.floor((element.end - element.start) / element.step) + 1;
  }

  function arrayTaskCount(array) {
    var total = array.elements.reduce(function (sum, e) { return sum + arrayCount(e); }, 0);
    if (array.elements.length <= 1 || total > 2000000) return total;
    var seen = new Set();
    array.elements.forEach(function (e) {
      for (var i = e.start; i <= e.end; i += e.step) seen.add(i);
    });
    return seen.size;
  }

  function arrayMaxIndex(array) {
    var most = 0;
    array.elements.forEach(function (e, index) {
      var last = e.start + (arrayCount(e) - 1) * e.step;
      if (index === 0 || last > most) most = last;
    });
    return most;
  }

  function arrayText(array) {
    var list = array.elements.map(function (e) {
      return e.start === e.end ? String(e.start) : e.start + "-" + e.end + (e.step === 1 ? "" : ":" + e.step);
    }).join(",");
    return list + (array.maxConcurrent !== null ? "%" + array.maxConcurrent : "");
  }

  /** Like Swift's formatNumber: `178.5`, `64`, `2.75`, `0.2577`. */
  function formatNumber(value) {
    if (value === Math.round(value) && Math.abs(value) < 1e15) return String(Math.round(value));
    var digits = Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 4;
    var text = value.toFixed(digits);
    while (text.charAt(text.length - 1) === "0") text = text.slice(0, -1);
    if (text.charAt(text.length - 1) === ".") text = text.slice(0, -1);
    return text;
  }

  // MARK: - The spec

  /** The spec's values in the shapes the generator and the rules use. */
  function model(spec) {
    var memory = null;
    [["mem_per_cpu", "mem-per-cpu", "cpu"], ["mem_per_gpu", "mem-per-gpu", "gpu"], ["mem", "mem", "node"]].forEach(function (k) {
      if (memory === null && spec[k[0]] != null && spec[k[0]] !== "") {
        var text = String(spec[k[0]]);
        var size = null;
        try { size = parseMemory(text); } catch (e) { size = null; }
        memory = { key: k[0], option: k[1], scope: k[2], size: size, text: size ? memoryText(size) : text };
      }
    });
    var gpus = null;
    [["gpus", false], ["gpus_per_node", true]].forEach(function (k) {
      if (gpus === null && spec[k[0]] != null && spec[k[0]] !== "") {
        var text = String(spec[k[0]]);
        var colon = text.lastIndexOf(":");
        var type = colon >= 0 ? text.slice(0, colon) : null;
        var count = parseInt(colon >= 0 ? text.slice(colon + 1) : text, 10);
        gpus = {
          count: isNaN(count) ? 0 : count, type: type, perNode: k[1],
          option: k[1] ? "gpus-per-node" : "gpus", value: text
        };
      }
    });
    var time = tryTime(spec.time);
    var array = null;
    if (spec.array != null && spec.array !== "") {
      var parsedArray = null;
      var arrayError = null;
      try { parsedArray = parseArray(String(spec.array)); } catch (e) { arrayError = e.message; }
      array = { parsed: parsedArray, error: arrayError, text: parsedArray ? arrayText(parsedArray) : String(spec.array) };
    }
    function count(key) {
      var value = spec[key];
      if (value == null || value === "") return null;
      var number = typeof value === "number" ? value : parseInt(value, 10);
      return isNaN(number) ? null : number;
    }
    return {
      cluster: String(spec.cluster || ""),
      partition: spec.partition || null,
      qos: spec.qos || null,
      account: spec.account == null ? "" : String(spec.account),
      jobName: spec.job_name || null,
      name: spec.name || null,
      timeText: time ? formatTime(time) : String(spec.time == null ? "" : spec.time),
      time: time,
      nodes: count("nodes"),
      ntasks: count("ntasks"),
      ntasksPerNode: count("ntasks_per_node"),
      cpusPerTask: count("cpus_per_task"),
      memory: memory,
      gpus: gpus,
      array: array,
      output: spec.output || null,
      error: spec.error || null,
      modules: Array.isArray(spec.modules) ? spec.modules.map(String) : [],
      container: spec.container && spec.container.image ? { image: spec.container.image, runtime: spec.container.runtime || "apptainer" } : null,
      scratch: spec.scratch ? { inputs: spec.scratch.inputs || [], results: spec.scratch.results || [] } : null,
      mpi: !!spec.mpi,
      command: Array.isArray(spec.command) ? spec.command.map(String) : (spec.command != null ? [String(spec.command)] : [])
    };
  }

  function filename(spec) {
    var m = model(spec);
    return m.name || ((m.jobName || "job") + ".sh");
  }

  // MARK: - The generator (a mirror of JobScriptGenerator)

  function jobTypeOf(m, profile) {
    if (!profile) return null;
    if (m.partition) return partitionNamed(profile, m.partition);
    var qos = m.qos ? qosNamed(profile, m.qos) : null;
    if (qos && qos.selects_partition) return partitionNamed(profile, qos.selects_partition);
    return defaultPartition(profile);
  }

  function stackModule(m, profile) {
    var jobType = jobTypeOf(m, profile);
    var onGPUs = jobType ? hasGPUs(jobType) : m.gpus !== null;
    var modules = profile.modules || {};
    return (onGPUs ? modules.gpu_stack : modules.cpu_stack) || null;
  }

  function usesNV(m, profile) {
    return m.container !== null && m.gpus !== null && !!profile && profile.gpu_vendor === "nvidia";
  }

  function usesSavefile(m, profile) {
    if (!m.scratch || m.scratch.results.length === 0) return false;
    return !!profile && !!profile.storage && profile.storage.scratch_deleted_at_job_end === true;
  }

  function launcher(profile) {
    return (profile && profile.mpi && profile.mpi.launcher) || "srun";
  }

  function partitionComment(name, partition) {
    if (!partition) return "Job type " + name;
    var facts = [];
    if (partition.whole_node) facts.push("whole nodes");
    if (hasGPUs(partition)) {
      var models = nodeTypes(partition).filter(function (t) { return t.gpu_model != null; });
      facts.push(maxGPUsPerNode(partition) + (models.length ? " " + models[0].gpu_model : "") + " GPUs per node");
    }
    var time = partition.max_time != null ? tryTime(partition.max_time) : null;
    if (time && !isUnlimited(time)) facts.push("at most " + describeTime(time));
    return "Job type " + partition.name + (facts.length ? ": " + facts.join(", ") : "");
  }

  function qosComment(name, qos) {
    if (!qos) return "QoS " + name;
    var facts = [];
    var time = qos.max_time != null ? tryTime(qos.max_time) : null;
    if (time && !isUnlimited(time)) facts.push("at most " + describeTime(time));
    if (qos.preemptible) facts.push("the job can be stopped and requeued at any time");
    return "QoS " + qos.name + (facts.length ? ": " + facts.join(", ") : "");
  }

  function wholeNodeComment(partition) {
    if (!partition.whole_node) return null;
    var cores = maxCores(partition);
    var memory = partition.memory_flag === "forbidden" ? "; the memory options are turned off"
      : partition.memory_flag === "discouraged" ? ", with all their memory" : "";
    return "Whole nodes" + (cores !== null ? " of " + cores + " cores" : "") + memory;
  }

  function gpuComment(gpus, partition) {
    var what = gpus.perNode ? "GPUs on each node" : "GPUs for the whole job";
    var node = nodeTypes(partition).filter(function (t) { return t.gpu_model != null; })[0];
    if (!node) return what;
    return what + " (" + node.gpu_model + (node.gpu_memory_gib != null ? ", " + formatNumber(node.gpu_memory_gib) + " GiB each" : "") + ")";
  }

  function patternComment(what, pattern) {
    var names = [["%x", "job name"], ["%j", "job ID"], ["%A", "array job ID"], ["%a", "array task index"]];
    var present = names.filter(function (n) { return pattern.indexOf(n[0]) >= 0; }).map(function (n) { return n[0] + " = " + n[1]; });
    return what + (present.length ? ": " + present.join(", ") : "");
  }

  function effectiveOutput(m) {
    return m.output || (m.array ? "%x-%A_%a.out" : "%x-%j.out");
  }

  function generate(spec) {
    var m = model(spec);
    var profile = profileNamed(m.cluster);
    var jobType = jobTypeOf(m, profile);
    var out = [];
    function add(text) { out.push(text); }
    function directive(option, value, comment) {
      if (comment != null) add("# " + comment);
      add("#SBATCH --" + option + "=" + value);
    }
    add("#!/bin/bash");
    add("# " + (m.name || ((m.jobName || "job") + ".sh")) + ": a job script for " + (profile ? title(profile) : m.cluster) + ", made by docgen jobscript");
    if (m.jobName) directive("job-name", m.jobName);
    var account = profile && profile.account;
    var listCommand = account && account.list_command ? "; '" + account.list_command + "' lists yours" : "";
    directive("account", m.account, "The project the job is charged to" + listCommand);
    if (m.partition) directive("partition", m.partition, partitionComment(m.partition, partitionNamed(profile, m.partition)));
    if (m.qos) directive("qos", m.qos, qosComment(m.qos, qosNamed(profile, m.qos)));
    directive("time", m.timeText, "Time limit, [D-]HH:MM:SS; ask for about 1.5 times the expected run time");
    if (m.nodes !== null) directive("nodes", String(m.nodes), jobType ? wholeNodeComment(jobType) : null);
    if (m.ntasks !== null) directive("ntasks", String(m.ntasks));
    if (m.ntasksPerNode !== null) directive("ntasks-per-node", String(m.ntasksPerNode));
    if (m.cpusPerTask !== null) directive("cpus-per-task", String(m.cpusPerTask));
    if (m.memory) {
      var what = m.memory.scope === "cpu" ? "Memory per CPU core" : m.memory.scope === "gpu" ? "Memory per GPU" : "Memory per node";
      var billed = jobType && jobType.billing && jobType.billing.memory_factor != null ? "; the job is billed for the memory it asks for" : "";
      directive(m.memory.option, m.memory.text, what + billed);
    }
    if (m.gpus) directive(m.gpus.option, m.gpus.value, gpuComment(m.gpus, jobType));
    if (m.array) {
      var limit = m.array.parsed && m.array.parsed.maxConcurrent !== null ? ", at most " + m.array.parsed.maxConcurrent + " running at once" : "";
      var list = m.array.text.split("%")[0];
      directive("array", m.array.text, "Array tasks " + list + limit + "; $SLURM_ARRAY_TASK_ID is the task's index");
    }
    var output = effectiveOutput(m);
    directive("output", output, patternComment("Log file", output));
    if (m.error) directive("error", m.error, patternComment("Error log", m.error));

    add("");
    add("# Stop at the first failing command and at unset variables");
    add("set -o errexit");
    add("set -o nounset");

    var reset = profile && profile.modules ? profile.modules.reset || null : null;
    var stack = profile ? stackModule(m, profile) : null;
    var loads = (stack ? [stack] : []).concat(m.modules);
    if (reset || loads.length) {
      add("");
      if (reset) {
        add(loads.length ? "# Start from the default modules, then load exact versions" : "# Start from the default modules");
        add(reset);
      } else {
        add("# Load exact versions of the software");
      }
      loads.forEach(function (module) { add("module load " + module); });
      add("module list");
    }

    var savefile = usesSavefile(m, profile);
    if (m.scratch) {
      add("");
      add("# Work in the job's scratch folder, which is deleted when the job ends");
      if (m.scratch.inputs.length) add("cp -r " + m.scratch.inputs.join(" ") + " \"$SCRATCH\"/");
      add("cd \"$SCRATCH\"");
      if (savefile) {
        add("# Copy the results back to the submit folder when the job ends, even if it fails");
        add("savefile " + m.scratch.results.join(" "));
      }
    }

    add("");
    var marker = "# The job's commands";
    if (m.mpi) marker += ", started once per task by " + launcher(profile);
    if (m.container) marker += ", run in the container";
    if (usesNV(m, profile)) marker += " (--nv gives it the GPUs)";
    add(marker);
    var prefix = m.mpi ? launcher(profile) + " " : "";
    if (m.container) prefix += m.container.runtime + " exec " + (usesNV(m, profile) ? "--nv " : "") + m.container.image + " ";
    var continued = false;
    m.command.forEach(function (line) {
      var wraps = !continued && line.replace(/^\s+/, "").charAt(0) !== "#";
      add(wraps ? prefix + line : line);
      continued = line.slice(-1) === "\\";
    });

    if (m.scratch && !savefile) {
      add("");
      if (m.scratch.results.length === 0) {
        add("# Copy everything in the scratch folder back to the folder the job was submitted from");
        add("cp -r \"$SCRATCH\"/. \"$SLURM_SUBMIT_DIR\"/");
      } else {
        add("# Copy the results back to the folder the job was submitted from");
        add("cp -r " + m.scratch.results.join(" ") + " \"$SLURM_SUBMIT_DIR\"/");
      }
    }
    return out.join("\n") + "\n";
  }

  // MARK: - A little shell, enough to find the body's commands and words

  var wrapperWords = ["if", "then", "else", "elif", "do", "while", "until", "!", "time", "exec", "nohup", "command", "builtin", "env", "{"];

  function isAssignment(word) {
    return /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);
  }

  /** The script's body as simple commands: [{name, words: [text], args: [text]}]; directives as [{option, value}]. */
  function readScript(script) {
    var lines = script.split("\n");
    var directives = [];
    var commands = [];
    var logical = [];
    var pending = "";
    lines.forEach(function (line) {
      var sbatch = /^#SBATCH\s+--([A-Za-z-]+)(?:=(.*))?$/.exec(line);
      if (sbatch) {
        directives.push({ option: sbatch[1], value: sbatch[2] == null ? null : sbatch[2], text: line.slice(line.indexOf("--")) });
        return;
      }
      if (pending === "" && /^\s*#/.test(line)) return;
      if (line.slice(-1) === "\\") {
        pending += line.slice(0, -1) + " ";
        return;
      }
      logical.push(pending + line);
      pending = "";
    });
    if (pending) logical.push(pending);
    logical.forEach(function (line) {
      var current = [];
      var outputs = [];
      var word = null;
      var quote = null;
      var redirect = false;
      function endWord() {
        if (word === null) return;
        (redirect ? outputs : current).push(word);
        redirect = false;
        word = null;
      }
      function endCommand() {
        endWord();
        if (current.length) commands.push(current);
        current = [];
      }
      for (var i = 0; i < line.length; i++) {
        var c = line.charAt(i);
        if (quote) {
          if (c === quote) quote = null;
          else if (c === "\\" && quote === "\"" && i + 1 < line.length) { word += line.charAt(++i); }
          else word += c;
          continue;
        }
        if (c === "'" || c === "\"") { quote = c; if (word === null) word = ""; continue; }
        if (c === "\\" && i + 1 < line.length) { word = (word || "") + line.charAt(++i); continue; }
        if (c === " " || c === "\t") { endWord(); continue; }
        if (c === "#" && word === null) break;
        if (c === ";" || c === "|" || c === "&") {
          if (c === "&" && line.charAt(i + 1) === ">") { endWord(); redirect = true; i++; if (line.charAt(i + 1) === ">") i++; continue; }
          endCommand();
          if ((c === "|" || c === "&") && line.charAt(i + 1) === c) i++;
          continue;
        }
        if (c === ">" || c === "<") {
          if (word !== null && /^[0-9]+$/.test(word)) word = null; else endWord();
          if (line.charAt(i + 1) === ">") i++;
          redirect = c === ">";
          if (c === "<") redirect = false;
          continue;
        }
        word = (word || "") + c;
      }
      endCommand();
    });
    return {
      directives: directives,
      commands: commands.map(function (words) {
        var index = -1;
        for (var i = 0; i < words.length; i++) {
          var w = words[i];
          if (wrapperWords.indexOf(w) < 0 && !isAssignment(w) && !(i > 0 && words[i - 1] === "env" && w.charAt(0) === "-")) { index = i; break; }
        }
        return { words: words, name: index >= 0 ? words[index] : null, args: index >= 0 ? words.slice(index + 1) : [] };
      })
    };
  }

  function loadedModules(parsed) {
    var result = [];
    parsed.commands.forEach(function (command) {
      if (command.name !== "module" && command.name !== "ml") return;
      var rest = command.args.slice();
      while (rest.length && rest[0].charAt(0) === "-") rest.shift();
      if (command.name === "ml") {
        var known = ["load", "add", "unload", "purge", "reset", "list", "avail", "spider", "use", "restore", "save", "show"];
        if (!rest.length) return;
        if (known.indexOf(rest[0]) >= 0) {
          if (rest[0] === "load" || rest[0] === "add") result = result.concat(rest.slice(1));
        } else {
          result = result.concat(rest);
        }
        return;
      }
      if (!rest.length) return;
      var sub = rest.shift();
      while (rest.length && rest[0].charAt(0) === "-") rest.shift();
      if (sub === "load" || sub === "add") result = result.concat(rest);
    });
    return result;
  }

  // MARK: - The rules (a mirror of the Swift lint rules the form can change)

  function bounds(b) {
    var low = b.min == null ? null : b.min, high = b.max == null ? null : b.max;
    if (low !== null && high !== null) return low === high ? "exactly " + low : low + "-" + high;
    if (low !== null) return "at least " + low;
    if (high !== null) return "at most " + high;
    return "any number";
  }

  function isPlaceholder(value) {
    var lowered = value.toLowerCase();
    if (lowered.indexOf("xxx") >= 0 || lowered.indexOf("your") >= 0 || /[<>{}]/.test(lowered) || lowered.indexOf("...") >= 0) return true;
    var squashed = lowered.replace(/[_-]/g, "");
    return ["myproject", "projectid", "project", "account", "myaccount", "projectname", "accountname", "projectnumber"].indexOf(squashed) >= 0;
  }

  function wholeMatch(pattern, value) {
    try { return new RegExp("^(?:" + pattern + ")$").test(value); } catch (e) { return true; }
  }

  var largeModelWords = ["llama", "llm", "mistral", "mixtral", "gpt", "vllm", "transformers", "huggingface", "deepspeed", "falcon", "gemma"];

  function lint(spec) {
    var m = model(spec);
    var script = generate(spec);
    var parsed = readScript(script);
    var found = [];
    function report(id, severity, message) { found.push({ id: id, severity: severity, message: message }); }
    function directiveText(option) {
      for (var i = parsed.directives.length - 1; i >= 0; i--) if (parsed.directives[i].option === option) return parsed.directives[i].text;
      return "--" + option;
    }

    var known = profileNamed(m.cluster);
    var profile = known && (known.status || "production") === "production" ? known : null;
    var qos = m.qos ? qosNamed(profile, m.qos) : null;
    var partition = null;
    if (profile) {
      if (m.partition) partition = partitionNamed(profile, m.partition);
      else if (qos && qos.selects_partition) partition = partitionNamed(profile, qos.selects_partition);
      else partition = defaultPartition(profile);
    }
    var clusterTitle = profile ? title(profile) : "this cluster";
    var jobTypeName = partition ? clusterTitle + "'s " + partition.name + " job type" : "the job type";
    var time = m.time;
    var nodes = m.nodes !== null ? { min: m.nodes, max: m.nodes } : null;
    var cpt = m.cpusPerTask !== null ? m.cpusPerTask : 1;
    var memory = m.memory && m.memory.size ? m.memory : null;
    var gpu = m.gpus;
    var array = m.array && m.array.parsed;
    var cores = partition ? maxCores(partition) : null;
    var wholeNode = !!(partition && partition.whole_node);

    var tasksPerNode = (function () {
      if (m.ntasksPerNode !== null) return m.ntasksPerNode;
      if ((nodes && nodes.max === 1) || (!nodes && partition && partition.nodes && partition.nodes.max === 1)) return m.ntasks !== null ? m.ntasks : 1;
      return m.ntasks === null ? 1 : null;
    })();
    var nodeCount = (function () {
      if (nodes) return nodes.min;
      if (m.ntasks !== null && m.ntasksPerNode !== null && m.ntasksPerNode > 0) return Math.ceil(m.ntasks / m.ntasksPerNode);
      if (m.ntasks !== null && cores !== null && cores > 0) return Math.max(1, Math.ceil((m.ntasks * cpt) / cores));
      return 1;
    })();
    var gpusPerNode = (function () {
      if (!gpu) return null;
      if (gpu.perNode) return gpu.count;
      if (nodes) return Math.max(1, Math.ceil(gpu.count / nodes.min));
      return partition && partition.nodes && partition.nodes.max === 1 ? gpu.count : null;
    })();
    var totalGPUs = gpu ? (gpu.perNode ? gpu.count * nodeCount : gpu.count) : null;
    var cpusPerNode = wholeNode && cores !== null ? cores : tasksPerNode !== null ? tasksPerNode * cpt : null;
    var totalCPUs = (function () {
      if (wholeNode && cores !== null) return cores * nodeCount;
      if (m.ntasks !== null) return m.ntasks * cpt;
      if (m.ntasksPerNode !== null) return m.ntasksPerNode * nodeCount * cpt;
      return cpt * nodeCount;
    })();
    var isZeroMemory = memory ? memory.size.amount === 0 : false;
    var memoryPerNodeGiB = (function () {
      if (!memory || isZeroMemory) return null;
      var g = gibibytes(memory.size);
      if (memory.scope === "node") return g;
      if (memory.scope === "cpu") return g * (cpusPerNode !== null ? cpusPerNode : cpt);
      return g * (gpusPerNode !== null ? gpusPerNode : 1);
    })();
    var totalMemoryGiB = (function () {
      if (!memory || isZeroMemory) return null;
      var g = gibibytes(memory.size);
      if (memory.scope === "node") return g * nodeCount;
      if (memory.scope === "cpu") return g * totalCPUs;
      return g * (totalGPUs !== null ? totalGPUs : 1);
    })();
    var asksForGPUs = !!gpu && gpu.count > 0;
    var maxTime = (function () {
      var t;
      if (qos && qos.max_time != null && (t = tryTime(qos.max_time))) return { time: t, owner: "QoS " + qos.name + " on " + clusterTitle };
      if (partition && partition.max_time != null && (t = tryTime(partition.max_time))) return { time: t, owner: jobTypeName };
      return null;
    })();
    var nodeBounds = qos && qos.nodes ? { bounds: qos.nodes, owner: "QoS " + qos.name + " on " + clusterTitle }
      : partition && partition.nodes ? { bounds: partition.nodes, owner: jobTypeName } : null;
    var commandNames = parsed.commands.map(function (c) { return c.name; });
    var loaded = loadedModules(parsed);
    var timeValue = m.timeText;

    // ACC002, ACC003
    var accountValue = m.account;
    if (accountValue !== "" && !isPlaceholder(accountValue) && profile && profile.account) {
      var acc = profile.account;
      if (!wholeMatch(acc.pattern, accountValue)) {
        report("ACC002", "error", "--account=" + accountValue + " is not a " + clusterTitle + " project name (" + acc.pattern + ", e.g. " + acc.example + ")");
      } else if (acc.preferred_pattern && !wholeMatch(acc.preferred_pattern, accountValue)) {
        report("ACC002", "warning", "--account=" + accountValue + " does not have the usual form of " + clusterTitle + " projects (" + acc.preferred_pattern +
          ", e.g. " + acc.example + ")" + (acc.list_command ? "; check it with '" + acc.list_command + "'" : ""));
      }
    }
    if (isPlaceholder(accountValue)) {
      var example = profile && profile.account ? profile.account.example : null;
      report("ACC003", "error", "--account=" + accountValue + " is a placeholder; put in your own project" + (example ? " (e.g. --account=" + example + ")" : "") +
        "; sbatch rejects a project that does not exist");
    }

    // TIM002, TIM003, TIM004
    if (!time) {
      var timeProblem;
      try { parseTime(timeValue); timeProblem = null; } catch (e) { timeProblem = e.message; }
      if (timeProblem) report("TIM002", "error", "--time=" + timeValue + ": " + timeProblem);
    }
    if (time && maxTime && !isUnlimited(maxTime.time) && timeHours(time) > timeHours(maxTime.time)) {
      report("TIM003", "error", "--time=" + timeValue + " (" + describeTime(time) + ") exceeds the " + formatTime(maxTime.time) + " maximum of " + maxTime.owner + "; sbatch rejects the job");
    }
    if (time) {
      var qosLimit = qos && qos.max_time != null ? tryTime(qos.max_time) : null;
      if (isUnlimited(time)) {
        report("TIM004", "note", "--time=" + timeValue + " asks for no limit, so Slurm uses the maximum" + (maxTime ? " (" + formatTime(maxTime.time) + " for " + maxTime.owner + ")" : "") +
          ", and that whole time is reserved from the project's quota when the job starts");
      } else if (qos && qos.preemptible) {
        report("TIM004", "note", "an optimist job can be stopped and requeued at any time; a --time of " + describeTime(time) + " only helps if the job saves checkpoints well within it");
      } else if (qos && qosLimit && !isUnlimited(qosLimit) && timeHours(time) * 2 > timeHours(qosLimit)) {
        report("TIM004", "note", "QoS " + qos.name + " is meant for short tests; --time=" + timeValue + " is more than half its " + formatTime(qosLimit) + " maximum");
      } else if (maxTime && !isUnlimited(maxTime.time) && time.seconds === maxTime.time.seconds && partition && partition.billing) {
        report("TIM004", "note", "--time asks for the full " + formatTime(maxTime.time) + " maximum of " + maxTime.owner +
          "; the whole time is reserved from the project's quota at job start, so ask for about 1.5 times the expected run time");
      }
    }

    // CL002
    if (profile && partitionsOf(profile).length) {
      var partitionNames = partitionsOf(profile).map(function (p) { return p.name; });
      if (m.partition) {
        m.partition.split(",").forEach(function (name) {
          if (partitionNamed(profile, name)) return;
          var asQos = qosNamed(profile, name);
          if (asQos) report("CL002", "error", "on " + clusterTitle + ", " + asQos.name + " is a QoS, not a partition: ask for it with --qos=" + asQos.name);
          else report("CL002", "error", clusterTitle + " has no partition '" + name + "'; its partitions are " + partitionNames.join(", "));
        });
        if (partition && partition.by_request_only) report("CL002", "note", clusterTitle + "'s " + partition.name + " partition is available by request only");
      } else if (!partition && !(qos && qos.selects_partition)) {
        report("CL002", "note", "no --partition, and " + clusterTitle + "'s default partition is not known to docgen; name one of " + partitionNames.join(", "));
      }
      if (m.qos) {
        if (qos) {
          if (qos.partitions && partition && !qos.partitions.some(function (p) { return p.toLowerCase() === partition.name.toLowerCase(); })) {
            report("CL002", "warning", "QoS " + qos.name + " on " + clusterTitle + " combines with " + qos.partitions.join(", ") + ", not with the " + partition.name + " partition");
          }
        } else if (qosListOf(profile).length) {
          report("CL002", "warning", clusterTitle + " has no QoS '" + m.qos + "'; docgen knows " + qosListOf(profile).map(function (q) { return q.name; }).join(", "));
        }
      }
    }

    // MEM001, MEM003, MEM004, MEM006
    if (partition && (partition.memory_flag === "required" || partition.memory_flag === "expected") && !m.memory) {
      report("MEM001", partition.memory_flag === "expected" ? "warning" : "error",
        "no memory option: " + jobTypeName + " requires one, e.g. --mem-per-cpu=4G" + (hasGPUs(partition) ? " or --mem-per-gpu" : "") + " (the limit applies per node)");
    }
    if (partition && m.memory && (partition.memory_flag === "forbidden" || partition.memory_flag === "discouraged")) {
      var memText = directiveText(m.memory.option);
      if (partition.memory_flag === "discouraged") {
        if (!isZeroMemory) report("MEM003", "warning", jobTypeName + " hands out whole nodes with all their memory, so '" + memText + "' only limits the job");
      } else {
        report("MEM003", "error", jobTypeName + " hands out whole nodes and has the memory options turned off: '" + memText + "' must not be given");
      }
    }
    var nodeMemory = partition ? maxMemoryGiB(partition) : null;
    if (partition && nodeMemory !== null && memory && memoryPerNodeGiB !== null && memoryPerNodeGiB > nodeMemory) {
      var how = "'" + directiveText(memory.option) + "'";
      if (memory.scope === "cpu") how += " for " + (cpusPerNode !== null ? cpusPerNode : cpt) + " CPUs per node";
      if (memory.scope === "gpu") how += " for " + (gpusPerNode !== null ? gpusPerNode : 1) + " GPUs per node";
      var message = how + " is " + formatNumber(memoryPerNodeGiB) + " GiB per node, more than the " + formatNumber(nodeMemory) + " GiB of the largest node in " +
        jobTypeName + ": the job can never start";
      var advice = partition.memory_per_cpu_advice;
      if (advice && memory.scope === "cpu" && gibibytes(memory.size) > advice.above_gib_per_cpu) {
        message += "; use --partition=" + advice.partition + " for more than " + formatNumber(advice.above_gib_per_cpu) + " GiB per CPU";
      }
      report("MEM004", "error", message);
    }
    if (partition && memory) {
      var billing = partition.billing || {};
      if (billing.memory_factor != null && totalMemoryGiB !== null) {
        var memUnits = totalMemoryGiB * billing.memory_factor;
        var gpuUnits = (totalGPUs || 0) * (billing.gpu_factor || 0);
        if (memUnits > totalCPUs && memUnits > gpuUnits) {
          report("MEM006", "note", "memory sets this job's bill: " + formatNumber(totalMemoryGiB) + " GiB x " + formatNumber(billing.memory_factor) + " = " + formatNumber(memUnits) +
            " billing units, more than its " + totalCPUs + " CPU" + (totalCPUs === 1 ? "" : "s") + "; you are billed for what you ask, so size the request with seff or sacct");
        }
      }
      var memAdvice = partition.memory_per_cpu_advice;
      if (memAdvice && memory.scope === "cpu" && gibibytes(memory.size) > memAdvice.above_gib_per_cpu &&
        (memoryPerNodeGiB !== null ? memoryPerNodeGiB : 0) <= (nodeMemory !== null ? nodeMemory : Infinity)) {
        report("MEM006", "note", "more than " + formatNumber(memAdvice.above_gib_per_cpu) + " GiB per CPU: " + clusterTitle + "'s " + memAdvice.partition + " partition is meant for this");
      }
    }

    // CPU001, CPU003, NOD001
    if (partition && cores !== null) {
      var where = "the " + cores + " cores of the largest node in " + jobTypeName;
      if (m.cpusPerTask !== null && m.cpusPerTask > cores) {
        report("CPU001", "error", "--cpus-per-task=" + m.cpusPerTask + " is more than " + where + ": a task cannot span nodes, so the job can never start");
      } else if (tasksPerNode !== null && tasksPerNode * cpt > cores && (m.ntasksPerNode !== null || m.ntasks !== null)) {
        report("CPU001", "error", tasksPerNode + " tasks x " + cpt + " CPUs = " + tasksPerNode * cpt + " CPUs per node, more than " + where);
      }
    }
    if (nodes && nodes.min > 1 && !commandNames.some(function (n) { return n === "srun" || n === "mpirun" || n === "mpiexec"; })) {
      report("CPU003", "warning", "--nodes=" + m.nodes + " but the script starts nothing with srun or mpirun: the commands run on the first node only, " +
        "while the other nodes sit idle and are still charged");
    }
    if (profile && nodeBounds) {
      var b = nodeBounds.bounds;
      var low = nodes ? nodes.min : nodeCount, high = nodes ? nodes.max : nodeCount;
      var asked = nodes ? "--nodes=" + m.nodes
        : "the job needs " + low + " node" + (low === 1 ? "" : "s") + (m.ntasks === null ? " (no --nodes given)" : "");
      var tooMany = b.max != null && low > b.max;
      var tooFew = b.min != null && high < b.min;
      if (tooMany || tooFew) {
        var allowed = b.min === 1 && b.max === 1 ? "exactly 1 node" : bounds(b) + " nodes";
        report("NOD001", "error", asked + ", but " + nodeBounds.owner + " allows " + allowed);
      }
    }

    // GPU001, GPU002, GPU003, GPU006
    var gpuText = gpu ? directiveText(gpu.option) : "";
    if (partition && !hasGPUs(partition) && partition.gpus_per_job == null && asksForGPUs) {
      var gpuPartitions = partitionsOf(profile).filter(hasGPUs).map(function (p) { return p.name; });
      report("GPU001", "error", "'" + gpuText + "' asks for GPUs, but " + jobTypeName + " has none" + (gpuPartitions.length ? "; GPU partitions: " + gpuPartitions.join(", ") : ""));
    }
    if (partition && hasGPUs(partition) && !asksForGPUs) {
      report("GPU002", "error", jobTypeName + " is for GPU jobs, but the script asks for no GPU; add --gpus=N or --gpus-per-node=N (at most " + maxGPUsPerNode(partition) + " per node)");
    }
    if (partition && gpu) {
      if (hasGPUs(partition) && gpusPerNode !== null && gpusPerNode > maxGPUsPerNode(partition)) {
        report("GPU003", "error", "'" + gpuText + "' is " + gpusPerNode + " GPUs per node, but a node in " + jobTypeName + " has " + maxGPUsPerNode(partition));
      } else {
        var gpuLimits = [[qos && qos.gpus_per_job, "QoS " + (qos ? qos.name : "") + " on " + clusterTitle], [partition.gpus_per_job, jobTypeName]];
        for (var g = 0; g < gpuLimits.length; g++) {
          var limit = gpuLimits[g][0];
          if (limit && totalGPUs !== null && limit.max != null && totalGPUs > limit.max) {
            report("GPU003", "error", "the job asks for " + totalGPUs + " GPUs, but " + gpuLimits[g][1] + " allows at most " + limit.max + " per job");
            break;
          }
        }
      }
    }
    if (partition && partition.larger_gpu_partition) {
      var words = [];
      parsed.commands.forEach(function (c) { words = words.concat(c.words); });
      parsed.directives.forEach(function (d) { if (d.value != null) words.push(d.value); });
      var large = words.filter(function (w) {
        var lowered = w.toLowerCase();
        return largeModelWords.some(function (l) { return lowered.indexOf(l) >= 0; });
      })[0];
      if (large !== undefined) {
        var models = nodeTypes(partition).filter(function (t) { return t.gpu_model != null; });
        var gpuMemory = maxOf(nodeTypes(partition).map(function (t) { return t.gpu_memory_gib; }));
        report("GPU006", "note", "'" + large + "' suggests a large model; " + jobTypeName + " has " + (models.length ? models[0].gpu_model : "GPUs") +
          (gpuMemory !== null ? " (" + formatNumber(gpuMemory) + " GiB each)" : "") + ", too small for most; consider --partition=" + partition.larger_gpu_partition);
      }
    }

    // ARR001, ARR002
    if (m.array) {
      if (m.array.error) {
        report("ARR001", "error", "--array=" + m.array.text + ": " + m.array.error);
      } else if (profile && profile.arrays) {
        var tasks = arrayTaskCount(array);
        if (profile.arrays.max_tasks != null && tasks > profile.arrays.max_tasks) {
          report("ARR001", "error", "--array=" + m.array.text + " has " + tasks + " tasks; " + clusterTitle + " allows at most " + profile.arrays.max_tasks + " per array (split it into several arrays)");
        }
        if (profile.arrays.max_index != null && arrayMaxIndex(array) > profile.arrays.max_index) {
          report("ARR001", "error", "--array=" + m.array.text + " uses index " + arrayMaxIndex(array) + "; the highest task index on " + clusterTitle + " is " + profile.arrays.max_index);
        }
      }
      [["output", effectiveOutput(m)], ["error", m.error]].forEach(function (pair) {
        var value = pair[1];
        if (value && value.indexOf("%a") < 0 && value.indexOf("%j") < 0) {
          report("ARR002", "warning", "'--" + pair[0] + "=" + value + "' names the same file for every array task, so their logs overwrite each other; add %a (the task index)");
        }
      });
    }

    // MOD001, MOD003
    loaded.forEach(function (module) {
      if (module.indexOf("/") < 0 && module.charAt(0) !== "$" && module !== "") {
        report("MOD001", "warning", "'module load " + module + "' has no version, so the job gets whatever the default is on the day it runs; name the version (see 'module avail " + module + "')");
      }
    });
    if (partition && partition.recommended_modules && partition.recommended_modules.length) {
      var missing = partition.recommended_modules.filter(function (r) { return loaded.indexOf(r) < 0; });
      if (missing.length) {
        report("MOD003", "note", jobTypeName + " has a different CPU type; load " + missing.join(", ") + " (ordinary modules may not run there)");
      }
    }

    // QOS001
    if (m.qos) {
      var preemptible = qos ? !!qos.preemptible : m.qos.toLowerCase() === "optimist";
      if (preemptible) {
        var traps = parsed.commands.some(function (c) {
          return c.name === "trap" && c.args.some(function (a) { return ["TERM", "SIGTERM", "15", "USR1", "SIGUSR1"].indexOf(a) >= 0; });
        });
        var checkpoints = parsed.commands.some(function (c) {
          return c.words.some(function (w) { var l = w.toLowerCase(); return l.indexOf("checkpoint") >= 0 || l.indexOf("resume") >= 0; });
        });
        if (!traps && !checkpoints) {
          var access = (qos && qos.requires_access) || !profile ? "; optimist also needs access granted by support" : "";
          report("QOS001", "warning", "an optimist job can be stopped at any time (SIGTERM, then SIGKILL 30 s later) and requeued, but the script neither traps SIGTERM " +
            "nor resumes from a checkpoint, so the work done so far is lost each time" + access);
        }
      }
    }

    // BILL001
    if (partition && partition.billing && time) {
      var bill = partition.billing;
      var billTime = isUnlimited(time) ? (maxTime ? maxTime.time : null) : time;
      if (billTime && !isUnlimited(billTime)) {
        var taskCount = array ? arrayTaskCount(array) : 1;
        var each = taskCount > 1 ? " per array task (" + taskCount + " tasks)" : "";
        if (bill.quota) {
          if (totalGPUs !== null) {
            var hours = totalGPUs * timeHours(billTime);
            var quota = hours === 1 && bill.quota.slice(-1) === "s" ? bill.quota.slice(0, -1) : bill.quota;
            report("BILL001", "note", "estimated cost: " + totalGPUs + " GPU" + (totalGPUs === 1 ? "" : "s") + " for " + describeTime(billTime) + " = " + formatNumber(hours) + " " + quota + each +
              ", charged to " + clusterTitle + "'s separate quota for " + bill.quota);
          }
        } else {
          var units = totalCPUs;
          var why = totalCPUs + " CPU" + (totalCPUs === 1 ? "" : "s");
          if (bill.units_per_node != null) {
            units = bill.units_per_node * nodeCount;
            why = nodeCount + " whole node" + (nodeCount === 1 ? "" : "s") + " x " + formatNumber(bill.units_per_node);
          }
          if (bill.memory_factor != null && totalMemoryGiB !== null && totalMemoryGiB * bill.memory_factor > units) {
            units = totalMemoryGiB * bill.memory_factor;
            why = formatNumber(totalMemoryGiB) + " GiB x " + formatNumber(bill.memory_factor);
          }
          if (bill.gpu_factor != null && totalGPUs !== null && totalGPUs * bill.gpu_factor > units) {
            units = totalGPUs * bill.gpu_factor;
            why = totalGPUs + " GPU" + (totalGPUs === 1 ? "" : "s") + " x " + formatNumber(bill.gpu_factor);
          }
          var total = units * timeHours(billTime);
          var text = "estimated cost: " + formatNumber(units) + " billing unit" + (units === 1 ? "" : "s") + " (" + why + ") x " + formatNumber(timeHours(billTime)) + " h = " +
            formatNumber(total) + " billing-unit hour" + (total === 1 ? "" : "s") + each + ", reserved from the project's quota when the job starts" +
            (profile.account && profile.account.quota_command ? " (see '" + profile.account.quota_command + "')" : "");
          var severity = "note";
          var billLimits = [[qos && qos.max_billing_units, "QoS " + (qos ? qos.name : "")], [partition.max_billing_units, jobTypeName]];
          for (var k = 0; k < billLimits.length; k++) {
            var lim = billLimits[k][0];
            if (lim != null && units > lim) {
              text += "; this is more than the " + formatNumber(lim) + " billing units per job allowed for " + billLimits[k][1] + ", so the job will not start";
              severity = "warning";
              break;
            }
          }
          report("BILL001", severity, text);
        }
      }
    }
    return found;
  }

  window.docgenJobScript = { generate: generate, lint: lint, filename: filename };

  // MARK: - The form

  var counter = 0;
  var severityOrder = { error: 0, warning: 1, note: 2 };

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function setupCard(card) {
    var fields = card.querySelector(".job-template-fields");
    var code = card.querySelector(".codeblock code");
    var download = card.querySelector(".job-template-download");
    var warnings = card.querySelector(".job-template-warnings");
    var nameLabel = card.querySelector(".job-template-name");
    var badge = card.querySelector(".job-template-cluster");
    if (!fields || !code) return;
    var spec;
    try { spec = JSON.parse(fields.getAttribute("data-spec") || "{}"); } catch (e) { return; }
    if (!clusters().length || !spec.cluster) return;
    var prefix = "jt" + (++counter) + "-";
    var url = null;
    var problems = [];
    var controls = {};

    fields.textContent = "";
    var intro = element("p", { "class": "job-template-intro" },
      "Change the values below; the script above, its download and the checks follow. Leave a number empty for the cluster's default.");
    fields.appendChild(intro);
    var grid = element("div", { "class": "job-template-grid" });
    fields.appendChild(grid);

    function field(key, labelText, control, help) {
      var wrapper = element("div", { "class": "job-template-field job-template-field-" + key });
      control.id = prefix + key;
      var label = element("label", { "for": control.id }, labelText);
      wrapper.appendChild(label);
      wrapper.appendChild(control);
      if (help) {
        var hint = element("span", { "class": "job-template-help", id: prefix + key + "-help" }, help);
        control.setAttribute("aria-describedby", hint.id);
        wrapper.appendChild(hint);
      }
      grid.appendChild(wrapper);
      controls[key] = { control: control, wrapper: wrapper };
      return control;
    }

    function select(options, value) {
      var node = element("select");
      fill(node, options, value);
      return node;
    }

    function fill(node, options, value) {
      node.textContent = "";
      options.forEach(function (option) {
        var item = element("option", { value: option[0] }, option[1]);
        if (option[0] === value) item.selected = true;
        node.appendChild(item);
      });
      node.value = value;
      if (node.value !== value && options.length) node.value = options[0][0];
    }

    function input(type, value, extra) {
      var node = element("input", Object.assign({ type: type, spellcheck: "false" }, extra || {}));
      node.value = value == null ? "" : String(value);
      return node;
    }

    var production = clusters().filter(function (p) { return (p.status || "production") === "production"; });
    var clusterSelect = field("cluster", "Cluster", select(production.map(function (p) { return [p.name, title(p)]; }), spec.cluster));
    var partitionSelect = field("partition", "Job type", element("select"));
    var qosSelect = field("qos", "QoS", element("select"));
    var accountInput = field("account", "Project (account)", input("text", spec.account));
    var timeInput = field("time", "Time limit", input("text", spec.time, { inputmode: "text" }), "[D-]HH:MM:SS");
    var nodesInput = field("nodes", "Nodes", input("number", spec.nodes, { min: "1", step: "1", inputmode: "numeric" }));
    var ntasksInput = field("ntasks", "Tasks (ntasks)", input("number", spec.ntasks, { min: "1", step: "1", inputmode: "numeric" }));
    var cpusInput = field("cpus_per_task", "CPUs per task", input("number", spec.cpus_per_task, { min: "1", step: "1", inputmode: "numeric" }));
    var memoryKey = ["mem_per_cpu", "mem_per_gpu", "mem"].filter(function (k) { return spec[k] != null; })[0] || "";
    var memoryInput = field("memory", "Memory", input("text", memoryKey ? spec[memoryKey] : ""), "e.g. 4G or 3600M");
    var memoryForm = field("memory_form", "Memory is", element("select"));
    var gpuKey = spec.gpus_per_node != null ? "gpus_per_node" : "gpus";
    var gpuText = spec[gpuKey] != null ? String(spec[gpuKey]) : "";
    var gpuType = gpuText.indexOf(":") >= 0 ? gpuText.slice(0, gpuText.lastIndexOf(":")) : null;
    var gpuInput = field("gpus", "GPUs", input("number", gpuText ? gpuText.slice(gpuText.lastIndexOf(":") + 1) : "", { min: "0", step: "1", inputmode: "numeric" }));
    var gpuScope = field("gpu_scope", "GPUs are", select([["gpus", "for the whole job"], ["gpus_per_node", "on each node"]], gpuKey));
    var arrayInput = field("array", "Array range", input("text", spec.array), "e.g. 1-100%10; empty for no array");

    function currentProfile() { return profileNamed(clusterSelect.value); }

    function currentJobType() {
      var profile = currentProfile();
      if (partitionSelect.value) return partitionNamed(profile, partitionSelect.value);
      var q = qosNamed(profile, qosSelect.value);
      if (q && q.selects_partition) return partitionNamed(profile, q.selects_partition);
      return defaultPartition(profile);
    }

    function refreshPartitions(value) {
      var profile = currentProfile();
      var options = [];
      var def = defaultPartition(profile);
      if (def) options.push(["", "default (" + def.name + ")"]);
      partitionsOf(profile).forEach(function (p) {
        var facts = [];
        if (p.whole_node) facts.push("whole nodes");
        if (hasGPUs(p)) facts.push(maxGPUsPerNode(p) + " GPUs/node");
        options.push([p.name, p.name + (facts.length ? " (" + facts.join(", ") + ")" : "")]);
      });
      var wanted = value != null ? value : "";
      if (!options.some(function (o) { return o[0] === wanted; })) wanted = options.length ? options[0][0] : "";
      fill(partitionSelect, options, wanted);
    }

    function refreshQos(value) {
      var profile = currentProfile();
      var list = qosListOf(profile);
      controls.qos.wrapper.hidden = list.length === 0;
      var options = [["", "none"]].concat(list.map(function (q) { return [q.name, q.name]; }));
      var wanted = value != null && options.some(function (o) { return o[0] === value; }) ? value : "";
      fill(qosSelect, options, wanted);
    }

    /** The memory forms the job type allows: none on whole-node types, per GPU only with GPUs. */
    function refreshMemoryForms(value) {
      var jobType = currentJobType();
      var forms = [];
      var whole = jobType && (jobType.whole_node || jobType.memory_flag === "forbidden" || jobType.memory_flag === "discouraged");
      if (!whole) {
        forms.push(["mem_per_cpu", "per CPU core"]);
        if (!jobType || hasGPUs(jobType)) forms.push(["mem_per_gpu", "per GPU"]);
        forms.push(["mem", "per node"]);
      }
      controls.memory.wrapper.hidden = forms.length === 0;
      controls.memory_form.wrapper.hidden = forms.length === 0;
      var wanted = forms.some(function (f) { return f[0] === value; }) ? value : forms.length ? forms[0][0] : "";
      fill(memoryForm, forms, wanted);
    }

    refreshPartitions(spec.partition || "");
    refreshQos(spec.qos || "");
    refreshMemoryForms(memoryKey || "mem_per_cpu");

    function readCount(control, key, minimum) {
      var text = control.value.trim();
      control.removeAttribute("aria-invalid");
      if (text === "") return null;
      if (!/^[0-9]+$/.test(text) || parseInt(text, 10) < minimum) {
        control.setAttribute("aria-invalid", "true");
        problems.push({ id: "jobspec.invalid-value", severity: "error", message: key + " must be a whole number of " + minimum + " or more, not '" + text + "'" });
        return null;
      }
      return parseInt(text, 10);
    }

    /** The spec as the form now describes it. */
    function currentSpec() {
      problems = [];
      var next = JSON.parse(JSON.stringify(spec));
      ["partition", "qos", "nodes", "ntasks", "cpus_per_task", "mem", "mem_per_cpu", "mem_per_gpu", "gpus", "gpus_per_node", "array"].forEach(function (k) { delete next[k]; });
      next.cluster = clusterSelect.value;
      if (partitionSelect.value) next.partition = partitionSelect.value;
      if (qosSelect.value && !controls.qos.wrapper.hidden) next.qos = qosSelect.value;
      next.account = accountInput.value.trim();
      next.time = timeInput.value.trim();
      var nodes = readCount(nodesInput, "nodes", 1);
      if (nodes !== null) next.nodes = nodes;
      var ntasks = readCount(ntasksInput, "ntasks", 1);
      if (ntasks !== null) next.ntasks = ntasks;
      var cpus = readCount(cpusInput, "cpus_per_task", 1);
      if (cpus !== null) next.cpus_per_task = cpus;
      var gpus = readCount(gpuInput, "gpus", 0);
      if (gpus !== null && gpus > 0) next[gpuScope.value] = gpuType ? gpuType + ":" + gpus : gpus;
      memoryInput.removeAttribute("aria-invalid");
      var memText = memoryInput.value.trim();
      if (memText !== "" && memoryForm.value) {
        try {
          next[memoryForm.value] = memoryText(parseMemory(memText));
          if (memoryForm.value === "mem_per_gpu" && gpus === null) {
            problems.push({ id: "jobspec.invalid-value", severity: "error", message: "mem_per_gpu needs a GPU request (gpus: N)" });
          }
        } catch (e) {
          memoryInput.setAttribute("aria-invalid", "true");
          problems.push({ id: "jobspec.invalid-value", severity: "error", message: "memory: " + e.message });
        }
      }
      var arrayText = arrayInput.value.trim();
      if (arrayText !== "") next.array = arrayText;
      return next;
    }

    function update() {
      var current = currentSpec();
      var script = generate(current);
      var name = filename(current);
      code.textContent = script;
      code.removeAttribute("data-highlighted");
      if (url && window.URL && URL.revokeObjectURL) URL.revokeObjectURL(url);
      url = null;
      if (download) {
        try {
          url = URL.createObjectURL(new Blob([script], { type: "text/x-shellscript" }));
          download.setAttribute("href", url);
        } catch (e) {
          download.setAttribute("href", "data:text/x-shellscript;charset=utf-8," + encodeURIComponent(script));
        }
        download.setAttribute("download", name);
      }
      card.setAttribute("data-filename", name);
      var block = card.querySelector(".codeblock");
      if (block) block.setAttribute("data-filename", name);
      if (nameLabel) nameLabel.textContent = name;
      var profile = currentProfile();
      card.setAttribute("data-cluster", current.cluster);
      if (badge && profile) badge.textContent = title(profile);
      var findings = problems.concat(lint(current)).sort(function (a, b) {
        return (severityOrder[a.severity] - severityOrder[b.severity]) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
      warnings.textContent = "";
      findings.forEach(function (finding) {
        var item = element("li", { "class": "job-template-finding severity-" + finding.severity, "data-id": finding.id });
        item.appendChild(element("span", { "class": "job-template-severity" }, finding.severity));
        item.appendChild(document.createTextNode(" "));
        item.appendChild(element("code", { "class": "job-template-id" }, finding.id));
        item.appendChild(document.createTextNode(" " + finding.message));
        warnings.appendChild(item);
      });
      if (!findings.length) warnings.appendChild(element("li", { "class": "job-template-finding severity-ok" }, "No problems found for these values."));
    }

    clusterSelect.addEventListener("change", function () {
      refreshPartitions("");
      refreshQos("");
      refreshMemoryForms(memoryForm.value);
      update();
    });
    partitionSelect.addEventListener("change", function () { refreshMemoryForms(memoryForm.value); update(); });
    qosSelect.addEventListener("change", function () { refreshMemoryForms(memoryForm.value); update(); });
    [accountInput, timeInput, nodesInput, ntasksInput, cpusInput, memoryInput, gpuInput, arrayInput].forEach(function (control) {
      control.addEventListener("input", update);
      control.addEventListener("change", update);
    });
    [memoryForm, gpuScope].forEach(function (control) { control.addEventListener("change", update); });
    window.addEventListener("pagehide", function () { if (url) URL.revokeObjectURL(url); });
    update();
  }

  function start() {
    var cards = document.querySelectorAll(".job-template");
    for (var i = 0; i < cards.length; i++) {
      try { setupCard(cards[i]); } catch (e) { /* keep the static script as it is */ }
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
