//! Architecture invariants, checked as tests (in the spirit of
//! rust-analyzer's tidy tests): the written rules in README.md's Architecture
//! section stay true because breaking one fails `cargo test`.
//!
//! The core's purity is not checked here: `purpose-greenhouse-core` has no
//! browser crate among its dependencies, so naming one there does not build.
//! What is checked is that it stays so (its dependency graph in
//! `Cargo.lock`) and the boundary inside this crate that keeps the content
//! module small (an allow-list of the core modules content code may name).

// Test helpers outside `#[test]` functions may still expect.
#![allow(clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `crate/<relative>` (the folder holding both crates).
fn crates_dir(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

fn src(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(relative)
}

/// Source with comment lines dropped (comments may name what they must not use).
fn code_of(file: &Path) -> String {
    fs::read_to_string(file)
        .expect("read source")
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The packages `Cargo.lock` says `package` depends on, transitively.
fn dependency_closure(lock: &str, package: &str) -> BTreeSet<String> {
    let mut graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for block in lock.split("[[package]]").skip(1) {
        let mut name = None;
        let mut deps = Vec::new();
        let mut in_deps = false;
        for line in block.lines() {
            let line = line.trim();
            if let Some(value) = line.strip_prefix("name = ") {
                name = Some(value.trim_matches('"').to_owned());
            } else if line.starts_with("dependencies = [") {
                in_deps = true;
            } else if in_deps && line == "]" {
                in_deps = false;
            } else if in_deps {
                // `"name"` or `"name version"`.
                let dep = line.trim_matches(|c| c == '"' || c == ',');
                deps.push(dep.split(' ').next().unwrap_or(dep).to_owned());
            }
        }
        if let Some(name) = name {
            graph.entry(name).or_default().extend(deps);
        }
    }
    let mut seen = BTreeSet::new();
    let mut stack = vec![package.to_owned()];
    while let Some(next) = stack.pop() {
        for dep in graph.get(&next).into_iter().flatten() {
            if seen.insert(dep.clone()) {
                stack.push(dep.clone());
            }
        }
    }
    seen
}

/// The core builds and tests natively: no browser crate anywhere in its
/// dependency graph (dev-dependencies included).
#[test]
fn the_core_depends_on_no_browser_crate() {
    let lock = fs::read_to_string(crates_dir("../Cargo.lock")).expect("read Cargo.lock");
    let closure = dependency_closure(&lock, "purpose-greenhouse-core");
    assert!(
        closure.contains("serde"),
        "the lock file walk found the core's dependencies: {closure:?}"
    );
    for crate_name in &closure {
        for browser in ["wasm-bindgen", "web-sys", "js-sys", "gloo"] {
            assert!(
                !crate_name.starts_with(browser),
                "purpose-greenhouse-core depends on `{crate_name}`: the core must stay pure"
            );
        }
    }
    // The walk itself can see a browser crate when there is one.
    assert!(dependency_closure(&lock, "purpose-greenhouse").contains("web-sys"));
}

/// Every Rust source file says what it is in a `//!` header.
#[test]
fn every_module_starts_with_a_doc_comment() {
    let mut files = rust_files(&crates_dir("core/src"));
    files.extend(rust_files(&src("")));
    assert!(files.len() > 40, "expected both crates' modules");
    for file in files {
        let text = fs::read_to_string(&file).expect("read source");
        assert!(
            text.trim_start().starts_with("//!"),
            "{} must start with a `//!` comment saying what the module is",
            file.display()
        );
    }
}

/// The content-script module never reads extension storage: only the
/// background may hold the API key.
#[test]
fn content_script_code_never_touches_storage() {
    let files = rust_files(&src("content"));
    assert!(
        !files.is_empty(),
        "expected the content-script adapter under src/content"
    );
    for file in files {
        let text = fs::read_to_string(&file).expect("read source");
        for forbidden in ["storage_get", "storage_set", "storage_remove", "api_key"] {
            assert!(
                !text.contains(forbidden),
                "{}: content-script code must not use `{forbidden}`",
                file.display()
            );
        }
    }
}

/// The core modules the content module may link, by module path. It is
/// compiled on every Purpose Jobs page, so it links only what a page needs
/// before and at the click: the page snapshot, the Share-menu rules, the
/// candidate-id rule, the contract's types and reply readers, the review
/// form's rules and the in-page UI's decisions (`inpage`: small pure
/// functions, the adapter only draws them). The profile rules (extraction,
/// names, links, mapping) run in the background on a snapshot (`profile::reading`); so
/// do Greenhouse, the outbox, the ledger and settings storage. Growing this
/// list is a size decision: measure the module (`make bench`) first.
const CONTENT_MAY_LINK: &[&str] = &[
    "contract::error_reply",
    "contract::read_reply",
    "contract::reply",
    "inpage::click",
    "inpage::menu",
    "inpage::notice",
    "page",
    "page::wire",
    "profile::identity",
    "profile::reading",
    "profile::share_menu",
    "sending::review",
];

/// The module paths of the core crate (`page`, `page::url`, …), from its files.
fn core_modules() -> BTreeSet<String> {
    let root = crates_dir("core/src");
    rust_files(&root)
        .iter()
        .filter_map(|file| {
            let relative = file.strip_prefix(&root).ok()?.with_extension("");
            let mut segments: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if segments
                .last()
                .is_some_and(|last| last == "mod" || last == "lib")
            {
                segments.pop();
            }
            (!segments.is_empty()).then(|| segments.join("::"))
        })
        .collect()
}

/// Every core module that `code` names through a `core::…` path (use-trees
/// with braces expanded), as the longest prefix of the path that is one of
/// `modules`.
fn core_module_paths(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
        let tree = tree.trim();
        if let Some(open) = tree.find('{') {
            let head = tree[..open].trim_end_matches("::");
            let close = tree.rfind('}').unwrap_or(tree.len());
            let inner = &tree[open + 1..close];
            let base = if head.is_empty() {
                prefix.to_owned()
            } else {
                format!("{prefix}::{head}")
            };
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&base, &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            expand(&base, &inner[start..], out);
        } else if !tree.is_empty() {
            out.push(format!("{prefix}::{tree}"));
        }
    }
    let mut paths = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("core::") {
        let after = &rest[at + "core::".len()..];
        // The path runs to the end of its use-tree or expression.
        let mut depth = 0;
        let mut end = after.len();
        for (i, c) in after.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth > 0 => depth -= 1,
                c if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let mut expanded = Vec::new();
        expand("", &after[..end], &mut expanded);
        for path in expanded {
            let segments: Vec<&str> = path
                .split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty() && *s != "self")
                .collect();
            let longest = (1..=segments.len())
                .rev()
                .map(|n| segments[..n].join("::"))
                .find(|prefix| modules.contains(prefix));
            if let Some(module) = longest {
                paths.insert(module);
            }
        }
        rest = &after[end..];
    }
    paths
}

#[test]
fn module_paths_are_read_from_use_trees_and_expressions() {
    let code = "use crate::core::contract::reply::{SendOutcome, SendStatus};\n\
                use crate::core::page::{wire::WireDoc, Page};\n\
                if crate::core::profile::links::classify_link(&url, \"\") {}\n\
                let r = core::page::normalize_role(x);";
    let expected: BTreeSet<String> = ["contract::reply", "page", "page::wire", "profile::links"]
        .into_iter()
        .map(String::from)
        .collect();
    let modules = core_modules();
    assert!(modules.contains("profile::links") && modules.contains("page"));
    assert_eq!(core_module_paths(code, &modules), expected);
}

/// Content-script code (and the DOM adapter it uses) names only the core
/// modules on [`CONTENT_MAY_LINK`]. Tests (`content/tests.rs`) may name any.
#[test]
fn content_script_code_links_only_the_allowed_core_modules() {
    let mut files: Vec<PathBuf> = rust_files(&src("content"))
        .into_iter()
        .filter(|file| !file.ends_with("tests.rs"))
        .collect();
    files.extend([
        src("dom_page.rs"),
        src("shim.rs"),
        src("perf.rs"),
        src("text.rs"),
    ]);
    let modules = core_modules();
    let mut seen = BTreeSet::new();
    for file in &files {
        for path in core_module_paths(&code_of(file), &modules) {
            assert!(
                CONTENT_MAY_LINK.contains(&path.as_str()),
                "{}: content-script code names `core::{path}`, which is not on CONTENT_MAY_LINK",
                file.display()
            );
            seen.insert(path);
        }
    }
    // The list stays as short as the code needs: nothing on it unused.
    for allowed in CONTENT_MAY_LINK {
        assert!(
            seen.contains(*allowed),
            "CONTENT_MAY_LINK lists `{allowed}`, which content code no longer names: remove it"
        );
    }
}
