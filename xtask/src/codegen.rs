//! `cargo xtask codegen`: spec in, crate folder out.
//!
//! Writes only files whose content changed and removes files it no longer produces. With
//! `--check` it writes nothing and fails with a readable diff when the folder is stale. Generation
//! happens entirely in memory first, so a failing spec leaves the folder untouched.

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The repository root: the parent of the folder of the crate being run. Cargo sets
/// `CARGO_MANIFEST_DIR` when it runs `cargo xtask` (this crate) or the tests (the `tests` crate,
/// also one level below the root); the value baked in at build time is the fallback.
pub fn repo_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

struct Args {
    check: bool,
    spec: PathBuf,
    out: PathBuf,
    crate_name: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Args> {
    let root = repo_root();
    let mut parsed = Args {
        check: false,
        spec: root.join("spec/hss.yaml"),
        out: root.join("generated"),
        crate_name: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .with_context(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--spec" => parsed.spec = PathBuf::from(value("--spec")?),
            "--out" => parsed.out = PathBuf::from(value("--out")?),
            "--crate-name" => parsed.crate_name = Some(value("--crate-name")?),
            other => bail!("unknown argument {other:?} (see `cargo xtask --help`)"),
        }
    }
    Ok(parsed)
}

/// How a spec path appears in headers and messages: relative to the repository when it is inside
/// it, so no absolute path reaches the output.
pub fn display_name(spec: &Path) -> String {
    let root = repo_root();
    let abs = std::fs::canonicalize(spec).unwrap_or_else(|_| spec.to_path_buf());
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    match abs.strip_prefix(&root) {
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => spec
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| spec.display().to_string()),
    }
}

pub fn run(args: &[String]) -> Result<ExitCode> {
    let args = parse_args(args)?;
    let spec_name = display_name(&args.spec);
    let text = std::fs::read_to_string(&args.spec)
        .with_context(|| format!("cannot read the spec {}", args.spec.display()))?;
    let options = generator::Options {
        spec_name,
        crate_name: args.crate_name.clone(),
    };
    let output = generator::generate(&text, &options).map_err(|e| anyhow::anyhow!("{e}"))?;
    let existing = read_tree(&args.out)?;
    let plan = Plan::new(&existing, &output.files);
    if args.check {
        if plan.is_empty() {
            println!(
                "{} is up to date ({} files)",
                args.out.display(),
                output.files.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "{} is stale; run `cargo xtask codegen`:\n",
            args.out.display()
        );
        eprint!("{}", plan.render_diff(&existing, &output.files));
        return Ok(ExitCode::FAILURE);
    }
    plan.apply(&args.out, &output.files)?;
    println!(
        "{}: {} files, {} written, {} removed",
        args.out.display(),
        output.files.len(),
        plan.write.len(),
        plan.remove.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Every file under `dir` (relative path -> contents), skipping build output. A missing folder
/// is empty.
pub fn read_tree(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return Ok(files);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in
            std::fs::read_dir(&d).with_context(|| format!("cannot list {}", d.display()))?
        {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name();
            if entry.file_type()?.is_dir() {
                if name != "target" {
                    stack.push(path);
                }
                continue;
            }
            // Cargo.lock is cargo's, not ours: a user building the crate alone gets one.
            if d == dir && name == "Cargo.lock" {
                continue;
            }
            let rel = path.strip_prefix(dir)?.to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read(&path)?);
        }
    }
    Ok(files)
}

/// What it takes to make the folder match the output.
pub struct Plan {
    pub write: Vec<String>,
    pub remove: Vec<String>,
}

impl Plan {
    pub fn new(existing: &BTreeMap<String, Vec<u8>>, wanted: &BTreeMap<String, String>) -> Self {
        let write = wanted
            .iter()
            .filter(|(p, c)| existing.get(*p).map(Vec::as_slice) != Some(c.as_bytes()))
            .map(|(p, _)| p.clone())
            .collect();
        let remove = existing
            .keys()
            .filter(|p| !wanted.contains_key(*p))
            .cloned()
            .collect();
        Plan { write, remove }
    }

    pub fn is_empty(&self) -> bool {
        self.write.is_empty() && self.remove.is_empty()
    }

    /// A unified diff per stale file.
    pub fn render_diff(
        &self,
        existing: &BTreeMap<String, Vec<u8>>,
        wanted: &BTreeMap<String, String>,
    ) -> String {
        let mut out = String::new();
        for path in &self.write {
            let old = existing
                .get(path)
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default();
            let new = &wanted[path];
            let diff = similar::TextDiff::from_lines(old.as_str(), new.as_str());
            let label = if existing.contains_key(path) {
                "changed"
            } else {
                "missing"
            };
            out.push_str(&format!("--- {path} ({label})\n"));
            out.push_str(
                &diff
                    .unified_diff()
                    .context_radius(2)
                    .header(&format!("a/{path}"), &format!("b/{path}"))
                    .to_string(),
            );
        }
        for path in &self.remove {
            out.push_str(&format!(
                "--- {path} (no longer generated: would be removed)\n"
            ));
        }
        out
    }

    /// Writes changed files (each through a temporary file and a rename) and removes stale ones.
    pub fn apply(&self, dir: &Path, wanted: &BTreeMap<String, String>) -> Result<()> {
        for path in &self.write {
            let target = dir.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            let tmp = target.with_extension("codegen-tmp");
            std::fs::write(&tmp, &wanted[path])
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            std::fs::rename(&tmp, &target)
                .with_context(|| format!("cannot replace {}", target.display()))?;
        }
        for path in &self.remove {
            let target = dir.join(path);
            std::fs::remove_file(&target)
                .with_context(|| format!("cannot remove {}", target.display()))?;
            // Remove folders left empty.
            let mut parent = target.parent();
            while let Some(p) = parent {
                if p == dir || std::fs::remove_dir(p).is_err() {
                    break;
                }
                parent = p.parent();
            }
        }
        Ok(())
    }
}
