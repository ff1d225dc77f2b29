//! `cargo xtask bench`: whole-process measurements of the generator and of the crate it generates,
//! side by side with progenitor when `cargo-progenitor` is installed.
//!
//! - `gen`: wall time and peak memory of one generation, as a separate process per run (the
//!   release build of this xtask, `codegen --spec F --out DIR`, into a new folder each run; the
//!   folders are removed after the last run of a spec, not between runs, because on ext4 creating
//!   files just after deleting many is several times slower).
//! - `size`: generated lines per operation.
//! - `build`: cold build of the generated crate with its dependencies (fresh target folder, the
//!   crate copied out of the workspace), a crate-only rebuild after touching `src/lib.rs`
//!   (without incremental compilation), and an incremental rebuild after touching it again.
//!
//! The inputs are `spec/hss.yaml` and the large spec that `tests/large/make_spec.py` writes
//! (582 operations unless `--ops` says otherwise), or the specs given with `--spec`. Both tools
//! read the same YAML file (progenitor 0.15 reads YAML as well as JSON, so neither is spared the
//! parsing). Our runs and progenitor's alternate, so that both see the same load. Figures are
//! medians over `--runs`.
//!
//! Peak memory is the maximum resident set size that the kernel reports for the process when it
//! is reaped (`wait4`), which covers the process and the descendants it waited for: for a build,
//! the largest single `rustc`, not the sum of concurrent ones. This is what `/usr/bin/time -v`
//! reports as "Maximum resident set size". It is read through a direct `wait4` declaration rather
//! than the `libc` crate, to keep the xtask's dependencies as they are.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::codegen::repo_root;

const USAGE: &str = "\
usage:
  cargo xtask bench gen   [--spec FILE]... [--runs N] [--ops N] [--constructs SET] [--no-progenitor]
  cargo xtask bench size  [--spec FILE]... [--ops N] [--constructs SET] [--no-progenitor]
  cargo xtask bench build [--spec FILE]... [--runs N] [--ops N] [--constructs SET] [--release]
                          [--no-tls] [--timings] [--keep] [--no-progenitor]
Without --spec: spec/hss.yaml and the large spec of tests/large/make_spec.py (--ops operations,
default 582, with --constructs, default basic). Runs: 10 for gen, 1 for build. --no-tls builds
our crate without its TLS backend (`--no-default-features --features transport`): the dependency
set of progenitor's crate, whose reqwest has no TLS.";

struct Args {
    command: String,
    specs: Vec<PathBuf>,
    runs: Option<usize>,
    ops: usize,
    constructs: String,
    release: bool,
    no_tls: bool,
    timings: bool,
    keep: bool,
    progenitor: bool,
}

/// Parses the arguments after `bench`; `Ok(None)` means help was asked for.
fn parse_args(args: &[String]) -> Result<Option<Args>> {
    if args.iter().any(|a| a == "-h" || a == "--help") || args.first().is_some_and(|a| a == "help")
    {
        return Ok(None);
    }
    let Some(command) = args.first() else {
        bail!("missing subcommand\n{USAGE}")
    };
    if !matches!(command.as_str(), "gen" | "size" | "build") {
        bail!("unknown subcommand {command:?}\n{USAGE}");
    }
    let mut parsed = Args {
        command: command.clone(),
        specs: Vec::new(),
        runs: None,
        ops: 582,
        constructs: "basic".into(),
        release: false,
        no_tls: false,
        timings: false,
        keep: false,
        progenitor: true,
    };
    let mut it = args[1..].iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .cloned()
                .with_context(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "--spec" => parsed.specs.push(PathBuf::from(value("--spec")?)),
            "--runs" => {
                let n: usize = value("--runs")?.parse().context("--runs takes a number")?;
                if n == 0 {
                    bail!("--runs must be at least 1");
                }
                parsed.runs = Some(n);
            }
            "--ops" => parsed.ops = value("--ops")?.parse().context("--ops takes a number")?,
            "--constructs" => parsed.constructs = value("--constructs")?,
            "--release" => parsed.release = true,
            "--no-tls" => parsed.no_tls = true,
            "--timings" => parsed.timings = true,
            "--keep" => parsed.keep = true,
            "--no-progenitor" => parsed.progenitor = false,
            other => bail!("unknown argument {other:?}\n{USAGE}"),
        }
    }
    Ok(Some(parsed))
}

pub fn run(args: &[String]) -> Result<ExitCode> {
    // Internal: counts a spec's operations in a separate process (see `operations_of`).
    if let [cmd, file] = args {
        if cmd == "count-operations" {
            println!("{}", count_operations_in(Path::new(file))?);
            return Ok(ExitCode::SUCCESS);
        }
    }
    let Some(args) = parse_args(args)? else {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    let scratch = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)
        .with_context(|| format!("cannot create {}", scratch.display()))?;
    let result = run_in(&args, &scratch);
    if args.keep {
        eprintln!("kept {}", scratch.display());
    } else {
        let _ = std::fs::remove_dir_all(&scratch);
    }
    result.map(|()| ExitCode::SUCCESS)
}

fn run_in(args: &Args, scratch: &Path) -> Result<()> {
    let progenitor = if args.progenitor {
        find_on_path("cargo-progenitor")
    } else {
        None
    };
    println!("{}", machine());
    match &progenitor {
        Some(p) => println!("progenitor: {} ({})", p.display(), progenitor_version(p)),
        None if !args.progenitor => println!("progenitor: not compared (--no-progenitor)"),
        None => println!("progenitor: not compared (cargo-progenitor is not on PATH)"),
    }
    let inputs = inputs(args, scratch)?;
    let tools = Tools {
        ours: release_xtask()?,
        progenitor,
    };
    match args.command.as_str() {
        "gen" => bench_gen(&tools, &inputs, args.runs.unwrap_or(10), scratch),
        "size" => bench_size(&tools, &inputs, scratch),
        _ => bench_build(&tools, &inputs, args, scratch),
    }
}

struct Tools {
    ours: PathBuf,
    progenitor: Option<PathBuf>,
}

/// One spec to measure on.
struct Input {
    label: String,
    yaml: PathBuf,
    operations: usize,
}

fn inputs(args: &Args, scratch: &Path) -> Result<Vec<Input>> {
    let mut specs: Vec<(String, PathBuf)> = args
        .specs
        .iter()
        .map(|s| (crate::codegen::display_name(s), s.clone()))
        .collect();
    if specs.is_empty() {
        let root = repo_root();
        specs.push(("spec/hss.yaml".into(), root.join("spec/hss.yaml")));
        let large = scratch.join(format!("large-{}.yaml", args.ops));
        let status = Command::new("python3")
            .arg(root.join("tests/large/make_spec.py"))
            .args(["--ops", &args.ops.to_string()])
            .args(["--constructs", &args.constructs])
            .arg("--out")
            .arg(&large)
            .status()
            .context("cannot run python3 (needed for tests/large/make_spec.py)")?;
        if !status.success() {
            bail!("tests/large/make_spec.py failed ({status})");
        }
        specs.push((
            format!(
                "large spec (tests/large/make_spec.py --ops {} --constructs {})",
                args.ops, args.constructs
            ),
            large,
        ));
    }
    let mut out = Vec::new();
    for (label, yaml) in specs {
        let operations = operations_of(&yaml)?;
        out.push(Input {
            label,
            yaml,
            operations,
        });
    }
    Ok(out)
}

/// The number of operations of a spec, counted by a child process (this program again): parsing a
/// large document here would raise this process's peak memory, and a child's reported peak is
/// never below its parent's at the time it was started (Linux carries the high-water mark of the
/// parent's memory over `fork`/`exec`). Measuring stays accurate only while this process stays
/// smaller than what it measures; `measure` checks that.
fn operations_of(spec: &Path) -> Result<usize> {
    let exe = std::env::current_exe().context("cannot find the running program")?;
    let out = Command::new(exe)
        .args(["bench", "count-operations"])
        .arg(spec)
        .stderr(Stdio::inherit())
        .output()
        .context("cannot count the operations")?;
    if !out.status.success() {
        bail!("cannot count the operations of {}", spec.display());
    }
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .context("unexpected operation count")
}

fn count_operations_in(spec: &Path) -> Result<usize> {
    let text =
        std::fs::read_to_string(spec).with_context(|| format!("cannot read {}", spec.display()))?;
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&text).with_context(|| format!("{} is not YAML", spec.display()))?;
    Ok(count_operations(&doc))
}

fn count_operations(doc: &serde_yaml::Value) -> usize {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    doc.get("paths")
        .and_then(|p| p.as_mapping())
        .map(|paths| {
            paths
                .values()
                .map(|item| METHODS.iter().filter(|m| item.get(**m).is_some()).count())
                .sum()
        })
        .unwrap_or(0)
}

// ----- the tools -------------------------------------------------------------------------------

/// Builds this xtask in release mode and returns the path of its executable.
fn release_xtask() -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("building the release generator (cargo build --release -p xtask) ...");
    let out = Command::new(cargo)
        .current_dir(repo_root())
        .args(["build", "--release", "-p", "xtask", "--message-format=json"])
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run cargo")?;
    if !out.status.success() {
        bail!("cargo build --release -p xtask failed");
    }
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if msg["reason"] == "compiler-artifact" && msg["target"]["name"] == "xtask" {
            if let Some(exe) = msg["executable"].as_str() {
                return Ok(PathBuf::from(exe));
            }
        }
    }
    bail!("cargo did not report the xtask executable")
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn progenitor_version(exe: &Path) -> String {
    // `cargo install` records the version in the binary's crate metadata only; ask cargo.
    let out = Command::new("cargo").args(["install", "--list"]).output();
    let listed = out
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    listed
        .lines()
        .find(|l| l.starts_with("cargo-progenitor "))
        .map(|l| l.trim_end_matches(':').to_string())
        .unwrap_or_else(|| exe.display().to_string())
}

/// The command that generates a crate from `input` into `out` with the tool `which`.
fn generate_command(tools: &Tools, which: Tool, input: &Input, out: &Path) -> Command {
    match which {
        Tool::Ours => {
            let mut c = Command::new(&tools.ours);
            c.arg("codegen")
                .arg("--spec")
                .arg(&input.yaml)
                .arg("--out")
                .arg(out);
            c
        }
        Tool::Progenitor => {
            let mut c = Command::new(tools.progenitor.as_ref().expect("progenitor"));
            c.arg("progenitor")
                .arg("-i")
                .arg(&input.yaml)
                .arg("-o")
                .arg(out)
                .args(["-n", "bench-progenitor", "-v", "0.1.0"]);
            c
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tool {
    Ours,
    Progenitor,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Tool::Ours => "ours",
            Tool::Progenitor => "progenitor",
        }
    }
}

fn tools_of(tools: &Tools) -> Vec<Tool> {
    let mut v = vec![Tool::Ours];
    if tools.progenitor.is_some() {
        v.push(Tool::Progenitor);
    }
    v
}

// ----- gen -------------------------------------------------------------------------------------

fn bench_gen(tools: &Tools, inputs: &[Input], runs: usize, scratch: &Path) -> Result<()> {
    println!("\ngeneration, whole process, median of {runs} runs (after one warm-up run each)");
    for input in inputs {
        println!("\n{} ({} operations)", input.label, input.operations);
        let which = tools_of(tools);
        let mut samples: Vec<Vec<Measured>> = vec![Vec::new(); which.len()];
        for run in 0..=runs {
            for (t, tool) in which.iter().enumerate() {
                // A folder of its own per run, all removed after the last run: on ext4, files
                // created right after many were deleted are slow to create (the inode allocator
                // skips recently freed inodes), which would charge the previous run's clean-up
                // to the tool that writes many files.
                let out = scratch.join(format!("gen-{}-{run}", tool.name()));
                let m = measure(
                    generate_command(tools, *tool, input, &out),
                    &scratch.join("gen.log"),
                )
                .with_context(|| format!("{} failed on {}", tool.name(), input.label))?;
                if run > 0 {
                    samples[t].push(m);
                }
            }
        }
        for run in 0..=runs {
            for tool in &which {
                let _ = std::fs::remove_dir_all(scratch.join(format!("gen-{}-{run}", tool.name())));
            }
        }
        let summaries: Vec<Summary> = samples.iter().map(|s| Summary::of(s)).collect();
        for (tool, s) in which.iter().zip(&summaries) {
            println!(
                "  {:<11} {:>9} median (min {}, max {}), CPU {} median, peak memory {} median ({} max)",
                tool.name(),
                fmt_duration(s.wall),
                fmt_duration(s.wall_min),
                fmt_duration(s.wall_max),
                s.cpu.map_or("unknown".to_string(), fmt_duration),
                fmt_mib(s.rss),
                fmt_mib(s.rss_max),
            );
        }
        if let [ours, theirs] = summaries.as_slice() {
            let cpu = match (ours.cpu, theirs.cpu) {
                (Some(a), Some(b)) if !b.is_zero() => {
                    format!(", CPU {:.2}", a.as_secs_f64() / b.as_secs_f64())
                }
                _ => String::new(),
            };
            println!(
                "  ratio       ours/progenitor: time {:.2}{cpu}, memory {:.2}",
                ours.wall.as_secs_f64() / theirs.wall.as_secs_f64(),
                ratio(ours.rss, theirs.rss),
            );
        }
    }
    Ok(())
}

// ----- size ------------------------------------------------------------------------------------

fn bench_size(tools: &Tools, inputs: &[Input], scratch: &Path) -> Result<()> {
    println!("\ngenerated Rust code (lines of .rs files, blank lines and comments included)");
    for input in inputs {
        println!("\n{} ({} operations)", input.label, input.operations);
        let ops = input.operations.max(1) as f64;
        for tool in tools_of(tools) {
            let out = scratch.join(format!("size-{}", tool.name()));
            let _ = std::fs::remove_dir_all(&out);
            measure(
                generate_command(tools, tool, input, &out),
                &scratch.join("size.log"),
            )
            .with_context(|| format!("{} failed on {}", tool.name(), input.label))?;
            let files = rust_files(&out)?;
            let count = |keep: &dyn Fn(&str) -> bool| -> (usize, usize) {
                files
                    .iter()
                    .filter(|(p, _)| keep(p))
                    .fold((0, 0), |(n, l), (_, lines)| (n + 1, l + lines))
            };
            let (n_all, all) = count(&|_| true);
            let (n_src, src) = count(&|p| !p.starts_with("examples/"));
            let (n_core, core) =
                count(&|p| !p.starts_with("examples/") && !p.starts_with("src/runtime/"));
            println!("  {}:", tool.name());
            for (what, n, lines) in [
                ("all .rs files", n_all, all),
                ("without examples/", n_src, src),
                ("without examples/ and src/runtime/", n_core, core),
            ] {
                println!(
                    "    {what:<36} {lines:>8} lines in {n:>4} files, {:>7.1} per operation",
                    lines as f64 / ops
                );
            }
        }
    }
    Ok(())
}

/// Every `.rs` file under `dir` (relative path with `/`, line count), skipping `target/`.
fn rust_files(dir: &Path) -> Result<Vec<(String, usize)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in
            std::fs::read_dir(&d).with_context(|| format!("cannot list {}", d.display()))?
        {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                if entry.file_name() != "target" {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path)?;
                let rel = path.strip_prefix(dir)?.to_string_lossy().replace('\\', "/");
                out.push((rel, text.lines().count()));
            }
        }
    }
    out.sort();
    Ok(out)
}

// ----- build -----------------------------------------------------------------------------------

/// The builds of one run, in order, each with its `CARGO_INCREMENTAL` (None: cargo's default).
/// The cold build uses cargo's default, as a user's first build does. A touched file whose
/// content did not change costs little with incremental compilation, so the crate-only figure is
/// taken without it: it is the cost of compiling the crate alone.
const PHASES: [(&str, Option<bool>); 3] = [
    ("cold", None),
    ("crate-only", Some(false)),
    ("incremental", None),
];

fn bench_build(tools: &Tools, inputs: &[Input], args: &Args, scratch: &Path) -> Result<()> {
    let runs = args.runs.unwrap_or(1);
    let profile = if args.release { "release" } else { "dev" };
    println!(
        "\nbuild of the generated crate (`cargo build`, {profile} profile, {features}), \
         median of {runs} run(s)",
        features = if args.no_tls {
            "ours without TLS: --no-default-features --features transport"
        } else {
            "default features"
        }
    );
    println!("  cold: fresh target folder, dependencies included (downloads done before timing)");
    println!(
        "  crate-only: `src/lib.rs` touched, the crate compiled again without incremental reuse \
         (CARGO_INCREMENTAL=0)"
    );
    println!(
        "  incremental: `src/lib.rs` touched again, cargo's default (incremental in dev builds)"
    );
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    for input in inputs {
        println!("\n{} ({} operations)", input.label, input.operations);
        let which = tools_of(tools);
        let mut crates = Vec::new();
        for tool in &which {
            let dir = scratch.join(format!("crate-{}", tool.name()));
            let _ = std::fs::remove_dir_all(&dir);
            measure(
                generate_command(tools, *tool, input, &dir),
                &scratch.join("gen.log"),
            )
            .with_context(|| format!("{} failed on {}", tool.name(), input.label))?;
            // Our crate builds against the workspace's lock file, as CI builds it when vendored;
            // progenitor's gets a fresh one. Either way everything is downloaded before timing.
            let lock = repo_root().join("Cargo.lock");
            if *tool == Tool::Ours && lock.exists() {
                std::fs::copy(&lock, dir.join("Cargo.lock"))?;
            }
            let mut fetch = Command::new(&cargo);
            fetch.current_dir(&dir).arg("fetch");
            measure(fetch, &scratch.join("fetch.log"))
                .with_context(|| format!("cargo fetch failed for {}'s crate", tool.name()))?;
            crates.push(dir);
        }
        // phases[p][t]: the runs of phase p for tool t.
        let mut phases: Vec<Vec<Vec<Measured>>> = vec![vec![Vec::new(); which.len()]; PHASES.len()];
        for run in 0..runs {
            for (t, tool) in which.iter().enumerate() {
                let target = scratch.join(format!("target-{}-{run}", tool.name()));
                let _ = std::fs::remove_dir_all(&target);
                for (p, (phase, incremental)) in PHASES.iter().enumerate() {
                    if p > 0 {
                        touch(&crates[t].join("src/lib.rs"))?;
                    }
                    let mut c = Command::new(&cargo);
                    c.current_dir(&crates[t])
                        .env("CARGO_TARGET_DIR", &target)
                        .env_remove("CARGO_BUILD_TARGET_DIR")
                        .args(["build", "--offline"]);
                    match incremental {
                        Some(on) => c.env("CARGO_INCREMENTAL", if *on { "1" } else { "0" }),
                        None => c.env_remove("CARGO_INCREMENTAL"),
                    };
                    if args.release {
                        c.arg("--release");
                    }
                    if args.no_tls && *tool == Tool::Ours {
                        c.args(["--no-default-features", "--features", "transport"]);
                    }
                    if args.timings {
                        c.arg("--timings");
                    }
                    let log = scratch.join(format!("build-{}.log", tool.name()));
                    let m = measure(c, &log).with_context(|| {
                        format!("{phase} build of {}'s crate failed", tool.name())
                    })?;
                    eprintln!(
                        "  run {}: {} {phase} {} ({} peak)",
                        run + 1,
                        tool.name(),
                        fmt_minutes(m.wall),
                        fmt_mib(m.max_rss_kib)
                    );
                    phases[p][t].push(m);
                    if args.timings {
                        keep_timings(&target, scratch, tool.name(), phase, run)?;
                    }
                }
                if !args.keep {
                    let _ = std::fs::remove_dir_all(&target);
                }
            }
        }
        let summaries: Vec<Vec<Summary>> = phases
            .iter()
            .map(|per_tool| per_tool.iter().map(|s| Summary::of(s)).collect())
            .collect();
        for (t, tool) in which.iter().enumerate() {
            let cells: Vec<String> = PHASES
                .iter()
                .zip(&summaries)
                .map(|((phase, _), s)| {
                    format!(
                        "{phase} {} ({} peak)",
                        fmt_minutes(s[t].wall),
                        fmt_mib(s[t].rss)
                    )
                })
                .collect();
            println!("  {:<11} {}", tool.name(), cells.join(", "));
        }
        if which.len() == 2 {
            let cells: Vec<String> = PHASES
                .iter()
                .zip(&summaries)
                .map(|((phase, _), s)| {
                    format!(
                        "{phase} {:.2}",
                        s[0].wall.as_secs_f64() / s[1].wall.as_secs_f64()
                    )
                })
                .collect();
            println!(
                "  ratio       ours/progenitor: {}, cold peak memory {:.2}",
                cells.join(", "),
                ratio(summaries[0][0].rss, summaries[0][1].rss),
            );
        }
    }
    if args.timings {
        println!("\n--timings reports: {}", scratch.join("timings").display());
    }
    Ok(())
}

/// Copies the `cargo --timings` report out of a target folder that is about to be removed.
fn keep_timings(target: &Path, scratch: &Path, tool: &str, what: &str, run: usize) -> Result<()> {
    let from = target.join("cargo-timings/cargo-timing.html");
    let dir = scratch.join("timings");
    std::fs::create_dir_all(&dir)?;
    if from.exists() {
        std::fs::copy(&from, dir.join(format!("{tool}-{what}-{}.html", run + 1)))?;
    }
    Ok(())
}

fn touch(path: &Path) -> Result<()> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    file.set_modified(std::time::SystemTime::now())
        .with_context(|| format!("cannot touch {}", path.display()))?;
    Ok(())
}

// ----- measuring -------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
struct Measured {
    wall: Duration,
    /// Peak resident set size in KiB, when the platform reports it.
    max_rss_kib: Option<u64>,
    /// User plus system CPU time of the process and the children it waited for, when the
    /// platform reports it: on a shared machine it varies far less with the load than wall time.
    cpu: Option<Duration>,
}

/// Runs `command` to completion, its output going to `log`; fails when it fails.
fn measure(mut command: Command, log: &Path) -> Result<Measured> {
    let file = std::fs::File::create(log)?;
    command
        .stdin(Stdio::null())
        .stdout(file.try_clone()?)
        .stderr(file);
    let floor = own_peak_kib();
    let start = Instant::now();
    let child = command
        .spawn()
        .with_context(|| format!("cannot start {:?}", command.get_program()))?;
    let (status, max_rss_kib, cpu) = wait::wait(child)?;
    let wall = start.elapsed();
    if !status.success() {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        bail!("{command:?} exited with {status}:\n{}", tail.join("\n"));
    }
    // A figure at or below this process's own peak may be that peak, inherited: unknown.
    let max_rss_kib = max_rss_kib.filter(|&k| match floor {
        Some(f) => k > f,
        None => true,
    });
    Ok(Measured {
        wall,
        max_rss_kib,
        cpu,
    })
}

/// This process's peak resident set size (`VmHWM`), in KiB, where `/proc` has it.
fn own_peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
mod wait {
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Child, ExitStatus};
    use std::time::Duration;

    /// `struct rusage` on 64-bit Linux: two `timeval`s (two `long`s each), then 14 `long`s, of
    /// which `ru_maxrss` (KiB) is the first.
    #[repr(C)]
    struct Rusage {
        utime: [i64; 2],
        stime: [i64; 2],
        maxrss: i64,
        rest: [i64; 13],
    }

    extern "C" {
        fn wait4(pid: i32, status: *mut i32, options: i32, rusage: *mut Rusage) -> i32;
    }

    /// Waits for `child` and returns its exit status, peak RSS and CPU time (user plus system).
    /// The child is reaped here, not through `Child::wait` (which would discard the resource
    /// usage).
    pub fn wait(child: Child) -> std::io::Result<(ExitStatus, Option<u64>, Option<Duration>)> {
        let pid = child.id() as i32;
        let mut status = 0i32;
        let mut usage = Rusage {
            utime: [0; 2],
            stime: [0; 2],
            maxrss: 0,
            rest: [0; 13],
        };
        loop {
            // SAFETY: `status` and `usage` are valid, writable and live for the call; `usage`
            // has the layout of `struct rusage` on this target; `pid` is our unreaped child.
            let r = unsafe { wait4(pid, &mut status, 0, &mut usage) };
            if r == pid {
                break;
            }
            let err = std::io::Error::last_os_error();
            if err.kind() != std::io::ErrorKind::Interrupted {
                return Err(err);
            }
        }
        drop(child);
        let time = |[secs, micros]: [i64; 2]| {
            Some(
                Duration::from_secs(u64::try_from(secs).ok()?)
                    + Duration::from_micros(u64::try_from(micros).ok()?),
            )
        };
        let cpu = time(usage.utime).zip(time(usage.stime)).map(|(u, s)| u + s);
        Ok((
            ExitStatus::from_raw(status),
            u64::try_from(usage.maxrss).ok(),
            cpu,
        ))
    }
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
mod wait {
    use std::process::{Child, ExitStatus};

    /// Elsewhere: no peak memory, no CPU time.
    pub fn wait(
        mut child: Child,
    ) -> std::io::Result<(ExitStatus, Option<u64>, Option<std::time::Duration>)> {
        Ok((child.wait()?, None, None))
    }
}

/// Medians (and extremes) of a set of runs.
struct Summary {
    wall: Duration,
    wall_min: Duration,
    wall_max: Duration,
    rss: Option<u64>,
    rss_max: Option<u64>,
    /// Median CPU time, when every run reported one.
    cpu: Option<Duration>,
}

impl Summary {
    fn of(samples: &[Measured]) -> Summary {
        let mut walls: Vec<Duration> = samples.iter().map(|m| m.wall).collect();
        walls.sort();
        let mut rss: Vec<u64> = samples.iter().filter_map(|m| m.max_rss_kib).collect();
        rss.sort();
        let mut cpu: Vec<Duration> = samples.iter().filter_map(|m| m.cpu).collect();
        cpu.sort();
        Summary {
            cpu: (!cpu.is_empty() && cpu.len() == samples.len()).then(|| median_duration(&cpu)),
            wall: median_duration(&walls),
            wall_min: walls.first().copied().unwrap_or_default(),
            wall_max: walls.last().copied().unwrap_or_default(),
            rss: median_u64(&rss),
            rss_max: rss.last().copied(),
        }
    }
}

fn median_duration(sorted: &[Duration]) -> Duration {
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

fn median_u64(sorted: &[u64]) -> Option<u64> {
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[n / 2]),
        n => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2),
    }
}

fn ratio(a: Option<u64>, b: Option<u64>) -> f64 {
    match (a, b) {
        (Some(a), Some(b)) if b > 0 => a as f64 / b as f64,
        _ => f64::NAN,
    }
}

fn fmt_duration(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{:.1} ms", d.as_secs_f64() * 1000.0)
    } else {
        format!("{:.2} s", d.as_secs_f64())
    }
}

fn fmt_minutes(d: Duration) -> String {
    let s = d.as_secs_f64();
    format!("{}:{:04.1}", (s / 60.0).floor() as u64, s % 60.0)
}

fn fmt_mib(kib: Option<u64>) -> String {
    match kib {
        Some(k) => format!("{:.0} MB", k as f64 * 1024.0 / 1e6),
        None => "n/a".into(),
    }
}

/// The machine the figures come from: CPU count and model, memory and load when measuring began.
fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, m)| m.trim().to_string())
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
        })
        .map(|kib| format!(", {:.1} GB memory", kib as f64 * 1024.0 / 1e9))
        .unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| {
            let parts: Vec<&str> = l.split_whitespace().take(3).collect();
            format!(", load average {} at start", parts.join(" "))
        })
        .unwrap_or_default();
    format!("machine: {cpus} CPUs, {model}{mem}{load}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        let ms = |v: &[u64]| {
            v.iter()
                .map(|&m| Duration::from_millis(m))
                .collect::<Vec<_>>()
        };
        assert_eq!(median_duration(&ms(&[1, 5, 9])), Duration::from_millis(5));
        assert_eq!(
            median_duration(&ms(&[1, 3, 5, 9])),
            Duration::from_millis(4)
        );
        assert_eq!(median_duration(&[]), Duration::ZERO);
        assert_eq!(median_u64(&[2, 4, 10]), Some(4));
        assert_eq!(median_u64(&[2, 4]), Some(3));
        assert_eq!(median_u64(&[]), None);
    }

    #[test]
    fn operations_are_counted_per_method_and_other_keys_are_not() {
        let doc: serde_yaml::Value = serde_yaml::from_str(
            "paths:\n  /a:\n    get: {}\n    post: {}\n    parameters: []\n  /b:\n    delete: {}\n    summary: x\n",
        )
        .unwrap();
        assert_eq!(count_operations(&doc), 3);
        let empty: serde_yaml::Value = serde_yaml::from_str("openapi: 3.0.3\n").unwrap();
        assert_eq!(count_operations(&empty), 0);
    }

    fn sh(script: &str) -> Command {
        let mut c = Command::new("sh");
        c.args(["-c", script]);
        c
    }

    #[test]
    fn peak_memory_of_a_child_is_reported_on_linux() {
        let log = std::env::temp_dir().join(format!("xtask-bench-ok-{}.log", std::process::id()));
        // dd holds one 64 MiB block in memory.
        let m = measure(sh("dd if=/dev/zero of=/dev/null bs=64M count=1"), &log).unwrap();
        let _ = std::fs::remove_file(&log);
        if cfg!(all(target_os = "linux", target_pointer_width = "64")) {
            let kib = m.max_rss_kib.expect("a peak above this process's own");
            assert!((64 * 1024..1024 * 1024).contains(&kib), "{kib} KiB");
        }
    }

    /// CPU time is what the child computed, not how long it took: a child that sleeps reports
    /// less CPU than wall time, one that computes reports a share of it.
    #[test]
    fn cpu_time_of_a_child_is_reported_on_linux() {
        if !cfg!(all(target_os = "linux", target_pointer_width = "64")) {
            return;
        }
        let log = std::env::temp_dir().join(format!("xtask-bench-cpu-{}.log", std::process::id()));
        let sleeper = measure(sh("sleep 0.3"), &log).unwrap();
        let busy = measure(
            sh("i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done"),
            &log,
        )
        .unwrap();
        let _ = std::fs::remove_file(&log);
        let (slept, worked) = (sleeper.cpu.unwrap(), busy.cpu.unwrap());
        assert!(sleeper.wall >= Duration::from_millis(300));
        assert!(slept < Duration::from_millis(150), "{slept:?}");
        assert!(worked > Duration::ZERO && worked <= busy.wall + Duration::from_millis(20));
        assert!(worked > slept, "{worked:?} against {slept:?}");
    }

    #[test]
    fn a_failing_command_is_an_error_with_its_output() {
        let log = std::env::temp_dir().join(format!("xtask-bench-fail-{}.log", std::process::id()));
        let err = measure(sh("echo boom >&2; exit 3"), &log).unwrap_err();
        let _ = std::fs::remove_file(&log);
        assert!(format!("{err:#}").contains("boom"), "{err:#}");
    }
}
