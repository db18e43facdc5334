//! The house's walls. Between crates they are Cargo's: the pipeline (`adhesion-core`) has no web
//! or command-line dependency, the portal sits on it, the command line on both. Inside each
//! crate, the sources are parsed (`syn`) and every path they name from `crate::`, `super::` or
//! `self::` is resolved to the file that defines it: no circle of files, no cycle between
//! top-level modules, and the pipeline's stages in order.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use syn::visit::Visit;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// The crates of the workspace: their `src/` folders.
const CRATES: [&str; 3] = [
    "src",
    "crates/adhesion-core/src",
    "crates/adhesion-portal/src",
];

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

/// The module path of a source file: `cli/build.rs` → `["cli", "build"]`, `lib.rs` → `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Whether an item is compiled for the tests only (`#[cfg(test)]`).
fn test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Path>()
                .is_ok_and(|p| p.is_ident("test"))
    })
}

/// Collects the module paths a file names, made absolute from the crate's root.
struct Names<'a> {
    /// The file's own module (`super` is its parent).
    module: &'a [String],
    found: BTreeSet<Vec<String>>,
}

impl Names<'_> {
    /// `segments` (`crate`, `super`, `self` first) as an absolute path, if it is one of those.
    fn resolve(&mut self, segments: &[String]) {
        let Some(first) = segments.first() else {
            return;
        };
        let (mut base, rest): (Vec<String>, &[String]) = match first.as_str() {
            "crate" => (Vec::new(), &segments[1..]),
            "self" => (self.module.to_vec(), &segments[1..]),
            "super" => {
                let mut base = self.module.to_vec();
                let mut rest = segments;
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop();
                    rest = &rest[1..];
                }
                (base, rest)
            }
            _ => return,
        };
        base.extend(rest.iter().cloned());
        self.found.insert(base);
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.resolve(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.resolve(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.resolve(&prefix.clone()),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Names<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Use(u) => &u.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !test_only(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.resolve(&segments);
        syn::visit::visit_path(self, path);
    }
}

/// One crate's files and, for each, the files it uses (by module path).
struct Crate {
    files: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

impl Crate {
    fn read(src: &Path) -> Crate {
        let mut paths = Vec::new();
        rust_files(src, &mut paths);
        let modules: BTreeMap<Vec<String>, PathBuf> = paths
            .iter()
            .map(|p| (module_of(src, p), p.clone()))
            .collect();
        let mut files = BTreeMap::new();
        for (module, path) in &modules {
            let text = fs::read_to_string(path).unwrap();
            let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let mut names = Names {
                module,
                found: BTreeSet::new(),
            };
            names.visit_file(&file);
            // Each name belongs to the longest module of the crate that starts it.
            let used: BTreeSet<Vec<String>> = names
                .found
                .iter()
                .filter_map(|name| {
                    (0..=name.len())
                        .rev()
                        .map(|n| name[..n].to_vec())
                        .find(|m| modules.contains_key(m))
                })
                .filter(|m| m != module && !m.is_empty())
                // A parent module's file (`mod.rs`) declares its children: not a use.
                .filter(|m| !module.starts_with(m))
                .collect();
            files.insert(module.clone(), used);
        }
        Crate { files }
    }

    /// The graph between top-level modules.
    fn top_level(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (module, used) in &self.files {
            let Some(first) = module.first() else {
                continue;
            };
            let entry = graph.entry(first.clone()).or_default();
            for u in used {
                if u[0] != *first {
                    entry.insert(u[0].clone());
                }
            }
        }
        graph
    }
}

/// The cycles of `graph`, each as `a -> b -> a`.
fn cycles<T: Ord + Clone + std::fmt::Debug>(graph: &BTreeMap<T, BTreeSet<T>>) -> Vec<String> {
    fn visit<T: Ord + Clone + std::fmt::Debug>(
        graph: &BTreeMap<T, BTreeSet<T>>,
        node: &T,
        path: &mut Vec<T>,
        done: &mut BTreeSet<T>,
        found: &mut Vec<String>,
    ) {
        if let Some(start) = path.iter().position(|m| m == node) {
            let mut cycle: Vec<String> = path[start..].iter().map(|m| format!("{m:?}")).collect();
            cycle.push(format!("{node:?}"));
            found.push(cycle.join(" -> "));
            return;
        }
        if !done.insert(node.clone()) {
            return;
        }
        path.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            visit(graph, next, path, done, found);
        }
        path.pop();
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(graph, node, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

#[test]
fn no_circle_of_files_and_no_cycle_of_modules() {
    for src in CRATES {
        let krate = Crate::read(&Path::new(REPO).join(src));
        let files = cycles(&krate.files);
        assert!(files.is_empty(), "{src}: circles of files: {files:#?}");
        let modules = cycles(&krate.top_level());
        assert!(modules.is_empty(), "{src}: module cycles: {modules:#?}");
    }
}

#[test]
fn the_stages_come_in_order() {
    let core = Crate::read(&Path::new(REPO).join(CRATES[1])).top_level();
    let stages = ["load", "validate", "render", "compile", "write"];
    for (i, stage) in stages.iter().enumerate() {
        assert!(
            core.contains_key(*stage),
            "no module for the stage `{stage}`"
        );
        for later in &stages[i + 1..] {
            assert!(
                !core[*stage].contains(*later),
                "`{stage}` uses `{later}`, a later stage"
            );
        }
    }
}

/// The parser sees what a line scan missed: grouped and nested imports.
#[test]
fn grouped_imports_are_seen() {
    let file =
        syn::parse_file("use crate::{a::{b, c as d}, e::*}; fn f() { super::g::h(); }").unwrap();
    let module = vec!["x".to_owned(), "y".to_owned()];
    let mut names = Names {
        module: &module,
        found: BTreeSet::new(),
    };
    names.visit_file(&file);
    let found: Vec<String> = names.found.iter().map(|p| p.join("::")).collect();
    assert_eq!(found, ["a::b", "a::c", "e", "x::g::h"]);
}

#[test]
fn the_pipeline_has_no_web_or_command_line_dependency() {
    let manifest =
        fs::read_to_string(Path::new(REPO).join("crates/adhesion-core/Cargo.toml")).unwrap();
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .unwrap();
    for web in [
        "axum", "tokio", "rusqlite", "tower", "hyper", "clap", "lettre",
    ] {
        assert!(
            !dependencies.lines().any(|l| l.starts_with(web)),
            "adhesion-core depends on {web}"
        );
    }
}

#[test]
fn each_command_has_its_file() {
    for command in ["build", "check", "watch", "init", "new", "import", "serve"] {
        let file = Path::new(REPO)
            .join("src/cli")
            .join(format!("{command}.rs"));
        assert!(file.is_file(), "no {}", file.display());
    }
}
