//! `cargo xtask diff`: the API change report between two versions of the spec.
//!
//! ```text
//! cargo xtask diff OLD.yaml NEW.yaml                 two files
//! cargo xtask diff --base origin/main                spec/hss.yaml at that revision vs the work tree
//! cargo xtask diff --base REV --spec other.yaml      another spec file
//!     [--format markdown|json] [--fail-on never|breaking|rust-breaking|any]
//! ```
//!
//! Both sides are lowered by the generator and compared as IR (`generator::diff`). The report goes
//! to standard output; the exit code is 1 when the `--fail-on` gate trips (the ids that tripped it
//! go to standard error), and an error names the side that failed to load: `base
//! (origin/main:spec/hss.yaml): ...` or `head (spec/hss.yaml): ...`.

use anyhow::{anyhow, bail, Context, Result};
use generator::diff::{FailOn, Report};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
usage: cargo xtask diff (OLD.yaml NEW.yaml | --base REV [--spec FILE])
                        [--format markdown|json] [--fail-on never|breaking|rust-breaking|any]
  OLD.yaml NEW.yaml  compare two spec files
  --base REV         compare FILE as of git revision REV (`git show REV:FILE`) with the work tree
  --spec FILE        the spec file for --base (default: spec/hss.yaml)
  --format FORMAT    markdown (default, for a pull-request comment) or json (for tools)
  --fail-on GATE     exit with status 1 when a change is: breaking (on the wire), rust-breaking
                     (for Rust callers, at compile or run time), any (any change); never (default)";

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown for a pull-request comment.
    Markdown,
    /// JSON for tools.
    Json,
}

/// Where the two specs come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Two files.
    Files {
        /// The old spec.
        old: PathBuf,
        /// The new spec.
        new: PathBuf,
    },
    /// A file at a git revision against the same file in the work tree.
    Git {
        /// The revision (`origin/main`, a commit).
        rev: String,
        /// The spec file in the work tree.
        spec: PathBuf,
    },
}

/// Parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// Where the specs come from.
    pub source: Source,
    /// Output format.
    pub format: Format,
    /// The exit-code gate.
    pub fail_on: FailOn,
}

/// Parses the arguments after `diff`. `Ok(None)` means help was asked for.
pub fn parse_args(args: &[String]) -> Result<Option<Args>> {
    let mut files = Vec::new();
    let mut base = None;
    let mut spec = None;
    let mut format = Format::Markdown;
    let mut fail_on = FailOn::Never;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .with_context(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--base" => base = Some(value("--base")?),
            "--spec" => spec = Some(PathBuf::from(value("--spec")?)),
            "--format" => {
                format = match value("--format")?.as_str() {
                    "markdown" | "md" => Format::Markdown,
                    "json" => Format::Json,
                    other => bail!("unknown --format {other:?} (expected markdown or json)"),
                }
            }
            "--fail-on" => fail_on = value("--fail-on")?.parse()?,
            flag if flag.starts_with("--") => bail!("unknown argument {flag:?}\n{USAGE}"),
            file => files.push(PathBuf::from(file)),
        }
    }
    let source = match (base, files.len()) {
        (Some(rev), 0) => Source::Git {
            rev,
            spec: spec.unwrap_or_else(|| crate::codegen::repo_root().join("spec/hss.yaml")),
        },
        (None, 2) if spec.is_none() => {
            let new = files.pop().unwrap_or_default();
            let old = files.pop().unwrap_or_default();
            Source::Files { old, new }
        }
        (None, 2) => {
            bail!("--spec only goes with --base (two files name their specs themselves)\n{USAGE}")
        }
        (Some(_), _) => bail!("give either --base REV or two files, not both\n{USAGE}"),
        (None, _) => bail!("give two spec files, or --base REV\n{USAGE}"),
    };
    Ok(Some(Args {
        source,
        format,
        fail_on,
    }))
}

/// One side of the comparison, read but not yet lowered.
struct Loaded {
    /// `base` or `head`.
    side: &'static str,
    /// How the spec is named in messages (`origin/main:spec/hss.yaml`, `spec/hss.yaml`).
    name: String,
    text: String,
}

impl Loaded {
    fn lower(&self) -> Result<generator::ir::Api> {
        let options = generator::Options {
            spec_name: self.name.clone(),
            crate_name: None,
        };
        generator::lower_spec(&self.text, &options)
            .map_err(|e| anyhow!("{} ({}): {e}", self.side, self.name))
    }
}

fn read_file(side: &'static str, path: &Path) -> Result<Loaded> {
    let name = crate::codegen::display_name(path);
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow!("{side} ({name}): cannot read {}: {e}", path.display()))?;
    Ok(Loaded { side, name, text })
}

/// The spec's path relative to the repository root, with `/` separators, as `git show` wants it.
fn repo_relative(path: &Path) -> String {
    let root = crate::codegen::repo_root();
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let abs = std::fs::canonicalize(&abs).unwrap_or(abs);
    match abs.strip_prefix(&root) {
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => path.to_string_lossy().replace('\\', "/"),
    }
}

fn read_git(rev: &str, spec: &Path) -> Result<Loaded> {
    let rel = repo_relative(spec);
    let name = format!("{rev}:{rel}");
    let side = "base";
    if rev.starts_with('-') {
        bail!("{side} ({name}): not a revision");
    }
    let output = Command::new("git")
        .arg("-C")
        .arg(crate::codegen::repo_root())
        .arg("show")
        .arg(&name)
        .output()
        .map_err(|e| anyhow!("{side} ({name}): cannot run git: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        bail!(
            "{side} ({name}): `git show {name}` failed: {}",
            stderr.trim()
        );
    }
    let text = String::from_utf8(output.stdout)
        .map_err(|_| anyhow!("{side} ({name}): the file is not UTF-8"))?;
    Ok(Loaded { side, name, text })
}

/// Reads and lowers both sides and compares them.
pub fn report(source: &Source) -> Result<Report> {
    let (old, new) = match source {
        Source::Files { old, new } => (read_file("base", old)?, read_file("head", new)?),
        Source::Git { rev, spec } => (read_git(rev, spec)?, read_file("head", spec)?),
    };
    let old = old.lower()?;
    let new = new.lower()?;
    Ok(generator::diff::diff(&old, &new))
}

/// Renders the report in the chosen format.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Markdown => report.to_markdown(),
        Format::Json => report.to_json(),
    }
}

/// Writes the report; a reader that went away (`| head`) is not an error.
fn write_stdout(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow!("cannot write the report: {e}"))
        }
        _ => Ok(()),
    }
}

/// `cargo xtask diff ...` (the arguments after `diff`): prints the report; exit status 1 when the
/// `--fail-on` gate trips.
pub fn run(args: &[String]) -> Result<ExitCode> {
    let Some(args) = parse_args(args)? else {
        write_stdout(&format!("{USAGE}\n"))?;
        return Ok(ExitCode::SUCCESS);
    };
    let report = report(&args.source)?;
    write_stdout(&render(&report, args.format))?;
    let tripped: Vec<&str> = report
        .tripping(args.fail_on)
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    if !tripped.is_empty() {
        eprintln!(
            "cargo xtask diff: {} change(s) trip --fail-on {}: {}",
            tripped.len(),
            args.fail_on,
            tripped.join(", ")
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Result<Option<Args>> {
        parse_args(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_two_files() {
        let a = args(&[
            "a.yaml",
            "b.yaml",
            "--format",
            "json",
            "--fail-on",
            "rust-breaking",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(
            a.source,
            Source::Files {
                old: "a.yaml".into(),
                new: "b.yaml".into()
            }
        );
        assert_eq!((a.format, a.fail_on), (Format::Json, FailOn::RustBreaking));
    }

    #[test]
    fn parses_base() {
        let a = args(&["--base", "origin/main", "--spec", "x.yaml"])
            .unwrap()
            .unwrap();
        assert_eq!(
            a.source,
            Source::Git {
                rev: "origin/main".into(),
                spec: "x.yaml".into()
            }
        );
        assert_eq!((a.format, a.fail_on), (Format::Markdown, FailOn::Never));
        let a = args(&["--base", "HEAD"]).unwrap().unwrap();
        assert!(matches!(a.source, Source::Git { spec, .. } if spec.ends_with("spec/hss.yaml")));
    }

    #[test]
    fn rejects_bad_arguments() {
        for bad in [
            &["a.yaml"][..],
            &["a.yaml", "b.yaml", "c.yaml"],
            &["--base", "HEAD", "a.yaml"],
            &["--base"],
            &["a.yaml", "b.yaml", "--format", "html"],
            &["a.yaml", "b.yaml", "--fail-on", "sometimes"],
            &["a.yaml", "b.yaml", "--spec", "c.yaml"],
            &["a.yaml", "b.yaml", "--frobnicate"],
        ] {
            assert!(args(bad).is_err(), "{bad:?}");
        }
        assert!(args(&["--help"]).unwrap().is_none());
    }

    fn root() -> PathBuf {
        crate::codegen::repo_root()
    }

    fn history() -> Source {
        Source::Files {
            old: root().join("tests/fixtures/history/hss-2025-08-15.yaml"),
            new: root().join("spec/hss.yaml"),
        }
    }

    fn strings(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn compares_two_files() {
        let r = report(&history()).unwrap();
        assert!(r.fails(FailOn::RustBreaking));
        assert!(render(&r, Format::Markdown).starts_with("## API change report"));
        let json: String = render(&r, Format::Json);
        assert!(json.trim_start().starts_with('{') && json.contains("\"changes\""));
    }

    #[test]
    fn exit_status_follows_the_gate() {
        let old = root().join("tests/fixtures/history/hss-2025-08-15.yaml");
        let new = root().join("spec/hss.yaml");
        let (old, new) = (
            old.to_string_lossy().into_owned(),
            new.to_string_lossy().into_owned(),
        );
        let run_with = |gate: &str| run(&strings(&[&old, &new, "--fail-on", gate])).unwrap();
        assert_eq!(run_with("rust-breaking"), ExitCode::from(1));
        assert_eq!(run_with("breaking"), ExitCode::from(1));
        assert_eq!(run_with("never"), ExitCode::SUCCESS);
        // The same file on both sides: nothing changes, even `any` passes.
        assert_eq!(
            run(&strings(&[&new, &new, "--fail-on", "any"])).unwrap(),
            ExitCode::SUCCESS
        );
    }

    #[test]
    fn errors_name_the_side_that_failed() {
        let good = root().join("spec/hss.yaml");
        let missing = root().join("spec/no-such-spec.yaml");
        let e = report(&Source::Files {
            old: good.clone(),
            new: missing.clone(),
        })
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("head (spec/no-such-spec.yaml): cannot read"),
            "{e}"
        );
        let e = report(&Source::Files {
            old: missing,
            new: good.clone(),
        })
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("base (spec/no-such-spec.yaml): cannot read"),
            "{e}"
        );

        let bad = std::env::temp_dir().join(format!("xtask-diff-bad-{}.yaml", std::process::id()));
        std::fs::write(&bad, "openapi: 3.0.3\ninfo: [not, a, map]\n").unwrap();
        let e = report(&Source::Files {
            old: bad.clone(),
            new: good.clone(),
        })
        .unwrap_err();
        let e2 = report(&Source::Files {
            old: good,
            new: bad.clone(),
        })
        .unwrap_err();
        let _ = std::fs::remove_file(&bad);
        assert!(e.to_string().starts_with("base ("), "{e}");
        assert!(e.to_string().contains("xtask-diff-bad-"), "{e}");
        assert!(e2.to_string().starts_with("head ("), "{e2}");
    }

    #[test]
    fn reads_the_base_from_git() {
        let e = report(&Source::Git {
            rev: "no-such-revision-for-xtask-diff".into(),
            spec: root().join("spec/hss.yaml"),
        })
        .unwrap_err();
        let e = e.to_string();
        assert!(
            e.starts_with("base (no-such-revision-for-xtask-diff:spec/hss.yaml): `git show"),
            "{e}"
        );
        assert!(report(&Source::Git {
            rev: "--output=x".into(),
            spec: root().join("spec/hss.yaml")
        })
        .is_err());
        // The history fixture is committed: it reads and lowers at HEAD.
        let r = report(&Source::Git {
            rev: "HEAD".into(),
            spec: root().join("tests/fixtures/history/hss-2025-08-15.yaml"),
        })
        .expect("git show HEAD:tests/fixtures/history/hss-2025-08-15.yaml");
        assert_eq!(r.base.crate_name, "huaweicloud-hss");
    }
}
