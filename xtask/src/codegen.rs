//! `cargo xtask codegen`: spec in, crate folder out.
//!
//! Changes only files whose content changed (unchanged files keep their modification times) and
//! removes files it no longer produces. The change is atomic: the new folder is staged next to
//! the old one and swapped in, so a failure at any point leaves the folder as it was (see
//! [`Plan::apply`]). With `--check` it writes nothing and fails with a readable diff when the
//! folder is stale. Generation happens entirely in memory first, so a failing spec leaves the
//! folder untouched.

use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, BTreeSet};
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

/// `cargo xtask codegen --help`.
pub const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--force] [--spec FILE] [--out DIR] [--crate-name NAME]
  Generate the client crate from the spec. Without --spec/--out: spec/hss.yaml -> generated/,
  then each end-to-end fixture tests/e2e/NAME.yaml -> tests/e2e/NAME/.
  --check            write nothing; fail with a diff when the output is stale
  --force            also clear out files in the output folder that the generator did not make
                     (no `@generated` header): they are moved aside to DIR.codegen-removed/
  --spec FILE        the spec (default: spec/hss.yaml)
  --out DIR          the output folder (default: generated/)
  --crate-name NAME  the Cargo package name (default: the spec's x-crate.name)
  -h, --help         this help";

struct Args {
    check: bool,
    force: bool,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
}

/// The folder of the end-to-end fixture specs: each `tests/e2e/NAME.yaml` is generated into the
/// workspace crate `tests/e2e/NAME/`, which the end-to-end tests call like a user would.
pub const E2E_DIR: &str = "tests/e2e";

/// What `cargo xtask codegen` generates when no `--spec`/`--out` is given: `spec/hss.yaml` into
/// `generated/`, then every end-to-end fixture spec into its crate folder, in name order.
pub fn default_targets() -> Result<Vec<(PathBuf, PathBuf)>> {
    let root = repo_root();
    let mut targets = vec![(root.join("spec/hss.yaml"), root.join("generated"))];
    let dir = root.join(E2E_DIR);
    let mut specs = Vec::new();
    if dir.is_dir() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))?
        {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "yaml") {
                specs.push(path);
            }
        }
    }
    specs.sort();
    for spec in specs {
        let out = spec.with_extension("");
        targets.push((spec, out));
    }
    Ok(targets)
}

/// Parses the arguments after `codegen`; `Ok(None)` means help was asked for.
fn parse_args(args: &[String]) -> Result<Option<Args>> {
    let mut parsed = Args {
        check: false,
        force: false,
        spec: None,
        out: None,
        crate_name: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .with_context(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--check" => parsed.check = true,
            "--force" => parsed.force = true,
            "--spec" => parsed.spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => parsed.out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => parsed.crate_name = Some(value("--crate-name")?),
            other => bail!("unknown argument {other:?}\n{USAGE}"),
        }
    }
    Ok(Some(parsed))
}

/// A generator error as `cargo xtask codegen` prints it: each spec error on lines of its own
/// (the caller prints the first `error: `; the others get it here), the count, and that nothing
/// was written.
fn generator_error(e: &generator::Error, out: &Path) -> anyhow::Error {
    let generator::Error::Spec(errors) = e else {
        return anyhow::anyhow!("{e}");
    };
    let listed: Vec<String> = errors
        .iter()
        .take(generator::error::MAX_REPORTED)
        .map(|e| e.to_string())
        .collect();
    let mut report = listed.join("\nerror: ");
    if errors.len() > generator::error::MAX_REPORTED {
        let more = errors.len() - generator::error::MAX_REPORTED;
        report.push_str(&format!("\n... and {more} more"));
    }
    let count = match errors.len() {
        1 => "1 error".to_string(),
        n => format!("{n} errors"),
    };
    report.push_str(&format!(
        "\nerror: {count} in the spec; nothing was written to {}",
        out.display()
    ));
    anyhow::anyhow!("{report}")
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

/// How a path appears in messages: relative to the repository when it is inside it.
fn shown(path: &Path) -> String {
    let root = repo_root();
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    // The output folder may not exist yet: canonicalize its parent.
    let abs = match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or(abs.clone()),
        _ => abs.clone(),
    };
    match abs.strip_prefix(&root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().replace('\\', "/"),
        _ => path.display().to_string(),
    }
}

/// `cargo xtask codegen ...` (the arguments after `codegen`).
pub fn run(args: &[String]) -> Result<ExitCode> {
    let Some(args) = parse_args(args)? else {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    let targets = match (&args.spec, &args.out) {
        (None, None) => default_targets()?,
        (spec, out) => {
            let root = repo_root();
            let spec = spec.clone().unwrap_or_else(|| root.join("spec/hss.yaml"));
            let out = out.clone().unwrap_or_else(|| root.join("generated"));
            vec![(spec, out)]
        }
    };
    let mut code = ExitCode::SUCCESS;
    for (spec, out) in &targets {
        if run_one(&args, spec, out)? != ExitCode::SUCCESS {
            code = ExitCode::FAILURE;
        }
    }
    Ok(code)
}

/// How many file names a summary lists before it says "and N more".
const LISTED: usize = 12;

/// `a, b, c and 3 more`: at most [`LISTED`] names.
fn name_list(names: &[String]) -> String {
    let mut s = names
        .iter()
        .take(LISTED)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > LISTED {
        s.push_str(&format!(" and {} more", names.len() - LISTED));
    }
    s
}

fn run_one(args: &Args, spec: &Path, out: &Path) -> Result<ExitCode> {
    let spec_name = display_name(spec);
    let out_name = shown(out);
    eprintln!(
        "{} {out_name}/ from {spec_name} ...",
        if args.check { "checking" } else { "generating" }
    );
    let text = std::fs::read_to_string(spec)
        .with_context(|| format!("cannot read the spec {}", spec.display()))?;
    let options = generator::Options {
        spec_name,
        crate_name: args.crate_name.clone(),
    };
    let output = generator::generate(&text, &options).map_err(|e| generator_error(&e, out))?;
    let existing = read_tree(out)?;
    let plan = Plan::new(&existing, &output.files);
    if args.check {
        if plan.is_empty() {
            println!("{out_name}/ is up to date ({} files)", output.files.len());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{out_name}/ is stale; run `cargo xtask codegen`:\n");
        eprint!("{}", plan.render_diff(&existing, &output.files));
        return Ok(ExitCode::FAILURE);
    }
    // Files the generator did not make (no header) are never deleted silently.
    let foreign = plan.foreign(&existing);
    if !foreign.is_empty() {
        if !args.force {
            eprintln!(
                "error: {out_name}/ holds {} file(s) that the generator did not make (their \
                 first line lacks the generated-file header \"{}\") and does not produce; \
                 refusing to delete:",
                foreign.len(),
                generator::emit::GENERATED_MARKER
            );
            for f in &foreign {
                eprintln!("  {out_name}/{f}");
            }
            eprintln!(
                "Move them out of {out_name}/ (generated folders hold only generator output), or \
                 run again with --force to move them aside to {out_name}.codegen-removed/. \
                 Nothing was written."
            );
            return Ok(ExitCode::FAILURE);
        }
        let to = move_aside(out, &foreign)?;
        eprintln!(
            "--force: moved aside (not generator output): {} -> {}/",
            name_list(&foreign),
            shown(&to)
        );
    }
    plan.apply(out, &output.files)?;
    let mut summary = format!("{out_name}/: {} files", output.files.len());
    if plan.is_empty() {
        summary.push_str(", up to date (nothing written)");
    } else {
        summary.push_str(&format!(", {} written", plan.write.len()));
        if !plan.write.is_empty() {
            summary.push_str(&format!(" ({})", name_list(&plan.write)));
        }
        summary.push_str(&format!(", {} removed", plan.remove.len()));
        if !plan.remove.is_empty() {
            summary.push_str(&format!(" ({})", name_list(&plan.remove)));
        }
    }
    println!("{summary}");
    Ok(ExitCode::SUCCESS)
}

/// Moves `files` (relative to `dir`) into the folder `DIR.codegen-removed/` next to `dir`,
/// keeping their relative paths; a name already taken there gets a `.1`, `.2`, ... suffix.
/// Returns that folder.
fn move_aside(dir: &Path, files: &[String]) -> Result<PathBuf> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    let aside = dir.with_file_name(format!("{name}.codegen-removed"));
    for rel in files {
        let from = dir.join(rel);
        let mut to = aside.join(rel);
        let mut n = 1;
        while to.exists() {
            to = aside.join(format!("{rel}.{n}"));
            n += 1;
        }
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::rename(&from, &to)
            .with_context(|| format!("cannot move {} to {}", from.display(), to.display()))?;
    }
    Ok(aside)
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

    /// The files this plan removes that the generator did not make: their first line lacks
    /// the generated-file header ([`generator::emit::is_generated`]).
    pub fn foreign(&self, existing: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
        self.remove
            .iter()
            .filter(|p| {
                existing
                    .get(*p)
                    .is_some_and(|c| !generator::emit::is_generated(c))
            })
            .cloned()
            .collect()
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

    /// Makes the folder match the output, all at once or not at all.
    ///
    /// The whole new folder is staged next to `dir` (unchanged files are hard-linked, so they keep
    /// their modification times), what is not ours (`target/`, `Cargo.lock`) is moved into it, and
    /// then two renames swap it in. When any step fails, the steps done so far are undone and
    /// `dir` is as it was; nothing is half-written.
    pub fn apply(&self, dir: &Path, wanted: &BTreeMap<String, String>) -> Result<()> {
        self.apply_with(dir, wanted, &mut |_| Ok(()))
    }

    /// [`Plan::apply`], calling `fault` before each step so tests can make any step fail.
    #[doc(hidden)]
    pub fn apply_with(
        &self,
        dir: &Path,
        wanted: &BTreeMap<String, String>,
        fault: &mut dyn FnMut(Step) -> std::io::Result<()>,
    ) -> Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        // Swap the real folder when `dir` is a symbolic link to it.
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let stage = make_unique_dir(&dir, "codegen-stage")?;
        let result = stage_and_swap(&dir, &stage, wanted, fault);
        if result.is_err() {
            // The staging folder holds nothing of the user's once the foreign entries are back.
            let _ = std::fs::remove_dir_all(&stage);
        }
        result
    }
}

/// The steps of [`Plan::apply`], for fault injection in tests.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Staging the n-th file (in path order): checked for every file before any is written.
    Stage(usize),
    /// Moving a foreign entry (`target/`, `Cargo.lock`) into the staging folder.
    MoveForeign,
    /// Renaming the old folder out of the way.
    SetAside,
    /// Renaming the staging folder into place.
    SwapIn,
}

/// A new, empty folder next to `dir`, named after it (`.generated.codegen-stage-1234-0`). Names
/// already taken (by anything) are skipped.
fn make_unique_dir(dir: &Path, what: &str) -> Result<PathBuf> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    let parent = dir.parent().unwrap_or(Path::new("."));
    for n in 0..1000 {
        let candidate = parent.join(unique_name(&name, what, n));
        match std::fs::create_dir(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(e).with_context(|| format!("cannot create {}", candidate.display()))
            }
        }
    }
    bail!(
        "cannot find a free name next to {} for the {what} folder",
        dir.display()
    )
}

/// The name of the `n`-th candidate for a helper folder next to the output folder `name`.
#[doc(hidden)]
pub fn unique_name(name: &str, what: &str, n: u32) -> String {
    format!(".{name}.{what}-{}-{n}", std::process::id())
}

/// Entries of `dir` that are not generator output and must survive the swap: build output
/// (`target` folders at any depth) and the root `Cargo.lock`. Relative paths.
fn foreign_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    if !dir.exists() {
        return Ok(found);
    }
    if dir.join("Cargo.lock").is_file() {
        found.push(PathBuf::from("Cargo.lock"));
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in
            std::fs::read_dir(&d).with_context(|| format!("cannot list {}", d.display()))?
        {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                let rel = entry.path().strip_prefix(dir)?.to_path_buf();
                if entry.file_name() == "target" {
                    found.push(rel);
                } else {
                    stack.push(entry.path());
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

fn stage_and_swap(
    dir: &Path,
    stage: &Path,
    wanted: &BTreeMap<String, String>,
    fault: &mut dyn FnMut(Step) -> std::io::Result<()>,
) -> Result<()> {
    // 1. The complete new folder, in the staging folder. `dir` is not touched. The folders
    // first, then the files, written on all cores (the kernel's file creation is most of the
    // cost of a large output); the error reported is the first in path order.
    let files: Vec<(&String, &String)> = wanted.iter().collect();
    let mut parents = BTreeSet::new();
    for (i, (path, _)) in files.iter().enumerate() {
        let target = stage.join(path);
        if let Some(parent) = target.parent() {
            if parents.insert(parent.to_path_buf()) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
        }
        fault(Step::Stage(i)).with_context(|| format!("cannot write {}", target.display()))?;
    }
    let write = |(path, contents): &(&String, &String)| -> Result<()> {
        let target = stage.join(path);
        let old = dir.join(path);
        let unchanged = std::fs::read(&old).is_ok_and(|b| b == contents.as_bytes());
        if !(unchanged && std::fs::hard_link(&old, &target).is_ok()) {
            std::fs::write(&target, contents)
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
        Ok(())
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, files.len().max(1));
    let chunk = files.len().div_ceil(threads).max(1);
    let results: Vec<Result<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().try_for_each(write)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a writer thread panicked")))
            })
            .collect()
    });
    results.into_iter().collect::<Result<()>>()?;
    // 2. What is not ours moves into the new folder.
    let foreign = foreign_entries(dir)?;
    let mut moved: Vec<&PathBuf> = Vec::new();
    let undo_moves = |moved: &[&PathBuf]| {
        for rel in moved.iter().rev() {
            let _ = std::fs::rename(stage.join(rel), dir.join(rel));
        }
    };
    for rel in &foreign {
        let to = stage.join(rel);
        let step = (|| {
            fault(Step::MoveForeign)?;
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(dir.join(rel), &to)
        })();
        if let Err(e) = step {
            undo_moves(&moved);
            return Err(e).with_context(|| format!("cannot move {}", dir.join(rel).display()));
        }
        moved.push(rel);
    }
    // 3. Swap: the old folder out of the way, the new one in.
    let aside = if dir.exists() {
        let aside = match make_unique_dir(dir, "codegen-old") {
            Ok(a) => a,
            Err(e) => {
                undo_moves(&moved);
                return Err(e);
            }
        };
        // `aside` was created only to find a free name: renaming onto a folder is not portable.
        let step = fault(Step::SetAside)
            .and_then(|()| std::fs::remove_dir(&aside))
            .and_then(|()| std::fs::rename(dir, &aside));
        if let Err(e) = step {
            let _ = std::fs::remove_dir(&aside);
            undo_moves(&moved);
            return Err(e).with_context(|| format!("cannot move {} aside", dir.display()));
        }
        Some(aside)
    } else {
        None
    };
    let step = fault(Step::SwapIn).and_then(|()| std::fs::rename(stage, dir));
    if let Err(e) = step {
        let mut message = format!("cannot move the new output into {}: {e}", dir.display());
        if let Some(aside) = &aside {
            if let Err(back) = std::fs::rename(aside, dir) {
                message.push_str(&format!(
                    "; and cannot move the old output back from {}: {back} (it is intact there)",
                    aside.display()
                ));
                return Err(anyhow::anyhow!(message));
            }
        }
        undo_moves(&moved);
        bail!("{message}; the output folder is unchanged");
    }
    // 4. The old folder goes. Failing that is only untidy: the output is complete.
    if let Some(aside) = aside {
        if let Err(e) = std::fs::remove_dir_all(&aside) {
            eprintln!(
                "warning: cannot remove the previous output, set aside at {}: {e}",
                aside.display()
            );
        }
    }
    Ok(())
}
