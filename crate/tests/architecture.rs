//! Architecture invariants, checked as tests (in the spirit of
//! rust-analyzer's tidy tests): the written rules in README.md's Architecture
//! section stay true because breaking one fails `cargo test`.

// Test helpers outside `#[test]` functions may still expect.
#![allow(clippy::expect_used)]

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

fn src(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(relative)
}

/// `core` is pure: it must build and test natively, without any browser crate.
#[test]
fn core_never_names_a_browser_crate() {
    let files = rust_files(&src("core"));
    assert!(files.len() > 3, "expected the core modules under src/core");
    for file in files {
        let text = fs::read_to_string(&file).expect("read source");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for forbidden in ["web_sys", "js_sys", "wasm_bindgen", "gloo"] {
                assert!(
                    !code.contains(forbidden),
                    "{}:{}: core must not name `{forbidden}`: {line}",
                    file.display(),
                    number + 1
                );
            }
        }
    }
}

/// Every Rust source file says what it is in a `//!` header.
#[test]
fn every_module_starts_with_a_doc_comment() {
    let files = rust_files(&src(""));
    assert!(!files.is_empty());
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

/// The profile rules (extraction, mapping to Greenhouse, link and name
/// rules) run in the background on a snapshot (`core::reading`): the
/// content module, compiled on every Purpose Jobs page, only links the
/// Share-menu rules. Naming one of these from content-script code would
/// pull them back in (about a third of the module).
#[test]
fn content_script_code_leaves_the_profile_rules_to_the_background() {
    let mut files = rust_files(&src("content"));
    files.push(src("dom_page.rs"));
    for file in files {
        let source = fs::read_to_string(&file).expect("read source");
        // Comments may name them (to say where they went).
        let text: String = source
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for forbidden in [
            "extract_profile",
            "read_profile(",
            "core::mapping",
            "to_new_candidate",
            "review::apply",
            "classify_link",
            "core::names",
        ] {
            assert!(
                !text.contains(forbidden),
                "{}: content-script code must not use `{forbidden}`",
                file.display()
            );
        }
    }
}
