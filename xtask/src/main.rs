//! Project automation: `cargo xtask codegen [--check]`, `cargo xtask diff ...`,
//! `cargo xtask docs ...`, `cargo xtask bench ...`.
//!
//! A thin command-line layer over the `generator` library: it reads the spec, asks the library
//! for the files, and writes them (or, with `--check`, compares them).

use std::process::ExitCode;
use xtask::{bench, codegen, diff, docs};

const USAGE: &str = "\
usage:
  cargo xtask codegen [--check] [--force] [--spec FILE] [--out DIR] [--crate-name NAME]
      Generate the client crate from the spec. Without --spec/--out: spec/hss.yaml -> generated/,
      then each end-to-end fixture tests/e2e/NAME.yaml -> tests/e2e/NAME/.
      --check writes nothing and fails with a diff when the output is stale; a file the
      generator did not make is never removed without --force.
  cargo xtask diff [OLD.yaml NEW.yaml | --base REV [--spec FILE]] [--format markdown|json]
                   [--fail-on never|breaking|rust-breaking|any]
      Report what a spec change means for the API: wire and Rust impact, semver advice.
  cargo xtask docs check [--spec FILE] [--format markdown|json] PAGE...
  cargo xtask docs import [--spec FILE] PAGE
      Compare saved vendor reference pages with the spec; draft the YAML of a new page.
  cargo xtask bench gen|size|build [--spec FILE]... [--runs N] [--ops N] [--constructs SET]
      Measure generation time and memory, generated lines per operation, and the generated
      crate's build time, side by side with cargo-progenitor when it is installed.
`cargo xtask SUBCOMMAND --help` shows a subcommand's options.";

/// Generation builds and drops many small token trees on every core; mimalloc's thread-local
/// heaps serve that with much less CPU than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&args[1..]),
        Some("diff") => diff::run(&args[1..]),
        Some("docs") => docs::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => {
            eprintln!("error: unknown subcommand {other:?} (codegen, diff, docs, bench)\n{USAGE}");
            Ok(ExitCode::from(2))
        }
        None => {
            eprintln!("error: missing subcommand\n{USAGE}");
            Ok(ExitCode::from(2))
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
