//! The layout of `src/` shows the pipeline: no two top-level modules use each other, directly or
//! through others, and each command has its file under `src/cli/`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The top-level modules each top-level module uses (`crate::x` outside comments and tests).
fn uses() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(src()).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_owned();
        if ["lib", "main"].contains(&module.as_str()) {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let used = graph.entry(module.clone()).or_default();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (i, _) in line.match_indices("crate::") {
                if line[..i].ends_with('$') {
                    continue;
                }
                let name: String = line[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                // The catalogue's macros are exported at the crate's root.
                let name = if ["msg", "tr"].contains(&name.as_str()) {
                    "i18n".to_owned()
                } else {
                    name
                };
                if name != module {
                    used.insert(name);
                }
            }
        }
    }
    graph
}

#[test]
fn no_module_uses_one_that_uses_it() {
    let graph = uses();
    // Depth-first search; a module met again while on the path closes a cycle.
    fn visit<'a>(
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        module: &'a str,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
        cycles: &mut Vec<String>,
    ) {
        if let Some(start) = path.iter().position(|m| *m == module) {
            let mut cycle = path[start..].to_vec();
            cycle.push(module);
            cycles.push(cycle.join(" -> "));
            return;
        }
        if !done.insert(module) {
            return;
        }
        path.push(module);
        for next in graph.get(module).into_iter().flatten() {
            visit(graph, next, path, done, cycles);
        }
        path.pop();
    }
    let mut cycles = Vec::new();
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        visit(&graph, module, &mut Vec::new(), &mut done, &mut cycles);
    }
    assert!(cycles.is_empty(), "import cycles: {cycles:#?}");
    // The stages come in order: an earlier stage never uses a later one.
    let stages = ["load", "validate", "render", "compile", "write"];
    for (i, stage) in stages.iter().enumerate() {
        for later in &stages[i + 1..] {
            assert!(
                !graph[*stage].contains(*later),
                "`{stage}` uses `{later}`, a later stage"
            );
        }
    }
}

#[test]
fn each_command_has_its_file() {
    for command in ["build", "check", "watch", "init", "new", "import"] {
        let file = src().join("cli").join(format!("{command}.rs"));
        assert!(file.is_file(), "no {}", file.display());
    }
    for stage in ["load", "validate", "render", "compile", "write"] {
        assert!(
            src().join(format!("{stage}.rs")).is_file() || src().join(stage).is_dir(),
            "no module for the stage `{stage}`"
        );
    }
}
