//! The modules of `src/` import each other without a cycle, file by file and top-level module
//! by top-level module, and the API layer stays below the CLI: it never imports clap types,
//! output or exit codes. Edges are `crate::` and `super::` paths outside test modules; `mod`
//! declarations are structure, not imports.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A module path: `["output", "table"]`; the crate root is empty.
type Module = Vec<String>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every module file under `src/` (the binary's `main.rs` aside), by module path.
fn modules() -> BTreeMap<Module, PathBuf> {
    let mut found = BTreeMap::new();
    let mut dirs = vec![src()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("src/main.rs") {
                continue;
            }
            let relative = path.strip_prefix(src()).unwrap().with_extension("");
            let mut module: Module = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                module.pop();
            }
            found.insert(module, path);
        }
    }
    found
}

/// The code of a file without its test module and its comment lines.
fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    // Test modules (`#[cfg(test)]`, `#[cfg(all(test, unix))]`…) sit at the end of a file.
    let text = match text.find("\nmod tests {") {
        Some(at) => &text[..text[..at].rfind("\n#[cfg(").unwrap_or(at)],
        None => &text,
    };
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a file declares (`mod name;`), which its code can name without `crate::`.
fn children(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|line| {
            let line = line.trim().strip_prefix("pub ").unwrap_or(line.trim());
            line.strip_prefix("mod ")?.strip_suffix(';').map(str::to_string)
        })
        .collect()
}

/// Every path that starts with `crate::`, `super::` or a declared child module, with `{…}`
/// groups expanded; the root is `crate`, `super` or `self`.
fn paths_in(code: &str) -> Vec<(String, Vec<String>)> {
    let mut paths = Vec::new();
    let children: Vec<String> = children(code).into_iter().map(|c| format!("{c}::")).collect();
    let roots = ["crate::".to_string(), "super::".to_string()]
        .into_iter()
        .chain(children.iter().cloned());
    for root in roots {
        let child = !matches!(root.as_str(), "crate::" | "super::");
        let mut rest = code;
        while let Some(at) = rest.find(root.as_str()) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + root.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            for path in expand(rest) {
                match child {
                    true => paths.push((
                        "self".into(),
                        [vec![root.trim_end_matches(':').to_string()], path].concat(),
                    )),
                    false => paths.push((root.trim_end_matches(':').to_string(), path)),
                }
            }
        }
    }
    paths
}

/// The paths at the start of `text` (after `crate::`): `a::b::C` or `a::{b, c::D}`.
fn expand(text: &str) -> Vec<Vec<String>> {
    let mut prefix = Vec::new();
    let mut rest = text;
    loop {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if word.is_empty() {
            if let Some(group) = rest.strip_prefix('{') {
                return group_items(group)
                    .into_iter()
                    .flat_map(|item| {
                        expand(item.trim()).into_iter().map({
                            let prefix = prefix.clone();
                            move |tail| [prefix.clone(), tail].concat()
                        })
                    })
                    .collect();
            }
            return vec![prefix];
        }
        rest = &rest[word.len()..];
        prefix.push(word);
        match rest.strip_prefix("::") {
            Some(after) => rest = after,
            None => return vec![prefix],
        }
    }
}

/// The comma-separated items of a `{…}` group, up to its closing brace.
fn group_items(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&text[start..i]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.retain(|item| !item.trim().is_empty());
    items
}

/// The module file a path leads into: the longest prefix that is a module.
fn resolve(path: &[String], modules: &BTreeMap<Module, PathBuf>) -> Module {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| modules.contains_key(prefix))
        .unwrap_or_default()
}

/// Module-to-module edges, file by file.
fn edges() -> BTreeSet<(Module, Module)> {
    let modules = modules();
    let mut edges = BTreeSet::new();
    for (module, path) in &modules {
        for (root, tail) in paths_in(&code_of(path)) {
            let absolute = match root.as_str() {
                "crate" => tail,
                "self" => [module.clone(), tail].concat(),
                // `super` of a module file is its parent module.
                _ => [module[..module.len().saturating_sub(1)].to_vec(), tail].concat(),
            };
            let target = resolve(&absolute, &modules);
            if &target != module {
                edges.insert((module.clone(), target));
            }
        }
    }
    edges
}

/// A cycle in the graph, if there is one, as the modules along it.
fn find_cycle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in edges {
        next.entry(from).or_default().push(to);
    }
    fn visit<'a>(
        node: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[at..].iter().map(|s| s.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for to in next.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(to, next, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    next.keys()
        .find_map(|node| visit(node, &next, &mut Vec::new(), &mut done))
}

fn name(module: &Module) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.join("::")
    }
}

#[test]
fn modules_import_each_other_without_a_cycle() {
    let edges = edges();
    assert!(
        edges.len() > 50,
        "the scan found too few edges to be right: {edges:?}"
    );
    let files: BTreeSet<(String, String)> = edges.iter().map(|(a, b)| (name(a), name(b))).collect();
    assert_eq!(find_cycle(&files), None, "a cycle between files");
    let top: BTreeSet<(String, String)> = edges
        .iter()
        .filter(|(a, b)| !a.is_empty() && !b.is_empty() && a[0] != b[0])
        .map(|(a, b)| (a[0].clone(), b[0].clone()))
        .collect();
    assert_eq!(find_cycle(&top), None, "a cycle between top-level modules");
}

#[test]
fn the_api_layer_imports_no_cli_output_or_exit_code() {
    let forbidden: Vec<String> = edges()
        .into_iter()
        .filter(|(from, _)| from.first().is_some_and(|m| m == "api"))
        .filter(|(_, to)| {
            to.first()
                .is_some_and(|m| ["cli", "output", "exit", "commands"].contains(&m.as_str()))
        })
        .map(|(from, to)| format!("{} -> {}", name(&from), name(&to)))
        .collect();
    assert!(forbidden.is_empty(), "{forbidden:?}");
}

#[test]
fn exit_codes_are_chosen_only_by_the_entry_point() {
    let users: Vec<String> = edges()
        .into_iter()
        .filter(|(_, to)| to.first().is_some_and(|m| m == "exit"))
        .map(|(from, _)| name(&from))
        .collect();
    assert_eq!(users, ["crate"]);
}

#[test]
fn the_scan_sees_grouped_imports_and_cycles() {
    assert_eq!(
        expand("output::{printer::{ListEnd, Record}, style::Shape};"),
        [
            vec!["output", "printer", "ListEnd"],
            vec!["output", "printer", "Record"],
            vec!["output", "style", "Shape"],
        ]
    );
    let cycle: BTreeSet<(String, String)> = [("a", "b"), ("b", "c"), ("c", "a")]
        .into_iter()
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect();
    assert_eq!(find_cycle(&cycle).unwrap(), ["a", "b", "c", "a"]);
}

#[test]
fn every_process_the_tests_start_comes_from_the_harness() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    let binary = concat!("CARGO_BIN", "_EXE_llamacloud");
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        if !path.ends_with("harness.rs") {
            assert!(
                !text.contains(binary),
                "{} starts the binary itself; use harness::command()",
                path.display()
            );
        }
    }
}

/// The files under `src/<dir>`, with their code (test modules and comment lines left out).
fn code_under(dir: &str) -> Vec<(PathBuf, String)> {
    modules()
        .into_values()
        .filter(|path| path.strip_prefix(src()).is_ok_and(|p| p.starts_with(dir)))
        .map(|path| {
            let code = code_of(&path);
            (path, code)
        })
        .collect()
}

/// The string literals of `code` (plain and raw), as written between their quotes.
fn string_literals(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            // A char literal ('"', '\'', 'x'); a lifetime is left alone.
            '\'' if chars.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
            }
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 2,
            'r' if matches!(chars.get(i + 1), Some('"' | '#'))
                && (i == 0 || !chars[i - 1].is_alphanumeric() && chars[i - 1] != '_') =>
            {
                let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                let start = i + 1 + hashes + 1;
                if chars.get(start - 1) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let close: String = std::iter::once('"').chain("#".repeat(hashes).chars()).collect();
                let rest: String = chars[start..].iter().collect();
                let end = rest.find(&close).unwrap_or(rest.len());
                found.push(rest[..end].to_string());
                i = start + rest[..end].chars().count() + close.chars().count() - 1;
            }
            '"' => {
                let mut literal = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        literal.push(chars[i]);
                        i += 1;
                    }
                    if let Some(c) = chars.get(i) {
                        literal.push(*c);
                    }
                    i += 1;
                }
                found.push(literal);
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// A flag (`--timeout`) or an environment variable's name (`HTTPS_PROXY`, `LLAMA_CLOUD_…`);
/// format arguments (`{MAX_PAGES}`) are not text.
fn names_a_flag_or_variable(text: &str) -> bool {
    let mut shown = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => shown.push(c),
            _ => {}
        }
    }
    let text = shown.as_str();
    let flag = text
        .match_indices("--")
        .any(|(at, _)| text[at + 2..].starts_with(|c: char| c.is_ascii_lowercase()));
    let variable = text
        .split(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
        .any(|word| {
            word.len() >= 5
                && word.contains('_')
                && word.starts_with(|c: char| c.is_ascii_uppercase())
                && word.chars().filter(char::is_ascii_uppercase).count() >= 3
        });
    flag || variable
}

#[test]
fn output_and_commands_know_no_http() {
    let mut found = Vec::new();
    for dir in ["output", "commands"] {
        for (path, code) in code_under(dir) {
            for word in ["reqwest", "StatusCode", "HeaderMap", "HeaderValue", "hyper"] {
                if code.contains(word) {
                    found.push(format!("{} names {word}", path.display()));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
    assert!(code_under("commands").len() > 10, "the scan found the commands");
}

#[test]
fn the_api_layer_names_no_flag_and_no_variable() {
    let mut found = Vec::new();
    let mut scanned = 0;
    for (path, code) in code_under("api") {
        for literal in string_literals(&code) {
            scanned += 1;
            // Cargo's build-time values are not the user's environment.
            if code.contains(&format!("env!(\"{literal}\")")) {
                continue;
            }
            if names_a_flag_or_variable(&literal) {
                found.push(format!("{}: {literal:?}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
    assert!(scanned > 100, "the scan found too few strings: {scanned}");
}

#[test]
fn the_string_scan_sees_flags_variables_and_raw_strings() {
    assert_eq!(
        string_literals(r####"let a = "x\"--y"; let c = '"'; f::<'a>(r#"HTTPS_PROXY"#); "z""####),
        [r#"x\"--y"#, "HTTPS_PROXY", "z"]
    );
    assert!(names_a_flag_or_variable("raise --wait-timeout"));
    assert!(names_a_flag_or_variable("set LLAMA_CLOUD_API_KEY"));
    assert!(names_a_flag_or_variable("HTTPS_PROXY"));
    assert!(!names_a_flag_or_variable("HTTP {} in {} ms -- done"));
    assert!(!names_a_flag_or_variable("X-Amz-Signature"));
    assert!(!names_a_flag_or_variable("page_size"));
    assert!(!names_a_flag_or_variable("after {MAX_ID_PAGES} pages"));
}

#[test]
fn no_file_in_src_is_over_500_lines() {
    let long: Vec<String> = modules()
        .into_values()
        .chain([src().join("main.rs")])
        .filter_map(|path| {
            let lines = fs::read_to_string(&path).unwrap().lines().count();
            (lines > 500).then(|| format!("{}: {lines} lines", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by responsibility: {long:#?}");
}

/// The edges from one module under `commands/` to another: a command that needs what another
/// does calls the parse engine or a shared module, never the other command.
fn command_to_command(edges: &BTreeSet<(Module, Module)>) -> Vec<String> {
    let is_command = |m: &Module| m.first().is_some_and(|m| m == "commands") && m.len() > 1;
    edges
        .iter()
        .filter(|(from, to)| is_command(from) && is_command(to))
        .map(|(from, to)| format!("{} -> {}", name(from), name(to)))
        .collect()
}

#[test]
fn no_command_imports_another_command() {
    let found = command_to_command(&edges());
    assert!(
        found.is_empty(),
        "move what they share out of commands/ (to parse/, session, output, …): {found:#?}"
    );
    // The check sees such an edge where there is one.
    let planted: BTreeSet<(Module, Module)> = [(
        vec!["commands".to_string(), "parse".into()],
        vec!["commands".to_string(), "parsing".into(), "create".into()],
    )]
    .into();
    assert_eq!(command_to_command(&planted).len(), 1);
}

/// The modules under `commands/` that do not name a command or a group of commands in the clap
/// tree: `commands::parsing::get` is `llamacloud parsing get`, `commands::generate_docs` is
/// `llamacloud generate-docs`.
fn not_commands(modules: impl IntoIterator<Item = Module>) -> Vec<String> {
    let root = llamacloud::command();
    modules
        .into_iter()
        .filter(|m| m.first().is_some_and(|m| m == "commands") && m.len() > 1)
        .filter(|module| {
            let mut command = &root;
            for part in &module[1..] {
                let wanted = part.replace('_', "-");
                match command.get_subcommands().find(|c| c.get_name() == wanted) {
                    Some(sub) => command = sub,
                    None => return true,
                }
            }
            false
        })
        .map(|m| name(&m))
        .collect()
}

#[test]
fn commands_holds_commands_only() {
    let strays = not_commands(modules().into_keys());
    assert!(
        strays.is_empty(),
        "commands/ holds one module per command (or group): move these out: {strays:#?}"
    );
    let planted = [
        vec!["commands".to_string(), "once".into()],
        vec!["commands".to_string(), "parsing".into(), "wait".into()],
        vec!["commands".to_string(), "parsing".into(), "get".into()],
    ];
    assert_eq!(
        not_commands(planted),
        ["commands::once", "commands::parsing::wait"]
    );
}

/// The words of `code` (identifiers), outside comments.
fn words(code: &str) -> BTreeSet<String> {
    code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The `pub` items (not `pub(crate)`, `pub(super)`, re-exports or modules) of `code`, by name, with
/// their line.
fn pub_items(code: &str) -> Vec<(String, String)> {
    const KINDS: [&str; 7] = ["fn ", "struct ", "enum ", "trait ", "type ", "const ", "static "];
    code.lines()
        .filter_map(|line| {
            let rest = line.trim_start().strip_prefix("pub ")?;
            let rest = rest.strip_prefix("unsafe ").unwrap_or(rest);
            let rest = KINDS.iter().find_map(|kind| rest.strip_prefix(kind))?;
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then(|| (name, line.trim().to_string()))
        })
        .collect()
}

/// The `pub` items no code outside their module's parent names: they are wider than they need to
/// be (`pub(super)` or `pub(crate)` says who uses them). For a top-level module the parent is the
/// crate, so only the library's users (the binary, the tests, the examples) count.
fn wider_than_used() -> Vec<String> {
    let modules = modules();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut users: Vec<(Module, BTreeSet<String>)> = modules
        .iter()
        .map(|(module, path)| (module.clone(), words(&code_of(path))))
        .collect();
    let outside: Vec<PathBuf> = ["tests", "examples"]
        .iter()
        .flat_map(|dir| crate::harness::walk(&root.join(dir)))
        .chain([src().join("main.rs")])
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    let library_users: BTreeSet<String> = outside
        .iter()
        .flat_map(|p| words(&fs::read_to_string(p).unwrap()))
        .collect();
    users.push((vec!["<outside>".to_string()], library_users));
    let mut wide = Vec::new();
    for (module, path) in &modules {
        let Some((_, parent)) = module.split_last() else {
            continue; // lib.rs: its `pub` items are the library's surface
        };
        if module == &["context"] {
            continue; // what a run is given: the library's surface, with `run`
        }
        for (item, line) in pub_items(&code_of(path)) {
            let used = users.iter().any(|(user, words)| {
                let outside_parent = user.first().is_some_and(|u| u == "<outside>")
                    || (!parent.is_empty() && !user.starts_with(parent));
                outside_parent && words.contains(&item)
            });
            if !used {
                wide.push(format!("{}: {line}", name(module)));
            }
        }
    }
    wide
}

#[test]
fn every_pub_item_is_used_outside_its_module_s_parent() {
    // The scan sees bare `pub` items, and only those.
    let seen: Vec<String> = pub_items(
        "pub fn a() {}\npub(crate) fn b() {}\n    pub struct C;\npub use d::E;\npub mod f;\npub const G: u8 = 1;",
    )
    .into_iter()
    .map(|(item, _)| item)
    .collect();
    assert_eq!(seen, ["a", "C", "G"]);
    let wide = wider_than_used();
    assert!(
        wide.is_empty(),
        "{} items are pub but used only inside their module's parent: make them pub(super) or pub(crate): {wide:#?}",
        wide.len()
    );
}
