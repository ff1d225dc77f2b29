//! `cargo xtask docs`: the vendor's reference pages against the spec.
//!
//! ```text
//! cargo xtask docs check [--spec spec/hss.yaml] [--format markdown|json] PAGE...
//! cargo xtask docs import [--spec spec/hss.yaml] PAGE
//! ```
//!
//! Vendor-page tooling, kept out of the generator: [`capture`] reads the three capture formats,
//! [`page`] gives each table its role, [`prose`] reads the constraints out of the descriptions,
//! [`compare`] lists the differences with the spec (read through the generator's lowering, with
//! [`spec`] for the YAML locations and the `x-doc-decisions` extension), [`render`] prints them,
//! [`import`] drafts the YAML of a new operation.

pub mod capture;
pub mod compare;
pub mod import;
pub mod page;
pub mod prose;
pub mod render;
pub mod spec;

use anyhow::{anyhow, bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask docs check [--spec FILE] [--format markdown|json] PAGE...
       cargo xtask docs import [--spec FILE] PAGE
  check   compare saved reference pages with the spec; exit status 1 on an undecided finding
  import  print a draft YAML fragment (path item, parameters, component schemas) for a page
  --spec FILE      the spec (default: spec/hss.yaml)
  --format FORMAT  markdown (default, for a pull request) or json (for tools)";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// JSON.
    Json,
}

/// Reads a page file: its name for messages and its text.
fn read_page(path: &Path) -> Result<page::Page> {
    let name = path.to_string_lossy().into_owned();
    let text = std::fs::read_to_string(path).with_context(|| format!("{name}: cannot read"))?;
    page::parse(&name, &text).map_err(|e| anyhow!("{e}"))
}

fn load_spec(path: &Path) -> Result<spec::Spec> {
    let name = crate::codegen::display_name(path);
    let text =
        std::fs::read_to_string(path).with_context(|| format!("{name}: cannot read the spec"))?;
    spec::Spec::load(&name, &text)
}

/// Checks pages (name, text) against a spec (name, text).
pub fn check(
    spec_name: &str,
    spec_text: &str,
    pages: &[(String, String)],
) -> Result<compare::Report> {
    let spec = spec::Spec::load(spec_name, spec_text)?;
    let pages: Vec<page::Page> = pages
        .iter()
        .map(|(n, t)| page::parse(n, t).map_err(|e| anyhow!("{e}")))
        .collect::<Result<_>>()?;
    check_pages(&spec, &pages)
}

/// Checks parsed pages against a loaded spec.
pub fn check_pages(spec: &spec::Spec, pages: &[page::Page]) -> Result<compare::Report> {
    let mut report = compare::Report {
        spec: spec.name.clone(),
        pages: Vec::new(),
        findings: Vec::new(),
        not_stated: Vec::new(),
        unused_decisions: Vec::new(),
    };
    let mut visited = std::collections::BTreeSet::new();
    let mut used = std::collections::BTreeSet::new();
    for p in pages {
        let c = compare::check_page(spec, p)?;
        report.pages.push(c.summary);
        report.findings.extend(c.findings);
        report.not_stated.extend(c.not_stated);
        visited.extend(c.visited);
        used.extend(c.used);
    }
    for pointer in visited {
        for (i, d) in spec.decisions(&pointer).into_iter().enumerate() {
            if !used.contains(&(pointer.clone(), i)) {
                report.unused_decisions.push(compare::UnusedDecision {
                    pointer: pointer.clone(),
                    kind: d.kind,
                    name: d.name,
                    reason: d.reason,
                });
            }
        }
    }
    Ok(report)
}

/// Drafts the YAML for a page (name, text), optionally against a spec (name, text).
pub fn import_text(page_name: &str, page_text: &str, spec: Option<(&str, &str)>) -> Result<String> {
    let page = page::parse(page_name, page_text).map_err(|e| anyhow!("{e}"))?;
    let spec = match spec {
        Some((n, t)) => Some(spec::Spec::load(n, t)?),
        None => None,
    };
    Ok(import::import(&page, spec.as_ref()))
}

fn write_stdout(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(anyhow!("cannot write: {e}")),
        _ => Ok(()),
    }
}

/// `cargo xtask docs ...` (the arguments after `docs`).
pub fn run(args: &[String]) -> Result<ExitCode> {
    let Some(sub) = args.first().map(String::as_str) else {
        bail!("missing docs command (check or import)\n{USAGE}");
    };
    if matches!(sub, "-h" | "--help" | "help") {
        write_stdout(&format!("{USAGE}\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut spec_path: Option<PathBuf> = None;
    let mut format = Format::Markdown;
    let mut pages = Vec::new();
    let mut it = args[1..].iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .with_context(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "-h" | "--help" => {
                write_stdout(&format!("{USAGE}\n"))?;
                return Ok(ExitCode::SUCCESS);
            }
            "--spec" => spec_path = Some(PathBuf::from(value("--spec")?)),
            "--format" => {
                format = match value("--format")?.as_str() {
                    "markdown" | "md" => Format::Markdown,
                    "json" => Format::Json,
                    other => bail!("unknown --format {other:?} (expected markdown or json)"),
                }
            }
            flag if flag.starts_with("--") => bail!("unknown argument {flag:?}\n{USAGE}"),
            page => pages.push(PathBuf::from(page)),
        }
    }
    let default_spec = || crate::codegen::repo_root().join("spec/hss.yaml");
    match sub {
        "check" => {
            if pages.is_empty() {
                bail!("give at least one page\n{USAGE}");
            }
            let spec = load_spec(&spec_path.unwrap_or_else(default_spec))?;
            let pages: Vec<page::Page> =
                pages.iter().map(|p| read_page(p)).collect::<Result<_>>()?;
            let report = check_pages(&spec, &pages)?;
            write_stdout(&match format {
                Format::Markdown => report.to_markdown(),
                Format::Json => report.to_json(),
            })?;
            let undecided = report.undecided().count();
            if undecided > 0 {
                eprintln!("cargo xtask docs check: {undecided} undecided finding(s)");
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        "import" => {
            if pages.len() != 1 {
                bail!("give exactly one page\n{USAGE}");
            }
            if format != Format::Markdown {
                bail!("--format goes with check; import prints YAML");
            }
            let page = read_page(&pages[0])?;
            let spec = match spec_path {
                Some(p) => Some(load_spec(&p)?),
                None => {
                    let p = default_spec();
                    if p.exists() {
                        Some(load_spec(&p)?)
                    } else {
                        None
                    }
                }
            };
            if let Some(s) = &spec {
                if let Some(op) = compare::find_operation(s, &page) {
                    eprintln!(
                        "note: {}:{}: `{} {}` is already in {} as {} (`cargo xtask docs check` compares them)",
                        page.name, page.operation_line, page.method, page.path, s.name, op.operation_id
                    );
                }
            }
            write_stdout(&import::import(&page, spec.as_ref()))?;
            Ok(ExitCode::SUCCESS)
        }
        other => bail!("unknown docs command {other:?}\n{USAGE}"),
    }
}
